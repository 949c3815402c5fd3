/**
 * Site names as a person or an administrator writes them (settings, policies). Apart from
 * site.ts so that the pages that check a typed name do not carry the public-suffix list.
 */
const SITE_NAME = /^[a-z0-9.-]{1,253}$|^[0-9a-f:]{2,39}$/;

/** True for something that can be a registrable domain, an IP address or a single-label host. */
export function isSiteName(value: string): boolean {
  return SITE_NAME.test(value) && !value.startsWith(".") && !value.endsWith(".");
}

/** A list of site names as a person or an administrator wrote it: trimmed, lower-cased, each once, the rest dropped; null when not a list. */
export function parseSiteList(value: unknown, max = 500): string[] | null {
  if (!Array.isArray(value)) return null;
  return [...new Set(value.filter((s): s is string => typeof s === "string").map((s) => s.trim().toLowerCase()).filter(isSiteName))].slice(0, max);
}
