/** Classifier rules that read the server's own reason (the body, in the DevTools panel) and anti-forgery refusals. */
import type { CauseId } from "../diagnosis/cause";
import type { FailureEvidence } from "../diagnosis/evidence";
import type { Finding } from "../diagnosis/finding";
import { looksLikeSession } from "../sign-in/session-cookies";
import { text, verbatim, type MessageKey } from "../report/text";

const SUMMARY: Record<CauseId, MessageKey> = {
  "missing-credentials": "summaryBodyMissingCredentials",
  "session-expired": "summaryBodySessionExpired",
  "stale-cookie": "summaryBodyStaleCookie",
  "token-expired": "summaryTokenSaysExpired",
  "token-invalid": "summaryBodyTokenInvalid",
  "wrong-credentials": "summaryBodyWrongCredentials",
  "insufficient-permissions": "summaryBodyNotAllowed",
  "cors-preflight": "summaryBodyCorsPreflight",
  "cookies-blocked": "summaryBodyCookiesBlocked",
  "clock-skew": "summaryBodyClockSkew",
  "proxy-auth": "summaryProxyAuth",
  csrf: "summaryBodyCsrf",
  unknown: "summaryBodyUnknown",
};

/** The server says why in its body: the reason settles the cause, with or without a challenge or a token seen. */
export function bodyReason(e: FailureEvidence, host: string): Finding | null {
  const reason = e.bodyReason;
  if (!reason) return null;
  return {
    cause: reason.cause,
    confidence: 0.9,
    summary: text(SUMMARY[reason.cause], host),
    reasons: [{ seen: text("seenBodySays", reason.said, reason.by), meaning: text("meaningBodySays") }],
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
      summary: text("summaryPageExpired", host),
      reasons: [{ seen: verbatim("HTTP 419"), meaning: text("meaningPageExpired") }],
    };
  }
  if ((e.status !== 403 && e.status !== 422) || e.resourceType !== "xmlhttprequest") return null;
  if (e.sent.authorizationScheme || !e.sent.cookieNames.some(looksLikeSession) || e.sent.cookiesUncertain) return null;
  const sessions = e.sent.cookieNames.filter(looksLikeSession).join(", ");
  // A token tied to the session went (WordPress's X-WP-Nonce, say) and was refused: it ends with the session.
  if (e.sent.sessionNonce && e.status === 403) {
    return { cause: "csrf", confidence: 0.5, summary: text("summaryAntiForgeryRefused", host), reasons: [{ seen: text("seenAntiForgerySent", e.method, sessions, e.status), meaning: text("meaningAntiForgeryStale") }] };
  }
  if (e.sent.antiForgery !== false || !UNSAFE_METHODS.has(e.method)) return null;
  return {
    cause: "csrf",
    confidence: 0.5,
    summary: text("summaryCsrfLikely", host),
    reasons: [e.status === 422 ? { seen: text("seenNoAntiForgery422", e.method, sessions), meaning: text("meaningNoAntiForgery422") } : { seen: text("seenNoAntiForgery", e.method, sessions), meaning: text("meaningNoAntiForgery") }],
  };
}
