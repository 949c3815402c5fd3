import type { CookieChange } from "../core/cookies/jar-evidence";
import { normalizeSameSite } from "../core/cookies/cookie-jar";

/** The slice of `cookies.onChanged` the log listens to. */
export interface CookieChangedPort {
  addListener(callback: (info: { removed: boolean; cause: string; cookie: { name: string; domain: string; hostOnly: boolean; path: string; secure: boolean; httpOnly: boolean; sameSite: string; session: boolean; expirationDate?: number; partitionKey?: unknown } }) => void): void;
}

/** How long a change is kept: long enough for a failure's jar to be read after its response. */
const KEEP_MS = 30_000;
const MAX_CHANGES = 500;

/** A change the log leaves out: AuthLens's own (a fix, an undo), which is never evidence. */
export type IgnoredChange = (change: { name: string; domain: string; path: string; removed: boolean }) => boolean;

/**
 * The jar's recent changes (names and attributes, never values), kept in memory for half a
 * minute. Where the browser hides `Set-Cookie` from AuthLens, they show what a failing response
 * did to the jar: a session cookie it deleted, one it set. AuthLens's own changes (`ignored`) are
 * left out. Must be created at the worker's top level.
 */
export function createCookieChangeLog(onChanged: CookieChangedPort, now: () => number = Date.now, ignored: IgnoredChange = () => false) {
  let changes: CookieChange[] = [];
  onChanged.addListener(({ removed, cause, cookie }) => {
    if (ignored({ name: cookie.name, domain: cookie.domain, path: cookie.path, removed })) return;
    const time = now();
    if (changes.length >= MAX_CHANGES || (changes[0] && time - changes[0].time > KEEP_MS)) changes = changes.filter((c) => time - c.time <= KEEP_MS).slice(-(MAX_CHANGES - 1));
    changes.push({
      name: cookie.name.slice(0, 128),
      domain: cookie.domain,
      hostOnly: cookie.hostOnly,
      path: cookie.path,
      secure: cookie.secure,
      httpOnly: cookie.httpOnly,
      sameSite: normalizeSameSite(cookie.sameSite),
      session: cookie.session,
      partitioned: cookie.partitionKey !== undefined && cookie.partitionKey !== null,
      removed,
      cause,
      time,
    });
  });
  return { recent: (): readonly CookieChange[] => changes };
}
