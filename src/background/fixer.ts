import { domainMatches, pathMatches } from "../core/cookie-jar";
import { hostsOf, staleDuplicates, type CookieSnapshot } from "../core/cookie-snapshot";
import type { Failure } from "../core/failure";
import { COOKIE_FIXES } from "../core/fix";
import { registrableDomain } from "../core/site";
import type { ActionFix, FixResult } from "../messaging/protocol";
import type { SettingsStore } from "../platform/settings";
import { removeCookies, restoreCookies, snapshotSiteCookies, storeOfTab, type CookieProblem, type CookiesWritePort } from "../platform/site-cookies";
import type { TabStore } from "../platform/tab-store";
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
    if (!site) return { ok: false, message: "AuthLens cannot tell which site this request belongs to." };
    const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
    if (snapshot.length === 0) return { ok: true, message: `There were no cookies for ${site} to remove.` };
    const { undoId, problems } = await removeWithUndo(tabId, site, snapshot, snapshot);
    const removed = snapshot.length - problems.length;
    const hosts = hostsOf(snapshot).length;
    const where = pageSite && pageSite !== site ? ` ${site} is the site that refused the request; this tab's page is on ${pageSite}, whose cookies were kept.` : "";
    const reloaded = await reloadIfWanted(tabId);
    return {
      ok: problems.length === 0,
      message: `Removed ${plural(removed, "cookie")} from ${plural(hosts, "host")} of ${site}.${where}${describeProblems(problems, "remove")}`,
      undoId,
      reloaded,
    };
  }

  async function removeStaleCookie(tabId: number, failure: Failure): Promise<FixResult> {
    const site = registrableDomain(failure.url);
    if (!site) return { ok: false, message: "AuthLens cannot tell which site this request belongs to." };
    const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
    // Among the cookies that apply to the failing URL now, those that shadow another of their name.
    const { hostname, pathname } = new URL(failure.url);
    const applicable = snapshot.filter((c) => domainMatches(hostname, c) && pathMatches(pathname, c.path));
    const names = [...new Set([...(failure.details.jar?.duplicateNames ?? []), ...failure.details.sent.cookieNames.filter((n, i, a) => a.indexOf(n) !== i)])];
    const stale = staleDuplicates(applicable, names);
    if (stale.length === 0) return { ok: true, message: "No stale cookie is left for this address: each cookie name now appears once." };
    const { undoId, problems } = await removeWithUndo(tabId, site, stale, snapshot);
    const reloaded = await reloadIfWanted(tabId);
    const which = stale.map((c) => `${c.name} on ${c.domain}${c.path}`).join(", ");
    return { ok: problems.length === 0, message: `Removed the stale cookie ${which}; the rest of your session was kept.${describeProblems(problems, "remove")}`, undoId, reloaded };
  }

  async function retryIncognito(tabId: number, failure: Failure): Promise<FixResult> {
    const tab = await tabs.get(tabId).catch(() => null);
    const url = tab?.url && /^https?:/.test(tab.url) ? tab.url : failure.url;
    const warning =
      failure.cause === "cookies-blocked"
        ? " It will probably not help: private windows block third-party cookies by default."
        : failure.cause === "wrong-credentials"
          ? " It will probably not help: the username or password itself was refused."
          : "";
    if (!(await privateWindowsAllowed().catch(() => true))) {
      return {
        ok: false,
        message: "AuthLens may not open private windows yet. Allow it in your browser's add-ons settings (Firefox: Add-ons and themes → AuthLens → Run in Private Windows), then try again.",
      };
    }
    try {
      await windows.create({ url, incognito: true });
      return { ok: true, message: `Opened ${url} in a new private window, with none of your cookies.${warning}` };
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      return {
        ok: false,
        message: /disabled|policy|not allowed|permission/i.test(text)
          ? "Private windows are turned off in this browser (by your administrator's policy, or because AuthLens may not run in private windows). Open the page in another browser profile instead."
          : `Could not open a private window: ${text}`,
      };
    }
  }

  /**
   * Opens the page the site sent the person away from: the site sends them to the sign-in page it
   * chooses, with a fresh return address (the one recorded is redacted, and a provider's state is
   * single-use). After an OAuth/OpenID error, the app's front page, which starts a new sign-in.
   */
  async function signInAgain(tabId: number, failure: Failure): Promise<FixResult> {
    const redirect = failure.details.redirect;
    if (!redirect) return { ok: false, message: "Sign in on the site's own sign-in page." };
    let url: URL;
    try {
      url = new URL(failure.url);
    } catch {
      return { ok: false, message: "AuthLens cannot tell which page to open." };
    }
    const target = redirect.oauthError || url.search.includes("REDACTED") ? `${url.origin}${redirect.oauthError ? "/" : url.pathname}` : url.href;
    await tabs.update(tabId, { url: target });
    return { ok: true, message: `Opened ${target} again: ${url.host} will take you to its sign-in page.`, reloaded: true };
  }

  return {
    /**
     * `onlySite` (for a request from the page's banner): the page's site. A cookie fix for a failure
     * of any other site is refused, so a page cannot have AuthLens clear another site's cookies.
     */
    async apply(tabId: number, failureId: string, fix: ActionFix, onlySite?: string | null): Promise<FixResult> {
      if (fix === "reload") {
        await tabs.reload(tabId);
        return { ok: true, message: "Reloaded the page.", reloaded: true };
      }
      const record = await tabStore.read(tabId);
      const failure = record.failures.find((f) => f.id === failureId);
      if (!failure) return { ok: false, message: "That failure is no longer recorded for this tab (the tab moved to another site, or was closed)." };
      if (onlySite !== undefined && COOKIE_FIXES.has(fix) && failure.site !== onlySite) {
        return { ok: false, message: `The page can only change its own site's cookies. Use the AuthLens button in the toolbar to change ${failure.site ?? "this site"}'s.` };
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
      if (!entry || entry.tabId !== tabId) return { ok: false, message: `Undo is no longer available: it lasts ${UNDO_TTL_MS / 60_000} minutes, and only in the tab where the cookies were removed.` };
      const problems = await restoreCookies(cookies, entry.cookies);
      await undo.forget(undoId);
      const reloaded = await reloadIfWanted(tabId);
      return { ok: problems.length === 0, message: `Put back ${plural(entry.cookies.length - problems.length, "cookie")} for ${entry.site}.${describeProblems(problems, "restore")}`, reloaded };
    },
    undoList: (tabId: number) => undo.forTab(tabId),
  };
}

export type Fixer = ReturnType<typeof createFixer>;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function describeProblems(problems: readonly CookieProblem[], verb: string): string {
  if (problems.length === 0) return "";
  return ` Could not ${verb} ${problems.map((p) => `${p.name} on ${p.domain} (${p.reason})`).join("; ")}.`;
}
