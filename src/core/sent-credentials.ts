import { summarizeBearerToken, type TokenSummary } from "./bearer-token";
import { headerValue, type HttpHeader } from "./http-header";

/** What went out with a request, by name only: cookie names and the auth scheme, never values. */
export interface SentCredentials {
  /**
   * Whether AuthLens saw the request's headers. By default it does not: watching request headers
   * costs every page load (docs/performance.md), so it does only for a tab the person asked it to
   * look closer at. Unseen, the Authorization fields are null and the cookie names are presumed.
   */
  seen: boolean;
  /**
   * Cookie names in the order sent; a name that appears twice is a sign of a shadowing cookie.
   * From the `Cookie` header when seen; otherwise the jar's cookies the browser would have sent.
   */
  cookieNames: string[];
  /** Where {@link cookieNames} come from: the request's `Cookie` header, or the cookie jar. */
  cookiesFrom: "header" | "jar";
  /** The `Authorization` scheme as sent ("Bearer", "Basic", …), or null when none was sent. */
  authorizationScheme: string | null;
  /** A bearer token's kind and safe claims (never the token), or null when none was sent. */
  token: TokenSummary | null;
  /** True when the request is a CORS preflight (OPTIONS with `Access-Control-Request-Method`). */
  preflight: boolean;
}

const MAX_COOKIE_NAMES = 100;

/**
 * Reads the request headers of a failed request; `null` when they were not watched. Pure; runs
 * only for failures.
 */
export function summarizeSentCredentials(method: string, headers: readonly HttpHeader[] | null): SentCredentials {
  if (headers === null) return { seen: false, cookieNames: [], cookiesFrom: "jar", authorizationScheme: null, token: null, preflight: false };
  const cookie = headerValue(headers, "cookie");
  const authorization = headerValue(headers, "authorization");
  return {
    seen: true,
    cookieNames: cookie === null ? [] : cookieNames(cookie),
    cookiesFrom: "header",
    authorizationScheme: authorization === null ? null : authScheme(authorization),
    token: authorization === null ? null : summarizeBearerToken(authorization),
    preflight: method.toUpperCase() === "OPTIONS" && headerValue(headers, "access-control-request-method") !== null,
  };
}

function cookieNames(header: string): string[] {
  const names: string[] = [];
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    const name = (eq < 0 ? "" : pair.slice(0, eq)).trim();
    if (name) names.push(name.slice(0, 128));
    if (names.length >= MAX_COOKIE_NAMES) break;
  }
  return names;
}

/**
 * The scheme token of an `Authorization` value (RFC 9110 §11.6.2). Many APIs take a bare key
 * with no scheme (`Authorization: sk_live_…`): a value with nothing after its first token is such
 * a key, and is never echoed.
 */
function authScheme(value: string): string {
  const match = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]{1,40})(\s+\S)?/.exec(value);
  if (!match?.[1]) return "(unreadable)";
  return match[2] ? match[1] : "(no scheme)";
}
