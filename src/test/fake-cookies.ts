import type { CookieSetDetails, CookieSnapshot } from "../core/cookies/cookie-snapshot";
import { domainMatches, pathMatches } from "../core/cookies/cookie-jar";
import type { CookiesWritePort } from "../platform/site-cookies";

/**
 * An in-memory cookie jar with the cookies API's semantics that fixes rely on: getAll by domain
 * (and partition), remove by URL + name (+ partition key), set recreating host-only cookies when
 * no domain is given.
 */
export function fakeCookies(initial: CookieSnapshot[] = []) {
  let jar = initial.map((c) => ({ ...c }));
  const samePartition = (a?: CookieSnapshot["partitionKey"], b?: CookieSnapshot["partitionKey"]) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const api: CookiesWritePort & { jar: () => CookieSnapshot[]; failRemove: Set<string> } = {
    jar: () => jar.map((c) => ({ ...c })),
    failRemove: new Set(),
    async getAll({ domain, partitionKey }) {
      return jar
        .filter((c) => (domain ? domainMatches(domain, { domain: c.domain, hostOnly: false }) || c.domain.replace(/^\./, "").endsWith(`.${domain}`) || c.domain.replace(/^\./, "") === domain : true))
        .filter((c) => (partitionKey === undefined ? !c.partitionKey : partitionKey.topLevelSite === undefined ? Boolean(c.partitionKey) : c.partitionKey?.topLevelSite === partitionKey.topLevelSite))
        .map((c) => ({ ...c }));
    },
    // Like Chrome's deletion filter: every cookie of that name the URL would receive goes.
    async remove({ url, name, partitionKey }) {
      const { hostname, pathname } = new URL(url);
      if (api.failRemove.has(name)) throw new Error("Failed to parse or set cookie named \"" + name + "\".");
      const matches = jar.filter((c) => c.name === name && domainMatches(hostname, c) && pathMatches(pathname, c.path) && samePartition(c.partitionKey, partitionKey));
      if (matches.length === 0) return null;
      jar = jar.filter((c) => !matches.includes(c));
      return { url, name };
    },
    async set(details: CookieSetDetails) {
      const { hostname } = new URL(details.url);
      const cookie: CookieSnapshot = {
        name: details.name,
        value: details.value,
        domain: details.domain ?? hostname,
        hostOnly: details.domain === undefined,
        path: details.path,
        secure: details.secure,
        httpOnly: details.httpOnly,
        sameSite: details.sameSite,
        session: details.expirationDate === undefined,
        ...(details.expirationDate !== undefined ? { expirationDate: details.expirationDate } : {}),
        storeId: details.storeId,
        ...(details.partitionKey ? { partitionKey: details.partitionKey } : {}),
      };
      jar = jar.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path && samePartition(c.partitionKey, cookie.partitionKey)));
      jar.push(cookie);
      return cookie;
    },
    async getAllCookieStores() {
      return [{ id: "0", tabIds: [5] }];
    },
  };
  return api;
}
