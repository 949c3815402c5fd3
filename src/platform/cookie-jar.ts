import type { JarCookie } from "../core/cookies/cookie-jar";
import { registrableDomain } from "../core/site";
import { fromApiCookie, type ApiCookie } from "./site-cookies";

/** The slice of the `cookies` API the jar reader uses. */
export interface CookiesPort {
  getAll(details: { domain?: string; url?: string; partitionKey?: { topLevelSite?: string }; storeId?: string }): Promise<ApiCookie[]>;
}

const MAX_JAR = 300;

/**
 * Reads the site's cookies (all subdomains and paths, partitioned ones included) without values.
 * Runs only when a failure is recorded. Never throws: a jar that cannot be read is null.
 */
export async function readSiteJar(cookies: CookiesPort, url: string, topLevelUrl: string | null, storeId?: string): Promise<JarCookie[] | null> {
  const site = registrableDomain(url);
  if (!site) return null;
  const store = storeId ? { storeId } : {};
  try {
    const unpartitioned = await cookies.getAll({ domain: site, ...store });
    // Partitioned (CHIPS) cookies are returned only for the partition asked for: the tab's top-level site.
    const topLevelSite = topLevelUrl ? siteOrigin(topLevelUrl) : null;
    const partitioned = topLevelSite ? await cookies.getAll({ domain: site, partitionKey: { topLevelSite }, ...store }).catch(() => []) : [];
    // A frame inside another site's page: the site's own tab's partition too, where its sign-in may be kept apart.
    const ownSite = siteOrigin(url);
    const ownTab = topLevelSite && ownSite && ownSite !== topLevelSite ? await cookies.getAll({ domain: site, partitionKey: { topLevelSite: ownSite }, ...store }).catch(() => []) : [];
    const seen = new Set<string>();
    const jar: JarCookie[] = [];
    const all = [...unpartitioned.map((c) => [c, false] as const), ...partitioned.map((c) => [c, false] as const), ...ownTab.map((c) => [c, true] as const)];
    for (const [c, fromOwnTab] of all) {
      const partitionedCookie = c.partitionKey !== undefined && c.partitionKey !== null;
      const elsewhere = fromOwnTab && partitionedCookie;
      const key = `${c.name}\n${c.domain}\n${c.path}\n${partitionedCookie}\n${elsewhere}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // The value is dropped here: the diagnosis keeps names and attributes only.
      const { value: _value, storeId: _store, expirationDate: _expiry, partitionKey: _partition, ...attributes } = fromApiCookie(c);
      jar.push({ ...attributes, name: attributes.name.slice(0, 128), partitioned: partitionedCookie, ...(elsewhere ? { elsewhere: true } : {}) });
      if (jar.length >= MAX_JAR) break;
    }
    return jar;
  } catch {
    return null;
  }
}

/** "https://example.com" for a page on https://app.example.com: the schemeful site of a partition key. */
function siteOrigin(url: string): string | null {
  try {
    const { protocol } = new URL(url);
    const site = registrableDomain(url);
    return site ? `${protocol}//${site}` : null;
  } catch {
    return null;
  }
}
