import { domainMatches, pathMatches } from "../core/cookie-jar";
import { hostsOf, staleDuplicates, type CookieSnapshot } from "../core/cookie-snapshot";
import type { Failure } from "../core/failure";
import { COOKIE_FIXES } from "../core/fix";
import { registrableDomain } from "../core/site";
import { duration, list, plural, text, type Phrase } from "../core/text";
import type { ActionFix, FixResult } from "../messaging/protocol";
import type { SettingsStore } from "../platform/settings";
import { removeCookies, restoreCookies, snapshotSiteCookies, storeOfTab, type CookieProblem, type CookiesWritePort } from "../platform/site-cookies";
import type { TabStore } from "../platform/tab-store";
import { say, t } from "../platform/i18n";
import type { UndoStore } from "../platform/undo-store";
import { UNDO_TTL_MS } from "../platform/undo-store";

export interface FixerDeps {
  tabStore: TabStore;
  undo: UndoStore;
  cookies: CookiesWritePort;
  tabs: { get(tabId: number): Promise<{ url?: string | undefined; incognito: boolean }>; reload(tabId: number): Promise<void>; update(tabId: number, details: { url: string }): Promise<unknown> };
  windows: { create(details: { url: string; incognito: boolean }): Promise<unknown> };
  /** Firefox opens private windows only for add-ons the person allowed there. */
  privateWindowsAllowed: () => Promise<boolean>;
  settings: SettingsStore;
  newId: () => string;
}

