/** Classifier rules that read bearer tokens: clock skew, expiry, scope, refusal. */
import { describeDuration } from "./duration";
import type { FailureEvidence } from "./evidence";
import { bearerError, challengeReason, type Finding } from "./finding";
import { isScheme } from "./www-authenticate";

/** Skew below this is network latency and rounding, not a wrong clock. */
const SKEW_THRESHOLD_MS = 60_000;

export function clockSkew(e: FailureEvidence, host: string): Finding | null {
  const claims = e.sent.token?.claims;
  if (!claims || e.clockSkewMs === null || Math.abs(e.clockSkewMs) < SKEW_THRESHOLD_MS) return null;
  const local = e.time / 1000;
  const server = local + e.clockSkewMs / 1000;
  const validHere = (claims.exp === undefined || claims.exp > local) && (claims.nbf === undefined || claims.nbf <= local);
  const expiredThere = claims.exp !== undefined && claims.exp <= server;
  const notYetThere = claims.nbf !== undefined && claims.nbf > server;
  if (!validHere || !(expiredThere || notYetThere)) return null;
  const off = describeDuration(Math.abs(e.clockSkewMs));
  return {
    cause: "clock-skew",
    confidence: 0.85,
    summary: `Your computer's clock is ${off} ${e.clockSkewMs > 0 ? "behind" : "ahead of"} ${host}'s, so the server sees your token as ${expiredThere ? "expired" : "not yet valid"}.`,
    reasons: [
      { seen: `Server Date: ${e.response.date ?? "?"}; this computer: ${new Date(e.time).toUTCString()}`, meaning: `The two clocks differ by ${off}.` },
      {
        seen: expiredThere ? `Token exp ${new Date(claims.exp! * 1000).toISOString()}` : `Token nbf ${new Date(claims.nbf! * 1000).toISOString()}`,
        meaning: `Valid by this computer's clock, ${expiredThere ? "expired" : "not yet valid"} by the server's.`,
      },
    ],
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
      summary: `The access token sent to ${host} expired ${describeDuration((serverNow - exp) * 1000)} ago.`,
      reasons: [
        { seen: `Token exp ${new Date(exp * 1000).toISOString()}`, meaning: "The token's own expiry time has passed (RFC 7519 §4.1.4)." },
        ...(bearer ? [challengeReason(bearer.challenge)] : []),
      ],
    };
  }
  if (describedExpired && bearer) {
    return { cause: "token-expired", confidence: 0.85, summary: `${host} says the access token it was sent has expired.`, reasons: [challengeReason(bearer.challenge)] };
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
    summary: `You are signed in to ${host}, but your token lacks the permission${scope ? ` "${scope}"` : ""} this needs.`,
    reasons: [challengeReason(bearer.challenge, "insufficient_scope: the token is valid but does not grant this (RFC 6750 §3.1).")],
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
    summary: `You are signed in to ${host}, but your account has not been granted access to this.`,
    reasons: [challengeReason(challenge, "The server asks for a permission your token does not carry (a UMA permission ticket or entitlement): access must be granted to your account.")],
  };
}

export function tokenInvalid(e: FailureEvidence, host: string): Finding | null {
  const bearer = bearerError(e.response.challenges);
  if (bearer?.error === "invalid_token" || bearer?.error === "invalid_request") {
    return {
      cause: "token-invalid",
      confidence: e.sent.token ? 0.85 : 0.7,
      summary: `${host} rejected the access token it was sent.`,
      reasons: [challengeReason(bearer.challenge)],
    };
  }
  const token = e.sent.token;
  if (!token || e.status !== 401) return null;
  return {
    cause: "token-invalid",
    confidence: 0.6,
    summary: `${host} refused the access token it was sent, though the token has not expired.`,
    reasons: [
      {
        seen: token.kind === "jwt" ? "A bearer JWT that has not expired" : `An ${token.kind} bearer token`,
        meaning: "A refused token that is not expired has been revoked, was issued for another service, or is malformed.",
      },
    ],
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
  if (e.status !== 401 || !scheme || e.sent.token || NOT_TOKENS.has(scheme.toLowerCase())) return null;
  const named = scheme === "(no scheme)" ? "an API key" : `a ${scheme} credential`;
  const challenge = e.response.challenges.find((c) => isScheme(c, scheme));
  return {
    cause: "token-invalid",
    confidence: challenge ? 0.75 : 0.6,
    summary: `${host} refused the API token the page sent (${named}).`,
    reasons: [
      challenge
        ? challengeReason(challenge, `The server asks for ${scheme} credentials again: the one sent was revoked, has expired, or belongs elsewhere.`)
        : { seen: `Authorization: ${scheme === "(no scheme)" ? "a bare key" : scheme} (value hidden), answered 401`, meaning: "The request carried a token or key, and the server refused it." },
    ],
  };
}
