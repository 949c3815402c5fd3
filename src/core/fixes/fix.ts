/**
 * The fixes AuthLens offers, by id (the report contract's `fixes`, docs/report.md#fixes). Every
 * one is a button on every surface; the worker carries each out (`apply-fix`).
 */
export const FIX_IDS = [
  /** Opens the site's sign-in page (or its front page) in the tab. */
  "sign-in",
  /** The same in a new tab, keeping the page and what was typed on it; then the person tries again. */
  "sign-in-new-tab",
  /** Reloads, so the browser asks for the username and password of HTTP Basic/Digest (or the proxy's) again. */
  "enter-password",
  "remove-stale-cookie",
  /** Signs the person out of the whole site: first only where the evidence says its cookies are the problem. */
  "clear-site-cookies",
  "reload",
  "retry-incognito",
  /** Copies a report of the failure for the site's administrator (or IT, for a proxy). */
  "copy-report",
  /** Says how far off the computer's clock is, and where to set it. */
  "set-clock",
  /** Opens the site a frame embeds in a tab of its own, where the browser sends its cookies. */
  "open-own-tab",
  /** Opens the browser's cookie settings, where the person can allow the site's cookies. */
  "allow-cookies",
] as const;

export type FixId = (typeof FIX_IDS)[number];

const fixSet: ReadonlySet<string> = new Set(FIX_IDS);

/** Fixes that change a site's cookies: asked for by a page, only ever the page's own site's. */
export const COOKIE_FIXES: ReadonlySet<FixId> = new Set<FixId>(["remove-stale-cookie", "clear-site-cookies"]);

/** Fixes that reload the tab or move it to another page: what was typed on the page would be lost. */
export const TAB_LEAVING_FIXES: ReadonlySet<FixId> = new Set<FixId>(["sign-in", "enter-password", "reload"]);

/** Ids an earlier version stored, and what they are now (a record in `storage.session` can outlive an update). */
const RENAMED: Readonly<Record<string, FixId>> = { "sign-in-again": "sign-in", "contact-site": "copy-report" };

export function isFixId(value: unknown): value is FixId {
  return typeof value === "string" && fixSet.has(value);
}

/** A stored fix id as this version names it, or null for one it does not know. */
export function readFixId(value: unknown): FixId | null {
  if (isFixId(value)) return value;
  return typeof value === "string" ? (RENAMED[value] ?? null) : null;
}
