/** The one-click fixes the UI can offer, by id; the UI maps each to an action. */
export const FIX_IDS = ["clear-site-cookies", "remove-stale-cookie", "retry-incognito", "reload", "sign-in-again", "contact-site"] as const;

export type FixId = (typeof FIX_IDS)[number];

const fixSet: ReadonlySet<string> = new Set(FIX_IDS);

/** Fixes that change a site's cookies: asked for by a page, only ever the page's own site's. */
export const COOKIE_FIXES: ReadonlySet<string> = new Set<FixId>(["remove-stale-cookie", "clear-site-cookies"]);

export function isFixId(value: unknown): value is FixId {
  return typeof value === "string" && fixSet.has(value);
}
