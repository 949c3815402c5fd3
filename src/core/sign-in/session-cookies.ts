/**
 * Which cookies carry a sign-in, and when one last ended: from the cookie jar's changes
 * (`cookies.onChanged`: names, causes and times, never values). Pure.
 */
import { domainMatches, pathMatches } from "../cookies/cookie-jar";
import type { CookieRejection } from "../cookies/set-cookie";

/**
 * Cookie names that usually carry a sign-in (Django's sessionid, connect.sid, PHPSESSID,
 * _app_session, JSESSIONID, .AspNetCore.Identity…, appSession, a JWT; Tornado's and Jupyter's
 * `username-<host>-<port>` login cookie).
 */
const SESSION_LIKE = /sess|sid|auth|token|login|logged|jwt|identity|aspnetcore|appsession|^username-/i;
/**
 * Cookies that name a "token" or "auth" but carry no sign-in: anti-forgery tokens, and the
 * short-lived state of a sign-in under way (express-openid-connect's `auth_verification`, OAuth
 * state and nonce cookies, a return address, a flashed message).
 */
const NOT_A_SESSION = /csrf|xsrf|antiforgery|verification|state|nonce|pkce|return|redirect|flash|consent/i;

/** Whether a cookie's name says it carries a sign-in. */
export function looksLikeSession(name: string): boolean {
  return SESSION_LIKE.test(name) && !NOT_A_SESSION.test(name);
}

/** One change to a sign-in cookie, as kept in the session timeline. */
export interface SessionCookieEvent {
  name: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** True when the cookie left the jar. */
  removed: boolean;
  /** `cookies.onChanged`'s cause: "explicit", "overwrite", "expired", "expired_overwrite", "evicted". */
  cause: string;
  /** When the worker heard of it, ms since the epoch. */
  time: number;
  /** For a cookie that expired: when it was due to, ms since the epoch (the browser reports expiry lazily). */
  expiredAt: number | null;
  /** Cause "refused": a sign-in cookie a response set that the browser would not store, and why. Absent otherwise. */
  refused?: CookieRejection;
}

/**
 * Why a sign-in cookie was not kept: a rule a `Set-Cookie` seen breaks (the session timeline), or
 * "not-kept": a sign-in form on plain http answered by a redirect (a sign-in that worked) left no
 * sign-in cookie in the jar, where `Set-Cookie` was hidden (Chrome by default; the recorder infers
 * it, the name unknown: "").
 */
export type RefusalReason = CookieRejection | "not-kept";

/** A sign-in cookie the browser refused to store, for the diagnosis. */
export interface RefusedCookie {
  name: string;
  reason: RefusalReason;
  time: number;
}

/** How long a refused sign-in cookie still explains a refusal: a sign-in that never took. */
export const REFUSED_COOKIE_WINDOW_MS = 30 * 60_000;

/**
 * The last sign-in cookie for `url` the browser refused to store before `at`, unless the site
 * has set one of that name since (the sign-in took in the end): "your browser refused the
 * sessionid cookie the site sent when you signed in".
 */
export function lastRefusedCookie(events: readonly SessionCookieEvent[], url: string, at: number): RefusedCookie | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  let found: SessionCookieEvent | null = null;
  for (const e of events) {
    if (e.time > at || at - e.time > REFUSED_COOKIE_WINDOW_MS || !domainMatches(target.hostname, e)) continue;
    if (e.cause === "refused" && e.refused) found = e;
    else if (found && e.name === found.name && !e.removed) found = null;
  }
  return found?.refused ? { name: found.name, reason: found.refused, time: found.time } : null;
}

/** How a sign-in cookie ended before a failure, for the diagnosis and the popup. */
export interface SessionEnding {
  name: string;
  /** "expired": its time ran out; "deleted": the site (or signing out) removed it. */
  how: "expired" | "deleted";
  time: number;
}

/** How far back an ending still explains a failure. */
export const SESSION_ENDING_WINDOW_MS = 12 * 60 * 60_000;

/**
 * The last sign-in cookie for `url` that ended before `at` (when the request went out) and was not
 * set again since: "your sessionid cookie expired at 10:42". An overwrite is a renewal, not an
 * ending; a cookie the failing response set itself came after `at`.
 */
export function lastSessionEnding(events: readonly SessionCookieEvent[], url: string, at: number): SessionEnding | null {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  const applies = (e: SessionCookieEvent) => e.cause !== "refused" && looksLikeSession(e.name) && domainMatches(target.hostname, e) && pathMatches(target.pathname, e.path);
  // An expiry counts from when it was due (the browser reports it lazily, maybe only as the request goes out).
  const when = (e: SessionCookieEvent) => (e.removed && e.cause === "expired" && e.expiredAt !== null ? Math.min(e.expiredAt, e.time) : e.time);
  const relevant = events.filter((e) => applies(e) && when(e) <= at && at - when(e) <= SESSION_ENDING_WINDOW_MS).sort((a, b) => when(a) - when(b));
  const last = new Map<string, SessionCookieEvent>();
  for (const e of relevant) if (e.cause !== "overwrite") last.set(`${e.name}\n${e.domain}\n${e.path}`, e);
  const endings = [...last.values()].filter((e) => e.removed && e.cause !== "evicted");
  const ending = endings.at(-1);
  if (!ending) return null;
  const expired = ending.cause === "expired";
  return { name: ending.name, how: expired ? "expired" : "deleted", time: expired && ending.expiredAt !== null ? Math.min(ending.expiredAt, ending.time) : ending.time };
}
