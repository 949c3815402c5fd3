/**
 * Refusals the page handles itself are no news to the person: an app renews an expired token and
 * tries again, a signed-out visitor's page checks for a session and carries on. Such a refusal is
 * kept in the popup, marked handled, with no badge and no banner (docs/report.md#handled). Pure.
 */
import type { Failure } from "../failure";
import { looksLikeSession } from "../sign-in/session-cookies";

/** How a refusal was handled by the page: it tried again (having renewed a sign-in), or it was a check for one. */
export interface Handled {
  how: "renewed" | "retried" | "probe";
  at: number;
}

/** How long the page has to answer a refusal itself before AuthLens tells the person. */
export const HANDLED_MS = 3000;

/** A page's own calls: these a page can retry. A page, a frame or a sign-in redirect is what the person sees. */
const RETRIABLE_TYPES: ReadonlySet<string> = new Set(["xmlhttprequest", "websocket", "other"]);

/** Addresses that only check who is signed in (`/api/me`, `/whoami`, `/session`, `/userinfo`…): what a page asks before it shows "Sign in". */
const IDENTITY_CHECK = /\/(me|whoami|user|userinfo|current[-_]?user|session|sessions\/current|auth\/(check|status|session|user)|account\/current|identity)\/?$/i;

/** Causes whose refusal an app answers by renewing a sign-in (a fresh token, a new session) before it tries again. */
const RENEWABLE: ReadonlySet<string> = new Set(["token-expired", "token-invalid", "session-expired", "csrf", "clock-skew"]);

/** Whether the page may still answer this refusal itself: a call of its own, not one AuthLens caused. */
export function mayBeHandledByPage(f: Pick<Failure, "resourceType" | "details" | "after">): boolean {
  return RETRIABLE_TYPES.has(f.resourceType) && !f.details.redirect && !f.after;
}

/** How the page handled a refusal it tried again and the site then answered normally. */
export const recoveryOf = (f: Pick<Failure, "cause">): Handled["how"] => (RENEWABLE.has(f.cause) ? "renewed" : "retried");

/**
 * A signed-out visitor's page checking for a session (`GET /api/me`, answered 401 or 403: an
 * address that only asks who is signed in, {@link IDENTITY_CHECK}): nothing
 * was sent that signs anyone in, and this browser never held a session for the site (no sign-in
 * cookie in the jar, none in the session timeline). The page shows its "Sign in" link itself.
 */
export function isSignedOutProbe(f: Pick<Failure, "url" | "cause" | "method" | "resourceType" | "details">, hadSession: boolean): boolean {
  const { sent, jar } = f.details;
  return (
    f.cause === "missing-credentials" &&
    f.method === "GET" &&
    RETRIABLE_TYPES.has(f.resourceType) &&
    IDENTITY_CHECK.test(pathOf(f.url)) &&
    !f.details.redirect &&
    !hadSession &&
    sent.seen &&
    !sent.authorizationScheme &&
    !sent.apiKeyHeader &&
    !sent.cookieNames.some(looksLikeSession) &&
    !(jar?.applicable ?? []).some((c) => looksLikeSession(c.name))
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
