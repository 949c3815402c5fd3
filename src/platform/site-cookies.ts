import { restoreDetails, type CookieSetDetails, type CookieSnapshot } from "../core/cookies/cookie-snapshot";
import { cookieUrl } from "../core/cookies/cookie-snapshot";
import { domainMatches, normalizeSameSite, pathMatches } from "../core/cookies/cookie-jar";

/** A cookie as the cookies API returns it. */
export interface ApiCookie extends Omit<CookieSnapshot, "sameSite" | "partitionKey"> {
  sameSite: string;
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
}

/** The slice of the `cookies` API that fixes use. */
export interface CookiesWritePort {
  getAll(details: { domain?: string; storeId?: string; partitionKey?: { topLevelSite?: string } }): Promise<ApiCookie[]>;
  remove(details: { url: string; name: string; storeId?: string; partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } }): Promise<unknown>;
  set(details: CookieSetDetails): Promise<unknown>;
  getAllCookieStores(): Promise<{ id: string; tabIds: number[] }[]>;
}

/** A cookie that could not be removed or put back, and why, in words a person reads. */
export interface CookieProblem {
  name: string;
  domain: string;
  reason: string;
}

/** The cookie store a tab uses: the incognito store for an incognito tab (where AuthLens may run there). */
export async function storeOfTab(cookies: CookiesWritePort, tabId: number): Promise<string | undefined> {
  const stores = await cookies.getAllCookieStores();
  return stores.find((s) => s.tabIds.includes(tabId))?.id;
}

/**
 * Every cookie of a site: the registrable domain and all its subdomains and paths, partitioned
 * cookies included, with values (these snapshots are what Undo restores).
 */
export async function snapshotSiteCookies(cookies: CookiesWritePort, site: string, storeId: string | undefined): Promise<CookieSnapshot[]> {
  const store = storeId ? { storeId } : {};
  const unpartitioned = await cookies.getAll({ domain: site, ...store });
  // `partitionKey: {}` asks for the cookies of every partition (Chrome 119+); older browsers throw.
  const partitioned = await cookies.getAll({ domain: site, partitionKey: {}, ...store }).catch(() => [] as ApiCookie[]);
  const byKey = new Map<string, CookieSnapshot>();
  for (const c of [...unpartitioned, ...partitioned]) {
    const snapshot = fromApiCookie(c);
    byKey.set(`${c.name}\n${c.domain}\n${c.path}\n${JSON.stringify(c.partitionKey ?? null)}`, snapshot);
  }
  return [...byKey.values()];
}

/** A cookies-API cookie as a snapshot: every attribute kept, optional ones only when present. */
export function fromApiCookie(c: ApiCookie): CookieSnapshot {
  return {
    name: c.name,
    value: c.value,
    domain: c.domain,
    hostOnly: c.hostOnly,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    sameSite: normalizeSameSite(c.sameSite),
    session: c.session,
    ...(c.expirationDate !== undefined ? { expirationDate: c.expirationDate } : {}),
    storeId: c.storeId,
    ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
  };
}

/**
 * Removes exactly the `doomed` cookies. `cookies.remove` deletes every cookie of that name the URL
 * would receive (Chrome's deletion filter is URL + name), so a same-name cookie that should stay
 * (the fresh session beside a stale one) is put back from `siteSnapshot` straight away.
 * Returns the cookies it could not remove or keep, with the reason.
 */
export async function removeCookies(cookies: CookiesWritePort, doomed: readonly CookieSnapshot[], siteSnapshot: readonly CookieSnapshot[] = doomed): Promise<CookieProblem[]> {
  const problems: CookieProblem[] = [];
  const keep = siteSnapshot.filter((c) => !doomed.includes(c));
  for (const c of doomed) {
    const url = cookieUrl(c);
    try {
      // null means no cookie matched: an earlier removal of the same name already took it.
      await cookies.remove({
        url,
        name: c.name,
        storeId: c.storeId,
        // A partitioned cookie is removed only with its full partition key.
        ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
      });
    } catch (error) {
      problems.push({ name: c.name, domain: c.domain, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const { hostname, pathname } = new URL(url);
    const collateral = keep.filter(
      (k) => k.name === c.name && JSON.stringify(k.partitionKey ?? null) === JSON.stringify(c.partitionKey ?? null) && domainMatches(hostname, k) && pathMatches(pathname, k.path),
    );
    problems.push(...(await restoreCookies(cookies, collateral)));
  }
  return problems;
}

/** Puts each cookie back exactly as it was; returns those it could not restore, with the reason. */
export async function restoreCookies(cookies: CookiesWritePort, snapshots: readonly CookieSnapshot[]): Promise<CookieProblem[]> {
  const problems: CookieProblem[] = [];
  const now = Date.now() / 1000;
  for (const c of snapshots) {
    if (!c.session && c.expirationDate !== undefined && c.expirationDate <= now) {
      problems.push({ name: c.name, domain: c.domain, reason: "it expired since it was removed" });
      continue;
    }
    try {
      const set = await cookies.set(restoreDetails(c));
      if (set === null) problems.push({ name: c.name, domain: c.domain, reason: "the browser refused to set it" });
    } catch (error) {
      problems.push({ name: c.name, domain: c.domain, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return problems;
}
