/** Classifier rules that read the server's own reason (the body, in the DevTools panel) and anti-forgery refusals. */
import type { CauseId } from "./cause";
import type { FailureEvidence } from "./evidence";
import type { Finding } from "./finding";
import { looksLikeSession } from "./sign-in/session-cookies";

const SUMMARY: Record<CauseId, (host: string) => string> = {
  "missing-credentials": (host) => `${host} wants you to sign in: it says no credentials came with the request.`,
  "session-expired": (host) => `Your session on ${host} has ended, it says.`,
  "stale-cookie": (host) => `${host} read an old cookie, it says.`,
  "token-expired": (host) => `${host} says the access token it was sent has expired.`,
  "token-invalid": (host) => `${host} says the access token it was sent is not valid.`,
  "wrong-credentials": (host) => `${host} says the username or password was not right.`,
  "insufficient-permissions": (host) => `You are signed in to ${host}, but it says you are not allowed to do this.`,
  "cors-preflight": (host) => `${host} refused the browser's permission check.`,
  "cookies-blocked": (host) => `${host} did not get the cookies it needs.`,
  "clock-skew": (host) => `${host} says the access token is not valid yet: your computer's clock and the site's probably disagree.`,
  "proxy-auth": () => "A proxy wants you to sign in to it.",
  csrf: (host) => `${host} refused this because the page's anti-forgery token was missing or stale.`,
  unknown: (host) => `${host} refused the request.`,
};

/** The server says why in its body: the reason settles the cause, with or without a challenge or a token seen. */
export function bodyReason(e: FailureEvidence, host: string): Finding | null {
  const reason = e.bodyReason;
  if (!reason) return null;
  return {
    cause: reason.cause,
    confidence: 0.9,
    summary: SUMMARY[reason.cause](host),
    reasons: [{ seen: `The response says: "${reason.said}" (${reason.by})`, meaning: "The server's own reason, read from the response's body in DevTools." }],
  };
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * An anti-forgery refusal without a body to say so: Laravel's 419 "Page Expired"; or a 403 to a
 * page's call that changes something, carried a sign-in cookie, and carried no anti-forgery
 * header (Django, Rails, Laravel and Spring want one on such calls) — likely, not sure.
 */
export function csrfRefused(e: FailureEvidence, host: string): Finding | null {
  if (e.status === 419) {
    return {
      cause: "csrf",
      confidence: 0.85,
      summary: `${host} refused this because the page's security token has expired ("Page Expired"): the page was open a long time, or your session ended.`,
      reasons: [{ seen: "HTTP 419", meaning: "Laravel's \"Page Expired\": the form's anti-forgery (CSRF) token no longer matches the session." }],
    };
  }
  if (e.status !== 403 || !UNSAFE_METHODS.has(e.method) || e.resourceType !== "xmlhttprequest") return null;
  if (e.sent.antiForgery !== false || e.sent.authorizationScheme || !e.sent.cookieNames.some(looksLikeSession) || e.sent.cookiesUncertain) return null;
  return {
    cause: "csrf",
    confidence: 0.5,
    summary: `${host} refused this change, most likely for its anti-forgery token: the call carried your session cookie but no anti-forgery header.`,
    reasons: [
      {
        seen: `${e.method} with a session cookie (${e.sent.cookieNames.filter(looksLikeSession).join(", ")}) and no X-CSRFToken / X-CSRF-Token / X-XSRF-TOKEN header, answered 403`,
        meaning: "Sites guard changes made with a session cookie by asking for an anti-forgery token; a 403 to such a call without one is most often that guard. It could also be a missing permission.",
      },
    ],
  };
}
