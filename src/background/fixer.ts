import type { Failure } from "../core/failure";
import { COOKIE_FIXES, TAB_LEAVING_FIXES, type FixId } from "../core/fixes/fix";
import { isWatchedFix, watchFor, type OwnActionKind } from "../core/fixes/outcome";
import { duration, text, verbatim } from "../core/report/text";
import type { FixResult } from "../messaging/protocol";
import type { SettingsStore } from "../platform/settings";
import type { CookiesWritePort } from "../platform/site-cookies";
import type { TabStore } from "../platform/tab-store";
import { t } from "../platform/i18n";
import type { UndoStore } from "../platform/undo-store";
import { createCookieFixes, sentences } from "./cookie-fixes";
import type { FixWatcher } from "./fix-watch";
import type { OwnActions } from "./own-actions";

export interface FixerDeps {
  tabStore: TabStore;
  undo: UndoStore;
  cookies: CookiesWritePort;
  tabs: {
    get(tabId: number): Promise<{ url?: string | undefined; incognito: boolean }>;
    reload(tabId: number): Promise<void>;
    update(tabId: number, details: { url: string }): Promise<unknown>;
    create(details: { url: string; openerTabId?: number; active?: boolean }): Promise<unknown>;
  };
  windows: { create(details: { url: string; incognito: boolean }): Promise<unknown> };
  /** Firefox opens private windows only for add-ons the person allowed there. */
  privateWindowsAllowed: () => Promise<boolean>;
  settings: SettingsStore;
  newId: () => string;
  /** Whether the tab's page holds typed text that reloading or leaving it would lose. */
  unsavedInput: (tabId: number) => Promise<boolean>;
  ownActions: Pick<OwnActions, "note" | "expectCookies">;
  fixWatch: Pick<FixWatcher, "start" | "cancel">;
  /** The report of one failure for its site's administrator (or IT), in the person's language. */
  reportText: (failure: Failure) => string;
  /** Opens the browser's cookie settings; false where no extension may open them (Firefox). */
  openCookieSettings: () => Promise<boolean>;
  now?: () => number;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * Carries out the fixes of the ranked list (core/fixes/rank-fixes.ts) and their undo. A fix that
 * would reload or leave a page holding typed text asks first, or signs in in a new tab instead;
 * every fix whose effect shows in the tab is watched until the site answers (fix-watch.ts); and
 * every reload, navigation and cookie change it makes is told to {@link OwnActions} first.
 */
export function createFixer(deps: FixerDeps) {
  const { tabStore, cookies, tabs, windows, settings, privateWindowsAllowed, unsavedInput, ownActions, fixWatch, reportText, openCookieSettings, now = Date.now } = deps;
  const cookieFixes = createCookieFixes({ undo: deps.undo, cookies, ownActions, newId: deps.newId });

  /** Reloads after a cookie fix where the person wants it, unless that would lose what they typed. */
  async function reloadIfWanted(tabId: number, kind: OwnActionKind): Promise<{ reloaded: boolean; kept: boolean }> {
    if (!(await settings.read()).reloadAfterFix) return { reloaded: false, kept: false };
    if (await unsavedInput(tabId)) return { reloaded: false, kept: true };
    ownActions.note(tabId, kind);
    await tabs.reload(tabId).catch(() => undefined);
    return { reloaded: true, kept: false };
  }

  async function afterCookieFix(tabId: number, fix: FixId, result: FixResult & { removed: number }): Promise<FixResult> {
    const { removed, ...rest } = result;
    if (removed === 0) return rest;
    const { reloaded, kept } = await reloadIfWanted(tabId, fix);
    return { ...rest, reloaded, ...(kept ? { message: sentences(verbatim(rest.message), text("fixNotReloadedInput")) } : {}) };
  }

  async function signIn(tabId: number, failure: Failure, newTab: boolean): Promise<FixResult> {
    const target = failure.details.signIn;
    if (!target) return { ok: false, message: t("fixNoPage") };
    const host = hostOf(failure.url);
    if (newTab) {
      await tabs.create({ url: target.url, openerTabId: tabId, active: true });
      return { ok: true, message: t("fixOpenedSignInNewTab", hostOf(target.url)) };
    }
    ownActions.note(tabId, "sign-in");
    await tabs.update(tabId, { url: target.url });
    const message = target.from === "again" ? t("fixOpenedAgain", target.url, host) : target.from === "front-page" ? t("fixOpenedFrontPage", hostOf(target.url)) : t("fixOpenedSignIn", hostOf(target.url));
    return { ok: true, message, reloaded: true };
  }

  async function retryIncognito(tabId: number, failure: Failure): Promise<FixResult> {
    const tab = await tabs.get(tabId).catch(() => null);
    const url = tab?.url && /^https?:/.test(tab.url) ? tab.url : failure.url;
    if (!(await privateWindowsAllowed().catch(() => true))) return { ok: false, message: t("fixIncognitoNotAllowed") };
    try {
      await windows.create({ url, incognito: true });
      return { ok: true, message: t("fixOpenedIncognito", url) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, message: /disabled|policy|not allowed|permission/i.test(reason) ? t("fixIncognitoOff") : t("fixIncognitoFailed", reason) };
    }
  }

  function setClock(failure: Failure): FixResult {
    const skew = failure.details.clockSkewMs;
    // The server's clock minus this computer's: ahead of the server when negative.
    if (skew === null || skew === 0) return { ok: true, message: t("fixClockSteps") };
    return { ok: true, message: t(skew > 0 ? "fixClockBehind" : "fixClockAhead", duration(Math.abs(skew)), hostOf(failure.url)) };
  }

  async function carryOut(tabId: number, failure: Failure, fix: FixId, pageSite: string | null): Promise<FixResult> {
    switch (fix) {
      case "reload":
      case "enter-password":
        ownActions.note(tabId, fix);
        await tabs.reload(tabId);
        return { ok: true, message: t(fix === "reload" ? "fixReloaded" : "fixPasswordAgain"), reloaded: true };
      case "sign-in":
        return signIn(tabId, failure, false);
      case "sign-in-new-tab":
        return signIn(tabId, failure, true);
      case "clear-site-cookies":
        ownActions.note(tabId, fix);
        return afterCookieFix(tabId, fix, await cookieFixes.clearSite(tabId, failure, pageSite));
      case "remove-stale-cookie":
        ownActions.note(tabId, fix);
        return afterCookieFix(tabId, fix, await cookieFixes.removeStale(tabId, failure));
      case "retry-incognito":
        return retryIncognito(tabId, failure);
      case "copy-report":
        return { ok: true, message: t(failure.cause === "proxy-auth" ? "fixCopiedReportIt" : "fixCopiedReportAdmin"), copy: reportText(failure) };
      case "set-clock":
        return setClock(failure);
      case "open-own-tab": {
        const url = `${new URL(failure.url).origin}/`;
        await tabs.create({ url, openerTabId: tabId, active: true });
        return { ok: true, message: t("fixOpenedOwnTab", hostOf(url)) };
      }
      case "allow-cookies": {
        const site = failure.site ?? hostOf(failure.url);
        return { ok: true, message: (await openCookieSettings().catch(() => false)) ? t("fixOpenedCookieSettings", site) : t("fixCookieSettingsSteps", site) };
      }
    }
  }

  return {
    /**
     * `onlySite` (for a request from the page's banner): the page's site. A fix for a failure of
     * any other site is refused, so a page cannot have AuthLens clear another site's cookies or
     * send the tab somewhere on its behalf. `force`: the person chose to reload despite typed text.
     */
    async apply(tabId: number, failureId: string, requested: FixId, { onlySite, force = false }: { onlySite?: string | null; force?: boolean } = {}): Promise<FixResult> {
      const record = await tabStore.read(tabId);
      const failure = record.failures.find((f) => f.id === failureId);
      if (!failure && requested === "reload" && onlySite === undefined) {
        // A reload needs no record: the tab moved on, or the failures were cleared, since the popup opened.
        if (!force && (await unsavedInput(tabId))) return { ok: false, confirm: "unsaved-input", message: t("fixWouldLoseInput") };
        ownActions.note(tabId, "reload");
        await tabs.reload(tabId);
        return { ok: true, message: t("fixReloaded"), reloaded: true };
      }
      if (!failure) return { ok: false, message: t("fixFailureGone") };
      if (onlySite !== undefined && failure.site !== onlySite) {
        return { ok: false, message: failure.site ? t(COOKIE_FIXES.has(requested) ? "fixOnlyOwnSite" : "fixOnlyOwnSiteAction", failure.site) : t("fixOnlyOwnSiteUnknown") };
      }
      let fix = requested;
      if (TAB_LEAVING_FIXES.has(fix) && !force && (await unsavedInput(tabId))) {
        // Nothing typed is lost: signing in moves to a new tab by itself; a reload asks first.
        if (fix !== "sign-in") return { ok: false, confirm: "unsaved-input", message: t("fixWouldLoseInput") };
        fix = "sign-in-new-tab";
      }
      // Watched before it acts: the answer to a reload can come before the fix returns.
      const watch = isWatchedFix(fix) ? watchFor(tabId, record.failures, failure, fix, now()) : null;
      if (watch) await fixWatch.start(watch);
      try {
        const result = await carryOut(tabId, failure, fix, record.site);
        if (watch && !result.ok) await fixWatch.cancel(watch);
        return result;
      } catch (error) {
        if (watch) await fixWatch.cancel(watch);
        throw error;
      }
    },
    async undo(tabId: number, undoId: string): Promise<FixResult> {
      const { restored, ...result } = await cookieFixes.undo(tabId, undoId);
      if (restored === 0) return result;
      const { reloaded, kept } = await reloadIfWanted(tabId, "undo");
      return { ...result, reloaded, ...(kept ? { message: sentences(verbatim(result.message), text("fixNotReloadedInput")) } : {}) };
    },
    undoList: (tabId: number) => deps.undo.forTab(tabId),
  };
}

export type Fixer = ReturnType<typeof createFixer>;
