/** Classifier rules that read bearer tokens: clock skew, expiry, scope, refusal. */
import { ago, duration, text, when } from "../report/text";
import type { FailureEvidence } from "../diagnosis/evidence";
import { bearerError, challengeReason, type Finding } from "../diagnosis/finding";
import { isScheme } from "../headers/www-authenticate";

/** Skew below this is network latency and rounding, not a wrong clock. */
const SKEW_THRESHOLD_MS = 60_000;

export function clockSkew(e: FailureEvidence, host: string): Finding | null {
  const claims = e.sent.token?.claims;
  const notYet = notYetValid(e, host);
  if (notYet) return notYet;
  if (!claims || e.clockSkewMs === null || Math.abs(e.clockSkewMs) < SKEW_THRESHOLD_MS) return null;
  const local = e.time / 1000;
  const server = local + e.clockSkewMs / 1000;
  const validHere = (claims.exp === undefined || claims.exp > local) && (claims.nbf === undefined || claims.nbf <= local);
  const expiredThere = claims.exp !== undefined && claims.exp <= server;
  const notYetThere = claims.nbf !== undefined && claims.nbf > server;
  if (!validHere || !(expiredThere || notYetThere)) return null;
  const off = duration(e.clockSkewMs);
  const behind = e.clockSkewMs > 0;
  return {
    cause: "clock-skew",
    confidence: 0.85,
    summary: text(expiredThere ? (behind ? "summarySkewBehindExpired" : "summarySkewAheadExpired") : behind ? "summarySkewBehindNotYet" : "summarySkewAheadNotYet", off, host),
    reasons: [
      { seen: text("seenServerDate", e.response.date ?? "?", when(e.time)), meaning: text("meaningClocksDiffer", off) },
      expiredThere
        ? { seen: text("seenTokenExp", when(claims.exp! * 1000)), meaning: text("meaningExpiredThere") }
        : { seen: text("seenTokenNbf", when(claims.nbf! * 1000)), meaning: text("meaningNotYetThere") },
    ],
  };
}

/** Said in a challenge: the token is not valid yet (before its `nbf`), in the words servers use. */
const NOT_YET_VALID = /not (yet )?valid before|not yet valid|token is not active|jwt not active|\bnbf\b/i;

/**
 * A token the server finds not valid yet, while this computer's clock agrees with the server's
 * (or is not known to disagree): the service that issued it keeps its clock ahead. Or a challenge
 * that says "not valid before": some clock is off.
 */
function notYetValid(e: FailureEvidence, host: string): Finding | null {
  const nbf = e.sent.token?.claims?.nbf;
  const localAgrees = e.clockSkewMs !== null && Math.abs(e.clockSkewMs) < SKEW_THRESHOLD_MS;
  const serverNow = (e.time + (e.clockSkewMs ?? 0)) / 1000;
  if (nbf !== undefined && localAgrees && nbf - serverNow >= SKEW_THRESHOLD_MS / 1000) {
    return {
      cause: "clock-skew",
      confidence: 0.8,
      summary: text("summaryIssuerClockAhead", host, duration((nbf - serverNow) * 1000)),
      reasons: [{ seen: text("seenTokenNbf", when(nbf * 1000)), meaning: text("meaningIssuerClockAhead") }],
      tryFirst: text("tryIssuerClock"),
      fixes: ["reload", "copy-report"],
    };
  }
  const bearer = bearerError(e.response.challenges);
  if (!bearer || !NOT_YET_VALID.test(bearer.params.error_description ?? "")) return null;
  return {
    cause: "clock-skew",
    confidence: 0.75,
    summary: text("summaryChallengeNotYetValid", host),
    reasons: [challengeReason(bearer.challenge, text("meaningChallengeNotYetValid"))],
  };
}

export function tokenExpired(e: FailureEvidence, host: string): Finding | null {
  const exp = e.sent.token?.claims?.exp;
  const serverNow = (e.time + (e.clockSkewMs ?? 0)) / 1000;
  const bearer = bearerError(e.response.challenges);
  // RFC 6750's invalid_token described as expired, or a server's own code for it ("token_expired", hapi's "Expired token").
  const describedExpired = (bearer?.error === "invalid_token" && /expir/i.test(bearer.params.error_description ?? "")) || /expired/.test(bearer?.error ?? "");
  if (exp !== undefined && exp <= serverNow) {
    return {
      cause: "token-expired",
      confidence: describedExpired || bearer?.error === "invalid_token" ? 0.95 : 0.85,
      summary: text("summaryTokenExpiredAgo", host, ago((serverNow - exp) * 1000)),
      reasons: [
        { seen: text("seenTokenExp", when(exp * 1000)), meaning: text("meaningTokenExpPassed") },
        ...(bearer ? [challengeReason(bearer.challenge)] : []),
      ],
    };
  }
  if (describedExpired && bearer) {
    return { cause: "token-expired", confidence: 0.85, summary: text("summaryTokenSaysExpired", host), reasons: [challengeReason(bearer.challenge)] };
  }
  return null;
}

export function insufficientScope(e: FailureEvidence, host: string): Finding | null {
  const bearer = bearerError(e.response.challenges);
  if (bearer?.error !== "insufficient_scope") return null;
  const scope = bearer.params.scope;
  return {
    cause: "insufficient-permissions",
    confidence: 0.92,
    summary: scope ? text("summaryScopeMissing", host, scope) : text("summaryPermissionMissing", host),
    reasons: [challengeReason(bearer.challenge, text("meaningInsufficientScope"))],
  };
}

