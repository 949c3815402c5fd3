import type { Failure } from "../failure";
import { isOpen } from "../fixes/outcome";
import { registrableDomain } from "../site";
import type { TabRecord } from "../tab-record";

/** Resource types that are "the page" or its own calls: a failed image, font or stylesheet raises no banner. */
export const BANNER_TYPES: ReadonlySet<string> = new Set(["main_frame", "sub_frame", "xmlhttprequest"]);

/** How long the banner says "Fixed" after the site answered normally. */
export const FIXED_BANNER_MS = 15_000;

export interface BannerChoice {
  failure: Failure;
  /** The page's site, where dismissal is remembered. */
  site: string;
  state: "open" | "waiting" | "fixed";
}

export interface BannerPreferences {
  bannerEnabled: boolean;
  bannerOffSites: readonly string[];
  /** Sites the person paused AuthLens on ("Pause on this site"): no banner there either. Absent in older callers. */
  ignoredSites?: readonly string[];
}

/**
 * The failure the in-page banner should show for a tab, or null: the newest failure of the page
 * or its fetches on the page's own site, unless the banner is off (globally or for the site).
 * A failure of another site (a cross-site API, a frame) is counted on the badge and explained in
 * the popup, never on the page: a page must not be able to make AuthLens tell a person, inside the
 * page, something about another site, or lead them into clearing that site's cookies.
 */
export function chooseBanner(record: TabRecord, pageUrl: string | null, prefs: BannerPreferences, now: number = Date.now()): BannerChoice | null {
  if (!prefs.bannerEnabled) return null;
  const site = pageUrl ? registrableDomain(pageUrl) : record.site;
  if (!site || prefs.bannerOffSites.includes(site) || prefs.ignoredSites?.includes(site)) return null;
  // A failure a fix settled says "Fixed" for a moment, then the banner goes; one a newer failure superseded says nothing.
  const justFixed = (f: Failure) => f.outcome?.state === "fixed" && now - (f.outcome.settledAt ?? f.outcome.at) <= FIXED_BANNER_MS;
  const failure = [...record.failures].reverse().find((f) => BANNER_TYPES.has(f.resourceType) && f.site === site && (isOpen(f, now) || justFixed(f)));
  if (!failure) return null;
  return { failure, site, state: failure.outcome?.state === "fixed" ? "fixed" : failure.outcome?.state === "waiting" ? "waiting" : "open" };
}

