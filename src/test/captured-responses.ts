/**
 * Auth failures as real servers and frameworks send them, each with the source it was taken from.
 * Shared by the classifier's tests and the benchmark. Request headers carry planted values so
 * tests can check none leaks; tokens are built at test time so their `exp` is relative to "now".
 */
import type { CauseId } from "../core/cause";
import type { HttpHeader } from "../core/http-header";
import type { ResponseEvent } from "../platform/web-request";

export interface CapturedCase {
  name: string;
  /** Where the header shapes come from. */
  source: string;
  response: Partial<ResponseEvent>;
  request: HttpHeader[];
  cause: CauseId;
  /** The least confidence the classifier should have. */
  minConfidence: number;
}

export const NOW = Date.parse("2026-11-22T12:00:00Z");
const DATE = "Sun, 22 Nov 2026 12:00:00 GMT";
const h = (...pairs: [string, string][]): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** A JWT with the given claims; the signature is junk (nothing here verifies it). */
export const jwt = (claims: Record<string, unknown>) => `${b64({ alg: "RS256", typ: "JWT" })}.${b64(claims)}.U0VDUkVULVNJR05BVFVSRQ`;
const s = (offset: number) => Math.floor(NOW / 1000) + offset;

export const CAPTURED: CapturedCase[] = [
  {
    name: "ASP.NET Core JwtBearer, no token",
    source: "dotnet/aspnetcore src/Security/Authentication/JwtBearer/src/JwtBearerHandler.cs HandleChallengeAsync: the bare scheme when there is no error",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", "Bearer"], ["Content-Length", "0"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "ASP.NET Core JwtBearer, expired token",
    source: 'JwtBearerHandler.CreateErrorDescription: SecurityTokenExpiredException → "The token expired at \'{0}\'" (InvariantCulture)',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '11/22/2026 11:00:00'"`]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", exp: s(-3600), iat: s(-7200), iss: "https://login.example.com" })}`]),
    cause: "token-expired",
    minConfidence: 0.9,
  },
  {
    name: "Spring Security resource server, expired JWT",
    source: 'spring-security BearerTokenAuthenticationEntryPoint (realm-less, error, error_description, error_uri) and JwtTimestampValidator "Jwt expired at …"',
    response: {
      statusCode: 401,
      responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer error="invalid_token", error_description="Jwt expired at 2026-11-22T11:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"']),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(-3600) })}`]),
    cause: "token-expired",
    minConfidence: 0.9,
  },
  {
    name: "Spring Security resource server, malformed token",
    source: "spring-security NimbusJwtDecoder: \"An error occurred while attempting to decode the Jwt: Malformed token\"",
    response: {
      statusCode: 401,
      responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Malformed token", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"']),
    },
    request: h(["Authorization", "Bearer planted-opaque-token"]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "Spring Security resource server, insufficient scope",
    source: 'spring-security BearerTokenAccessDeniedHandler: 403, error="insufficient_scope"',
    response: {
      statusCode: 403,
      responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"']),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(3600), scope: "read" })}`]),
    cause: "insufficient-permissions",
    minConfidence: 0.9,
  },
  {
    name: "RFC 6750 §3 example, expired access token",
    source: "RFC 6750 §3: WWW-Authenticate: Bearer realm=\"example\", error=\"invalid_token\", error_description=\"The access token expired\"",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer realm="example", error="invalid_token", error_description="The access token expired"']) },
    request: h(["Authorization", "Bearer mF_9.B5f-4.1JqM"]),
    cause: "token-expired",
    minConfidence: 0.85,
  },
  {
    name: "Keycloak bearer-only, token verification failed",
    source: 'keycloak BearerTokenRequestAuthenticator.challenge: Bearer realm="<realm>", error="invalid_token", error_description="Token verification failed"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer realm="lab", error="invalid_token", error_description="Token verification failed"']) },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(600), iss: "https://sso.example.com/realms/lab" })}`]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "passport-http-bearer, token refused",
    source: 'jaredhanson/passport-http-bearer lib/strategy.js _challenge: Bearer realm="Users", error="invalid_token"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["X-Powered-By", "Express"], ["WWW-Authenticate", 'Bearer realm="Users", error="invalid_token"']) },
    request: h(["Authorization", "Bearer planted-revoked-token"]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "nginx auth_basic, first visit",
    source: 'nginx src/http/modules/ngx_http_auth_basic_module.c ngx_http_auth_basic_set_realm: Basic realm="<realm>"',
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Server", "nginx/1.24.0"], ["Date", DATE], ["Content-Type", "text/html"], ["WWW-Authenticate", 'Basic realm="Restricted"']) },
    request: h(["Accept", "text/html"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Apache mod_auth_basic, wrong password",
    source: 'httpd modules/aaa/mod_auth_basic.c note_basic_auth_failure: Basic realm="<AuthName>"',
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Date", DATE], ["Server", "Apache/2.4.62 (Debian)"], ["WWW-Authenticate", 'Basic realm="Members only"']) },
    request: h(["Authorization", "Basic cGxhbnRlZDpwbGFudGVkLXBhc3N3b3Jk"]),
    cause: "wrong-credentials",
    minConfidence: 0.8,
  },
  {
    name: "Apache mod_auth_digest, wrong password",
    source: "httpd modules/aaa/mod_auth_digest.c note_digest_auth_failure: Digest realm, nonce, algorithm=MD5, qop=\"auth\"",
    response: {
      statusCode: 401,
      responseHeaders: h(["Date", DATE], ["Server", "Apache"], ["WWW-Authenticate", 'Digest realm="private", nonce="R0a5UqQRBgA=9f1b7b4f0a4b6c7e1c2d", algorithm=MD5, qop="auth"']),
    },
    request: h(["Authorization", 'Digest username="planted-user", realm="private", nonce="R0a5UqQRBgA=9f1b7b4f0a4b6c7e1c2d", uri="/private/", response="6629fae49393a05397450978507c4ef1"']),
    cause: "wrong-credentials",
    minConfidence: 0.8,
  },
  {
    name: "IIS Windows authentication, no credentials",
    source: "IIS WindowsAuthenticationModule: one WWW-Authenticate header per provider (Negotiate, NTLM)",
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Server", "Microsoft-IIS/10.0"], ["WWW-Authenticate", "Negotiate"], ["WWW-Authenticate", "NTLM"], ["Date", DATE]) },
    request: h(["Accept", "text/html"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Outlook on the web, 440 Login Time-out",
    source: "Exchange OWA: 440 to service.svc calls after the forms-based session times out",
    response: { statusCode: 440, url: "https://mail.example.com/owa/service.svc?action=GetItem", method: "POST", responseHeaders: h(["Server", "Microsoft-IIS/10.0"], ["X-OWA-Version", "15.2.1544.4"], ["Date", DATE]) },
    request: h(["Cookie", "X-OWA-CANARY=planted-canary; cadata=planted-cadata"], ["Action", "GetItem"]),
    cause: "session-expired",
    minConfidence: 0.85,
  },
  {
    name: "Laravel, CSRF token mismatch",
    source: "laravel/framework Illuminate/Foundation/Exceptions/Handler.php: TokenMismatchException → HttpException(419, 'CSRF token mismatch.')",
    response: {
      statusCode: 419,
      method: "POST",
      url: "https://app.example.com/profile",
      responseHeaders: h(["Date", DATE], ["Set-Cookie", "XSRF-TOKEN=planted-new-xsrf; expires=Sun, 22 Nov 2026 14:00:00 GMT; Max-Age=7200; path=/; samesite=lax"]),
    },
    request: h(["Cookie", "XSRF-TOKEN=planted-xsrf; laravel_session=planted-session"], ["X-XSRF-TOKEN", "planted-xsrf"]),
    cause: "session-expired",
    minConfidence: 0.8,
  },
  {
    name: "Django, session deleted while refusing",
    source: 'django/http/response.py HttpResponseBase.delete_cookie: Max-Age=0 and expires="Thu, 01 Jan 1970 00:00:00 GMT"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Vary", "Cookie"], ["Set-Cookie", 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax']) },
    request: h(["Cookie", "sessionid=planted-session; csrftoken=planted-csrf"]),
    cause: "session-expired",
    minConfidence: 0.8,
  },
  {
    name: "Express + express-session, unknown session id",
    source: "expressjs/session: a session id not in the store yields a fresh, empty session; the app's guard answers 401",
    response: { statusCode: 401, responseHeaders: h(["X-Powered-By", "Express"], ["Content-Type", "application/json; charset=utf-8"], ["Date", DATE]) },
    request: h(["Cookie", "connect.sid=s%3Aplanted-session.sig"]),
    cause: "session-expired",
    minConfidence: 0.6,
  },
  {
    name: "Devise JSON sign-in, wrong password",
    source: "heartcombo/devise lib/devise/failure_app.rb http_auth: 401 with the i18n message devise.failure.invalid, no WWW-Authenticate for XHR",
    response: { statusCode: 401, method: "POST", url: "https://app.example.com/users/sign_in.json", responseHeaders: h(["Date", DATE], ["Content-Type", "application/json; charset=utf-8"]) },
    request: h(["Content-Type", "application/json"], ["X-Requested-With", "XMLHttpRequest"]),
    cause: "wrong-credentials",
    minConfidence: 0.7,
  },
  {
    name: "Django REST framework, TokenAuthentication without a token",
    source: "encode/django-rest-framework rest_framework/authentication.py TokenAuthentication.authenticate_header → 'Token'",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", "Token"], ["Vary", "Accept"], ["Allow", "GET, HEAD, OPTIONS"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Django REST framework, SessionAuthentication without a session",
    source: "rest_framework/views.py APIView.permission_denied: NotAuthenticated with no authenticate_header becomes 403",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Vary", "Accept, Cookie"], ["Allow", "GET, POST, HEAD, OPTIONS"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.45,
  },
  {
    name: "Rails token authentication",
    source: 'rails actionpack/lib/action_controller/metal/http_authentication.rb Token#authentication_request: Token realm="Application"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Token realm="Application"'], ["Content-Type", "text/html; charset=utf-8"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "AWS API Gateway, missing authentication token",
    source: 'AWS API Gateway: 403 {"message":"Missing Authentication Token"} with x-amzn-ErrorType: MissingAuthenticationTokenException',
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Content-Type", "application/json"], ["x-amzn-ErrorType", "MissingAuthenticationTokenException"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.45,
  },
  {
    name: "Stripe API, invalid key",
    source: 'Stripe API reference, Errors: 401 with WWW-Authenticate: Basic realm="Stripe"',
    response: { statusCode: 401, url: "https://api.stripe.com/v1/charges", responseHeaders: h(["Date", DATE], ["Server", "nginx"], ["WWW-Authenticate", 'Basic realm="Stripe"']) },
    request: h(["Authorization", "Bearer sk_test_PLANTEDPLANTEDPLANTED"]),
    cause: "token-invalid",
    minConfidence: 0.55,
  },
  {
    name: "Squid, proxy authentication required",
    source: "squid src/auth/basic/Config.cc fixHeader: Proxy-Authenticate: Basic realm=\"<realm>\" (default realm 'Squid proxy-caching web server')",
    response: { statusCode: 407, type: "main_frame", responseHeaders: h(["Server", "squid/5.7"], ["Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"'], ["X-Squid-Error", "ERR_CACHE_ACCESS_DENIED 0"]) },
    request: h(["Accept", "text/html"]),
    cause: "proxy-auth",
    minConfidence: 0.9,
  },
  {
    name: "CORS preflight refused with a Basic challenge",
    source: "Spring Security without http.cors(): BasicAuthenticationEntryPoint answers the OPTIONS preflight with 401",
    response: { statusCode: 401, method: "OPTIONS", type: "other", url: "https://api.example.com/orders", initiator: "https://app.example.org", responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Basic realm="Realm"']) },
    request: h(["Access-Control-Request-Method", "POST"], ["Access-Control-Request-Headers", "content-type"], ["Origin", "https://app.example.org"]),
    cause: "cors-preflight",
    minConfidence: 0.9,
  },
  {
    name: "Cookie refused: SameSite=None without Secure",
    source: "Chrome CookieInclusionStatus EXCLUDE_SAMESITE_NONE_INSECURE (since Chrome 80)",
    response: {
      statusCode: 401,
      url: "https://api.widget.example/me",
      initiator: "https://news.example.com",
      responseHeaders: h(["Date", DATE], ["Access-Control-Allow-Credentials", "true"], ["Set-Cookie", "widget_session=planted-widget; Path=/; SameSite=None; HttpOnly"]),
    },
    request: h(["Origin", "https://news.example.com"]),
    cause: "cookies-blocked",
    minConfidence: 0.7,
  },
  {
    name: "Rails, two _session_id cookies",
    source: "RFC 6265 §5.4: the cookie with the longer path is listed first; Rack keeps the first of a repeated name",
    response: { statusCode: 401, url: "https://app.example.com/app/api/me", responseHeaders: h(["Date", DATE], ["Content-Type", "application/json; charset=utf-8"]) },
    request: h(["Cookie", "_session_id=planted-old; _session_id=planted-new"]),
    cause: "stale-cookie",
    minConfidence: 0.8,
  },
  {
    name: "Server clock two hours ahead",
    source: "JwtBearer with the server clock ahead: the token is valid locally, expired by the server's Date",
    response: { statusCode: 401, responseHeaders: h(["Date", "Sun, 22 Nov 2026 14:00:00 GMT"], ["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '11/22/2026 12:30:00'"`]) },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(1800), iat: s(-60) })}`]),
    cause: "clock-skew",
    minConfidence: 0.8,
  },
  {
    name: "Cloudflare managed challenge on an API call",
    source: "Cloudflare docs, 'Detect a Challenge Page response': the cf-mitigated: challenge header",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Server", "cloudflare"], ["cf-mitigated", "challenge"], ["Content-Type", "text/html; charset=UTF-8"]) },
    request: h(["Cookie", "cf_pref=planted-value"]),
    cause: "unknown",
    minConfidence: 0.2,
  },
  {
    name: "Amazon S3 private object loaded as an image",
    source: "Amazon S3 error responses: 403 AccessDenied, Server: AmazonS3, no challenge",
    response: { statusCode: 403, type: "image", url: "https://bucket.s3.amazonaws.com/header.png", responseHeaders: h(["Server", "AmazonS3"], ["Content-Type", "application/xml"], ["Date", DATE]) },
    request: h(["Accept", "image/avif,image/webp,*/*"]),
    cause: "unknown",
    minConfidence: 0.2,
  },
];