/** Carries out the one-click fixes and their undo. Every cookie removal is snapshotted first. */
export function createFixer(deps: FixerDeps) {
  const { tabStore, undo, cookies, tabs, windows, settings, privateWindowsAllowed, newId } = deps;

  async function reloadIfWanted(tabId: number): Promise<boolean> {
    if (!(await settings.read()).reloadAfterFix) return false;
    await tabs.reload(tabId).catch(() => undefined);
    return true;
  }

  /** Saves the snapshot, then removes: a worker stopped in between loses nothing Undo needs. */
  async function removeWithUndo(tabId: number, site: string, doomed: CookieSnapshot[], siteSnapshot: CookieSnapshot[]): Promise<{ undoId: string; problems: CookieProblem[] }> {
    const undoId = newId();
    await undo.save({ id: undoId, tabId, site, createdAt: Date.now(), cookies: doomed });
    return { undoId, problems: await removeCookies(cookies, doomed, siteSnapshot) };
  }

  async function clearSiteCookies(tabId: number, failure: Failure, pageSite: string | null): Promise<FixResult> {
    const site = registrableDomain(failure.url);
    if (!site) return { ok: false, message: t("fixNoSite") };
    const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
    if (snapshot.length === 0) return { ok: true, message: t("fixNoCookies", site) };
    const { undoId, problems } = await removeWithUndo(tabId, site, snapshot, snapshot);
    const removed = snapshot.length - problems.length;
    const hosts = hostsOf(snapshot).length;
    const where = pageSite && pageSite !== site ? text("fixOtherSiteKept", site, pageSite) : null;
    const reloaded = await reloadIfWanted(tabId);
    return {
      ok: problems.length === 0,
      message: sentences(text("fixRemoved", plural("nCookies", removed), plural("nHosts", hosts), site), where, problemsText(problems, "fixCouldNotRemove")),
      undoId,
      reloaded,
    };
  }

  async function removeStaleCookie(tabId: number, failure: Failure): Promise<FixResult> {
    const site = registrableDomain(failure.url);
    if (!site) return { ok: false, message: t("fixNoSite") };
    const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
    // Among the cookies that apply to the failing URL now, those that shadow another of their name.
    const { hostname, pathname } = new URL(failure.url);
    const applicable = snapshot.filter((c) => domainMatches(hostname, c) && pathMatches(pathname, c.path));
    const names = [...new Set([...(failure.details.jar?.duplicateNames ?? []), ...failure.details.sent.cookieNames.filter((n, i, a) => a.indexOf(n) !== i)])];
    const stale = staleDuplicates(applicable, names);
    if (stale.length === 0) return { ok: true, message: t("fixNoStaleLeft") };
    const { undoId, problems } = await removeWithUndo(tabId, site, stale, snapshot);
    const reloaded = await reloadIfWanted(tabId);
    const which = list(stale.map((c) => text("cookieOn", c.name, `${c.domain}${c.path}`)));
    return { ok: problems.length === 0, message: sentences(text("fixRemovedStale", which), problemsText(problems, "fixCouldNotRemove")), undoId, reloaded };
  }

  async function retryIncognito(tabId: number, failure: Failure): Promise<FixResult> {
    const tab = await tabs.get(tabId).catch(() => null);
    const url = tab?.url && /^https?:/.test(tab.url) ? tab.url : failure.url;
    const warning = failure.cause === "cookies-blocked" ? text("fixIncognitoNoHelpCookies") : failure.cause === "wrong-credentials" ? text("fixIncognitoNoHelpPassword") : null;
    if (!(await privateWindowsAllowed().catch(() => true))) return { ok: false, message: t("fixIncognitoNotAllowed") };
    try {
      await windows.create({ url, incognito: true });
      return { ok: true, message: sentences(text("fixOpenedIncognito", url), warning) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, message: /disabled|policy|not allowed|permission/i.test(reason) ? t("fixIncognitoOff") : t("fixIncognitoFailed", reason) };
    }
  }

  /**
   * Opens the page the site sent the person away from: the site sends them to the sign-in page it
   * chooses, with a fresh return address (the one recorded is redacted, and a provider's state is
   * single-use). After an OAuth/OpenID error, the app's front page, which starts a new sign-in.
   */
  async function signInAgain(tabId: number, failure: Failure): Promise<FixResult> {
    const redirect = failure.details.redirect;
    if (!redirect) return { ok: false, message: t("fixSignInOnSite") };
    let url: URL;
    try {
      url = new URL(failure.url);
    } catch {
      return { ok: false, message: t("fixNoPage") };
    }
    const target = redirect.oauthError || url.search.includes("REDACTED") ? `${url.origin}${redirect.oauthError ? "/" : url.pathname}` : url.href;
    await tabs.update(tabId, { url: target });
    return { ok: true, message: t("fixOpenedAgain", target, url.host), reloaded: true };
  }

  return {
    /**
     * `onlySite` (for a request from the page's banner): the page's site. A cookie fix for a failure
     * of any other site is refused, so a page cannot have AuthLens clear another site's cookies.
     */
    async apply(tabId: number, failureId: string, fix: ActionFix, onlySite?: string | null): Promise<FixResult> {
      if (fix === "reload") {
        await tabs.reload(tabId);
        return { ok: true, message: t("fixReloaded"), reloaded: true };
      }
      const record = await tabStore.read(tabId);
      const failure = record.failures.find((f) => f.id === failureId);
      if (!failure) return { ok: false, message: t("fixFailureGone") };
      if (onlySite !== undefined && COOKIE_FIXES.has(fix) && failure.site !== onlySite) {
        return { ok: false, message: failure.site ? t("fixOnlyOwnSite", failure.site) : t("fixOnlyOwnSiteUnknown") };
      }
      switch (fix) {
        case "clear-site-cookies":
          return clearSiteCookies(tabId, failure, record.site);
        case "remove-stale-cookie":
          return removeStaleCookie(tabId, failure);
        case "retry-incognito":
          return retryIncognito(tabId, failure);
        case "sign-in-again":
          return signInAgain(tabId, failure);
      }
    },
    async undo(tabId: number, undoId: string): Promise<FixResult> {
      const entry = await undo.take(undoId);
      if (!entry || entry.tabId !== tabId) return { ok: false, message: t("fixUndoGone", duration(UNDO_TTL_MS)) };
      const problems = await restoreCookies(cookies, entry.cookies);
      await undo.forget(undoId);
      const reloaded = await reloadIfWanted(tabId);
      return { ok: problems.length === 0, message: sentences(text("fixPutBack", plural("nCookies", entry.cookies.length - problems.length), entry.site), problemsText(problems, "fixCouldNotRestore")), reloaded };
    },
    undoList: (tabId: number) => undo.forTab(tabId),
  };
}

export type Fixer = ReturnType<typeof createFixer>;

/** Sentences said one after another. */
function sentences(...parts: (Phrase | null)[]): string {
  return parts.flatMap((p) => (p ? [say(p)] : [])).join(" ");
}

/** The cookies a fix could not change, and the browser's reason for each. */
function problemsText(problems: readonly CookieProblem[], key: "fixCouldNotRemove" | "fixCouldNotRestore"): Phrase | null {
  if (problems.length === 0) return null;
  return text(key, list(problems.map((p) => text("cookieOnBecause", p.name, p.domain, p.reason))));
}
