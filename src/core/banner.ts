import type { Failure } from "./failure";
import { registrableDomain } from "./site";
import type { TabRecord } from "./tab-record";

/** Resource types that are "the page" or its own calls: a failed image, font or stylesheet raises no banner. */
export const BANNER_TYPES: ReadonlySet<string> = new Set(["main_frame", "sub_frame", "xmlhttprequest"]);

/** Fixes the banner can carry out, in the order it prefers them. */
const BANNER_FIXES = ["remove-stale-cookie", "clear-site-cookies", "retry-incognito", "reload"] as const;
export type BannerFix = (typeof BANNER_FIXES)[number];

/** Fixes that change a site's cookies: from the page, only ever the page's own site's. */
export const COOKIE_FIXES: ReadonlySet<string> = new Set(["remove-stale-cookie", "clear-site-cookies"]);

export interface BannerChoice {
  failure: Failure;
  /** The page's site, where dismissal is remembered. */
  site: string;
  fix: BannerFix;
}

export interface BannerPreferences {
  bannerEnabled: boolean;
  bannerOffSites: readonly string[];
}

/**
 * The failure the in-page banner should show for a tab, or null: the newest failure of the page
 * or its fetches, unless the banner is off (globally or for the site). A failure of another site
 * (a cross-site API, a frame) is shown, but never with a cookie fix: a page must not be able to
 * lead a person into clearing another site's cookies from its own banner.
 */
export function chooseBanner(record: TabRecord, pageUrl: string | null, prefs: BannerPreferences): BannerChoice | null {
  if (!prefs.bannerEnabled) return null;
  const site = (pageUrl ? registrableDomain(pageUrl) : null) ?? record.site;
  if (!site || prefs.bannerOffSites.includes(site)) return null;
  const failure = [...record.failures].reverse().find((f) => BANNER_TYPES.has(f.resourceType));
  if (!failure) return null;
  const ownSite = failure.site === site;
  const fix = BANNER_FIXES.find((f) => failure.fixes.includes(f) && (ownSite || !COOKIE_FIXES.has(f))) ?? "reload";
  return { failure, site, fix };
}

/** The first sentence of a text, for a one-line "why". */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text);
  return (match?.[0] ?? text).trim();
}
