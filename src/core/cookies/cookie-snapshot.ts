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

const SAME_SITE: ReadonlySet<string> = new Set(["no_restriction", "lax", "strict", "unspecified"]);

/**
 * Reads back a snapshot that was stored (by this version or an older one): every field checked,
 * so a value of the wrong shape is dropped instead of reaching `cookies.set`.
 */
export function parseCookieSnapshot(value: unknown): CookieSnapshot | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const strings = ["name", "value", "domain", "path", "storeId"] as const;
  const booleans = ["hostOnly", "secure", "httpOnly", "session"] as const;
  if (!strings.every((k) => typeof v[k] === "string") || !booleans.every((k) => typeof v[k] === "boolean")) return null;
  if (typeof v.sameSite !== "string" || !SAME_SITE.has(v.sameSite)) return null;
  if (v.expirationDate !== undefined && (typeof v.expirationDate !== "number" || !Number.isFinite(v.expirationDate))) return null;
  const key = v.partitionKey as Record<string, unknown> | undefined;
  if (key !== undefined && (typeof key !== "object" || key === null || (key.topLevelSite !== undefined && typeof key.topLevelSite !== "string"))) return null;
  return {
    name: v.name as string,
    value: v.value as string,
    domain: v.domain as string,
    hostOnly: v.hostOnly as boolean,
    path: v.path as string,
    secure: v.secure as boolean,
    httpOnly: v.httpOnly as boolean,
    sameSite: v.sameSite as CookieSnapshot["sameSite"],
    session: v.session as boolean,
    storeId: v.storeId as string,
    ...(v.expirationDate !== undefined ? { expirationDate: v.expirationDate } : {}),
    ...(key !== undefined
      ? { partitionKey: { ...(key.topLevelSite !== undefined ? { topLevelSite: key.topLevelSite as string } : {}), ...(typeof key.hasCrossSiteAncestor === "boolean" ? { hasCrossSiteAncestor: key.hasCrossSiteAncestor } : {}) } }
      : {}),
  };
}
