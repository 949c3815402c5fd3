import { summarizeBearerToken, type TokenSummary } from "../tokens/bearer-token";
import { headerValue, type HttpHeader } from "./http-header";

/** What went out with a request, by name only: cookie names and the auth scheme, never values. */
export interface SentCredentials {
  /**
   * Whether AuthLens saw the request's headers: `Authorization` and `Proxy-Authorization` (and, where
   * {@link cookiesFrom} is "header", `Cookie`). It watches them in every tab; false only for a request
   * that began before the worker was listening (the worker was stopped, say). Unseen, the
   * Authorization fields are null because they are unknown, not because nothing was sent.
   */
  seen: boolean;
  /**
   * Cookie names in the order sent; a name that appears twice is a sign of a shadowing cookie.
   * From the `Cookie` header when seen; otherwise the jar's cookies the browser would have sent.
   */
  cookieNames: string[];
  /**
   * Where {@link cookieNames} come from: the request's `Cookie` header (Firefox; Chrome only when
   * AuthLens looks closer at the tab, since Chrome hides it otherwise), or the cookie jar.
   */
  cookiesFrom: "header" | "jar";
  /**
   * True when the cookies are presumed from the jar for a call to another origin whose answer allows
   * credentials: such a call carries the site's cookies only if the page asked for them (fetch's
   * `credentials: "include"`), which AuthLens cannot see. {@link cookieNames} then lists the cookies
   * that would have gone if it did. Absent in records of older versions.
   */
  cookiesUncertain?: boolean;
  /** The `Authorization` scheme as sent ("Bearer", "Basic", …), or null when none was sent or it was not seen. */
  authorizationScheme: string | null;
  /** The `Proxy-Authorization` scheme as sent, or null. Absent in records of older versions. */
  proxyAuthorizationScheme?: string | null;
  /** A bearer token's kind and safe claims (never the token), or null when none was sent. */
  token: TokenSummary | null;
  /** True when the request is a CORS preflight (OPTIONS with `Access-Control-Request-Method`). */
  preflight: boolean;
  /**
   * Whether the request carried an anti-forgery (CSRF) header (`X-CSRFToken`, `X-CSRF-Token`,
   * `X-XSRF-TOKEN`, `RequestVerificationToken`…), by name only; null when its headers were not seen.
   * Absent in records of older versions.
   */
  antiForgery?: boolean | null;
  /**
   * The name of a header that carried an API key (`X-API-Key`, `X-Redmine-API-Key`, `Api-Key`,
   * `X-Auth-Token`…), never its value; null when none was sent or headers were not seen. Absent in
   * records of older versions.
   */
  apiKeyHeader?: string | null;
  /** True when the anti-forgery token sent is one that ends with the session (WordPress's `X-WP-Nonce`). Absent otherwise. */
  sessionNonce?: true;
  /**
   * True when the address carried a username (and password) of its own, as a page's XHR opened with
   * credentials does (`http://user:…@host/`): the browser answers a challenge with them itself.
   * Never the values. Absent otherwise.
   */
  addressCredentials?: true;
}

const MAX_COOKIE_NAMES = 100;

/**
 * Reads the request headers of a failed request; `headers` is null when they were not watched, and
 * `cookieHeaderSeen` says whether the browser let AuthLens see `Cookie` among them (Chrome hides it
 * from listeners without `extraHeaders`). Pure; runs only for failures.
 */
export function summarizeSentCredentials(method: string, headers: readonly HttpHeader[] | null, cookieHeaderSeen: boolean): SentCredentials {
  if (headers === null) return { seen: false, cookieNames: [], cookiesFrom: "jar", authorizationScheme: null, proxyAuthorizationScheme: null, token: null, preflight: false, antiForgery: null, apiKeyHeader: null };
  const cookie = cookieHeaderSeen ? headerValue(headers, "cookie") : null;
  const authorization = headerValue(headers, "authorization");
  const proxyAuthorization = headerValue(headers, "proxy-authorization");
  return {
    seen: true,
    cookieNames: cookie === null ? [] : cookieNames(cookie),
    cookiesFrom: cookieHeaderSeen ? "header" : "jar",
    authorizationScheme: authorization === null ? null : authScheme(authorization),
    proxyAuthorizationScheme: proxyAuthorization === null ? null : authScheme(proxyAuthorization),
    token: authorization === null ? null : summarizeBearerToken(authorization),
    preflight: method.toUpperCase() === "OPTIONS" && headerValue(headers, "access-control-request-method") !== null,
    antiForgery: headers.some((h) => ANTI_FORGERY_HEADER.test(h.name)),
    apiKeyHeader: headers.find((h) => API_KEY_HEADER.test(h.name))?.name.slice(0, 60) ?? null,
    ...(headers.some((h) => SESSION_NONCE_HEADER.test(h.name)) ? { sessionNonce: true } : {}),
  };
}

/**
 * Headers frameworks take an anti-forgery token in: Django, Rails, Laravel, Spring, Angular,
 * ASP.NET, Tornado and Jupyter (`X-XSRFToken`), and WordPress's REST nonce (`X-WP-Nonce`).
 */
const ANTI_FORGERY_HEADER = /^(x-csrftoken|x-csrf-token|x-xsrf-token|x-xsrftoken|csrf-token|x-csrf|requestverificationtoken|x-wp-nonce)$/i;
/** Anti-forgery tokens that end with the session (WordPress's REST nonce): one refused says the session ended. */
const SESSION_NONCE_HEADER = /^x-wp-nonce$/i;

/** Headers APIs take a key in: FastAPI's `APIKeyHeader` examples, Redmine, Azure (`Ocp-Apim-Subscription-Key`), `X-Auth-Token`. */
const API_KEY_HEADER = /^(x-)?([a-z0-9]+-)*api-?key$|^apikey$|^x-auth-token$|^x-access-token$|^ocp-apim-subscription-key$/i;

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