/**
 * UMA 2.0 (Keycloak Authorization Services and other UMA resource servers): a signed-in token that
 * lacks a permission gets a 401 with a `UMA` challenge carrying a permission ticket for the
 * authorization server (`as_uri`), or Keycloak's entitlement challenge `KC_ETT`. The token is
 * fine; the permission is missing.
 */
export function umaPermissionTicket(e: FailureEvidence, host: string): Finding | null {
  if (!e.sent.token) return null;
  const challenge = e.response.challenges.find((c) => (isScheme(c, "UMA") && c.params.ticket !== undefined) || isScheme(c, "KC_ETT"));
  if (!challenge) return null;
  return {
    cause: "insufficient-permissions",
    confidence: 0.85,
    summary: text("summaryNotGranted", host),
    reasons: [challengeReason(challenge, text("meaningUmaTicket"))],
  };
}

export function tokenInvalid(e: FailureEvidence, host: string): Finding | null {
  const bearer = bearerError(e.response.challenges);
  if (bearer?.error === "invalid_token" || bearer?.error === "invalid_request") {
    return {
      cause: "token-invalid",
      confidence: e.sent.token ? 0.85 : 0.7,
      summary: text("summaryTokenRejected", host),
      reasons: [challengeReason(bearer.challenge)],
    };
  }
  const token = e.sent.token;
  if (!token || e.status !== 401) return null;
  return {
    cause: "token-invalid",
    confidence: 0.6,
    summary: text("summaryTokenRefusedNotExpired", host),
    reasons: [{ seen: token.kind === "jwt" ? text("seenJwtNotExpired") : text("seenBearerOfKind", token.kind), meaning: text("meaningTokenRefusedNotExpired") }],
  };
}

/** Schemes the browser's own sign-in prompt or the operating system answers: not an app's token. */
const NOT_TOKENS = new Set(["basic", "digest", "negotiate", "ntlm", "(unreadable)"]);

/**
 * A 401 to a request that carried a credential of a scheme of its own (Django REST framework's
 * `Token`, `ApiKey`, `SSWS`, a bare key): the server refused that token or key. Bearer tokens have
 * their own rules above; passwords are wrong credentials.
 */
export function refusedApiToken(e: FailureEvidence, host: string): Finding | null {
  const scheme = e.sent.authorizationScheme;
  if (e.status === 403 && scheme && !e.sent.token && !NOT_TOKENS.has(scheme.toLowerCase()) && e.response.challenges.length === 0) {
    // Jupyter Server answers a token it does not take with 403; others answer so a token that is fine but not allowed here.
    return {
      cause: "token-invalid",
      confidence: 0.5,
      summary: text("summaryApiTokenRefused", host, scheme),
      reasons: [{ seen: text("seenApiToken403", scheme), meaning: text("meaningApiToken403") }],
    };
  }
  if (!scheme && (e.status === 401 || e.status === 403)) return refusedApiKey(e, host);
  if (e.status !== 401 || !scheme || e.sent.token || NOT_TOKENS.has(scheme.toLowerCase())) return null;
  const bare = scheme === "(no scheme)";
  const challenge = e.response.challenges.find((c) => isScheme(c, scheme));
  return {
    cause: "token-invalid",
    confidence: challenge ? 0.75 : 0.6,
    summary: bare ? text("summaryApiKeyRefused", host) : text("summaryApiTokenRefused", host, scheme),
    reasons: [
      challenge
        ? challengeReason(challenge, text("meaningAsksAgain", scheme))
        : { seen: bare ? text("seenBareKeyRefused") : text("seenApiTokenRefused", scheme), meaning: text("meaningApiTokenRefused") },
    ],
  };
}

/** Query parameters APIs take a key in (their values are redacted; the name shows a key went). */
export const KEY_PARAM = /^(api[_-]?key|apikey|key|access[_-]?key|subscription[_-]?key|token|access_token|auth_token)$/i;

/** The name of the query parameter of `url` that carried a key, or null. */
export function keyParamOf(url: string): string | null {
  try {
    return [...new URL(url).searchParams.keys()].find((k) => KEY_PARAM.test(k))?.slice(0, 40) ?? null;
  } catch {
    return null;
  }
}

/**
 * An API key in a header of its own (`X-API-Key`, FastAPI's `APIKeyHeader`; `X-Redmine-API-Key`)
 * or in the address, refused: the key was not taken. A 403 may also be a key that is fine but
 * not allowed there, so it is said no surer than 50%.
 */
function refusedApiKey(e: FailureEvidence, host: string): Finding | null {
  const header = e.sent.apiKeyHeader ?? null;
  const param = header ? null : keyParamOf(e.url);
  if (!header && !param) return null;
  return {
    cause: "token-invalid",
    confidence: e.status === 401 ? 0.7 : 0.5,
    summary: header ? text("summaryApiKeyRefused", host, header) : text("summaryApiKeyParamRefused", host, param!),
    reasons: [{ seen: header ? text("seenApiKeyHeader", header, e.status) : text("seenApiKeyParam", param!, e.status), meaning: text("meaningApiKeyRefused") }],
    // A page sends the key it was set up with: whoever set it up gives it a new one; signing in may show one to copy.
    tryFirst: text("tryApiKey"),
    fixes: ["copy-report", "sign-in"],
  };
}
