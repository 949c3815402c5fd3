import type { Failure } from "./failure";
import { registrableDomain } from "./site";
import type { TabRecord } from "./tab-record";

/** Resource types that are "the page" or its own calls: a failed image, font or stylesheet raises no banner. */
export const BANNER_TYPES: ReadonlySet<string> = new Set(["main_frame", "sub_frame", "xmlhttprequest"]);

/** Fixes the banner can carry out, in the order it prefers them. */
const BANNER_FIXES = ["remove-stale-cookie", "clear-site-cookies", "retry-incognito", "reload"] as const;
export type BannerFix = (typeof BANNER_FIXES)[number];

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
 * or its fetches on the page's own site, unless the banner is off (globally or for the site).
 * A failure of another site (a cross-site API, a frame) is counted on the badge and explained in
 * the popup, never on the page: a page must not be able to make AuthLens tell a person, inside the
 * page, something about another site, or lead them into clearing that site's cookies.
 */
export function chooseBanner(record: TabRecord, pageUrl: string | null, prefs: BannerPreferences): BannerChoice | null {
  if (!prefs.bannerEnabled) return null;
  const site = pageUrl ? registrableDomain(pageUrl) : record.site;
  if (!site || prefs.bannerOffSites.includes(site)) return null;
  const failure = [...record.failures].reverse().find((f) => BANNER_TYPES.has(f.resourceType) && f.site === site);
  if (!failure) return null;
  const fix = BANNER_FIXES.find((f) => failure.fixes.includes(f)) ?? "reload";
  return { failure, site, fix };
}

/** The first sentence of a text, for a one-line "why". */
export function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text);
  return (match?.[0] ?? text).trim();
}
