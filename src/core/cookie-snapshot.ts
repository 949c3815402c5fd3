import type { JarCookie } from "./cookie-jar";

/** A cookie as it must be kept to put it back exactly: every attribute, the value included. */
export interface CookieSnapshot extends Omit<JarCookie, "partitioned"> {
  value: string;
  /** Seconds since the epoch; absent for a session cookie. */
  expirationDate?: number;
  storeId: string;
  /** The partition of a partitioned (CHIPS) cookie, exactly as the API gave it. */
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
}

/** What `cookies.set` takes to recreate a snapshot. */
export interface CookieSetDetails {
  url: string;
  name: string;
  value: string;
  domain?: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: CookieSnapshot["sameSite"];
  expirationDate?: number;
  storeId: string;
  partitionKey?: CookieSnapshot["partitionKey"];
}

/** The URL a cookie belongs to, as `cookies.remove` and `cookies.set` want it. Secure cookies need https. */
export function cookieUrl(cookie: Pick<CookieSnapshot, "domain" | "path" | "secure">): string {
  return `${cookie.secure ? "https" : "http"}://${cookie.domain.replace(/^\./, "")}${cookie.path}`;
}

/**
 * The `cookies.set` call that puts a removed cookie back as it was. A host-only cookie is set
 * without `domain` (with one, it would become a domain cookie, and a `__Host-` cookie would be
 * refused); a session cookie without `expirationDate`, so it stays a session cookie.
 */
export function restoreDetails(cookie: CookieSnapshot): CookieSetDetails {
  return {
    url: cookieUrl(cookie),
    name: cookie.name,
    value: cookie.value,
    ...(cookie.hostOnly ? {} : { domain: cookie.domain }),
    path: cookie.path,
    secure: cookie.secure,
    httpOnly: cookie.httpOnly,
    sameSite: cookie.sameSite,
    ...(cookie.session || cookie.expirationDate === undefined ? {} : { expirationDate: cookie.expirationDate }),
    storeId: cookie.storeId,
    ...(cookie.partitionKey ? { partitionKey: cookie.partitionKey } : {}),
  };
}

/** The distinct hosts a set of cookies lives on, for "Removed 7 cookies from 3 hosts". */
export function hostsOf(cookies: readonly Pick<CookieSnapshot, "domain">[]): string[] {
  return [...new Set(cookies.map((c) => c.domain.replace(/^\./, "")))].sort();
}

/**
 * Of cookies that share a name and all apply to one URL, the ones to remove so that the
 * broadest (the site-wide session a server sets last) is the one that remains: host-only cookies
 * and longer paths go first, as they are the ones a browser lists first (RFC 6265 §5.4).
 */
export function staleDuplicates<T extends Pick<CookieSnapshot, "name" | "domain" | "hostOnly" | "path">>(cookies: readonly T[], names: readonly string[]): T[] {
  const stale: T[] = [];
  for (const name of names) {
    const same = cookies.filter((c) => c.name === name);
    if (same.length < 2) continue;
    const breadth = (c: T) => (c.hostOnly ? 0 : 1000 - c.domain.replace(/^\./, "").length) * 10_000 - c.path.length;
    const keep = same.reduce((best, c) => (breadth(c) > breadth(best) ? c : best));
    stale.push(...same.filter((c) => c !== keep));
  }
  return stale;
}
