import { domainMatches, pathMatches } from "../core/cookies/cookie-jar";
import { hostsOf, staleDuplicates, type CookieSnapshot } from "../core/cookies/cookie-snapshot";
import type { Failure } from "../core/failure";
import { registrableDomain } from "../core/site";
import { duration, list, plural, text, type Phrase } from "../core/report/text";
import type { FixResult } from "../messaging/protocol";
import { removeCookies, restoreCookies, snapshotSiteCookies, storeOfTab, type CookieProblem, type CookiesWritePort } from "../platform/site-cookies";
import { say, t } from "../platform/i18n";
import { UNDO_TTL_MS, type UndoStore } from "../platform/undo-store";
import type { OwnActions } from "./own-actions";

export interface CookieFixDeps {
  undo: UndoStore;
  cookies: CookiesWritePort;
  ownActions: Pick<OwnActions, "expectCookies">;
  newId: () => string;
}

/**
 * The fixes that change a site's cookies, and their undo. Every removal is snapshotted first, and
 * told to {@link OwnActions} first: the browser's reports of AuthLens's own changes are no evidence.
 */
export function createCookieFixes({ undo, cookies, ownActions, newId }: CookieFixDeps) {
  /** Saves the snapshot, then removes: a worker stopped in between loses nothing Undo needs. */
  async function removeWithUndo(tabId: number, site: string, doomed: CookieSnapshot[], siteSnapshot: CookieSnapshot[]): Promise<{ undoId: string; problems: CookieProblem[] }> {
    const undoId = newId();
    await undo.save({ id: undoId, tabId, site, createdAt: Date.now(), cookies: doomed });
    ownActions.expectCookies(doomed, true);
    return { undoId, problems: await removeCookies(cookies, doomed, siteSnapshot) };
  }

  return {
    async clearSite(tabId: number, failure: Failure, pageSite: string | null): Promise<FixResult & { removed: number }> {
      const site = registrableDomain(failure.url);
      if (!site) return { ok: false, message: t("fixNoSite"), removed: 0 };
      const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
      if (snapshot.length === 0) return { ok: true, message: t("fixNoCookies", site), removed: 0 };
      const { undoId, problems } = await removeWithUndo(tabId, site, snapshot, snapshot);
      const removed = snapshot.length - problems.length;
      const where = pageSite && pageSite !== site ? text("fixOtherSiteKept", site, pageSite) : null;
      return {
        ok: problems.length === 0,
        message: sentences(text("fixRemoved", plural("nCookies", removed), plural("nHosts", hostsOf(snapshot).length), site), where, problemsText(problems, "fixCouldNotRemove")),
        undoId,
        removed,
      };
    },
    async removeStale(tabId: number, failure: Failure): Promise<FixResult & { removed: number }> {
      const site = registrableDomain(failure.url);
      if (!site) return { ok: false, message: t("fixNoSite"), removed: 0 };
      const snapshot = await snapshotSiteCookies(cookies, site, await storeOfTab(cookies, tabId));
      // Among the cookies that apply to the failing URL now, those that shadow another of their name.
      const { hostname, pathname } = new URL(failure.url);
      const applicable = snapshot.filter((c) => domainMatches(hostname, c) && pathMatches(pathname, c.path));
      const names = [...new Set([...(failure.details.jar?.duplicateNames ?? []), ...failure.details.sent.cookieNames.filter((n, i, a) => a.indexOf(n) !== i)])];
      const stale = staleDuplicates(applicable, names);
      if (stale.length === 0) return { ok: true, message: t("fixNoStaleLeft"), removed: 0 };
      const { undoId, problems } = await removeWithUndo(tabId, site, stale, snapshot);
      const which = list(stale.map((c) => text("cookieOn", c.name, `${c.domain}${c.path}`)));
      return { ok: problems.length === 0, message: sentences(text("fixRemovedStale", which), problemsText(problems, "fixCouldNotRemove")), undoId, removed: stale.length - problems.length };
    },
    async undo(tabId: number, undoId: string): Promise<FixResult & { restored: number }> {
      const entry = await undo.take(undoId);
      if (!entry || entry.tabId !== tabId) return { ok: false, message: t("fixUndoGone", duration(UNDO_TTL_MS)), restored: 0 };
      ownActions.expectCookies(entry.cookies, false);
      const problems = await restoreCookies(cookies, entry.cookies);
      await undo.forget(undoId);
      const restored = entry.cookies.length - problems.length;
      return { ok: problems.length === 0, message: sentences(text("fixPutBack", plural("nCookies", restored), entry.site), problemsText(problems, "fixCouldNotRestore")), restored };
    },
  };
}

/** Sentences said one after another. */
export function sentences(...parts: (Phrase | null)[]): string {
  return parts.flatMap((p) => (p ? [say(p)] : [])).join(" ");
}

/** The cookies a fix could not change, and the browser's reason for each. */
function problemsText(problems: readonly CookieProblem[], key: "fixCouldNotRemove" | "fixCouldNotRestore"): Phrase | null {
  if (problems.length === 0) return null;
  return text(key, list(problems.map((p) => text("cookieOnBecause", p.name, p.domain, p.reason))));
}
