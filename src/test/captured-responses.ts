/**
 * Auth failures as real servers and frameworks send them, each with the source it was taken from.
 * Shared by the classifier's tests and the benchmark. Request headers carry planted values so
 * tests can check none leaks; tokens are built at test time so their `exp` is relative to "now".
 */
import type { CauseId } from "../core/diagnosis/cause";
import type { FixId } from "../core/fixes/fix";
import type { HttpHeader } from "../core/headers/http-header";
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
  /** The most it may have, where the evidence cannot tell the cause from another (it must not be said surer). */
  maxConfidence?: number;
  /** The fix that resolves this case, where it is not its cause's usual one. */
  firstFix?: FixId;
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
    source: "Source code: dotnet/aspnetcore src/Security/Authentication/JwtBearer/src/JwtBearerHandler.cs @ f22eba99 HandleChallengeAsync appends Options.Challenge (\"Bearer\") alone when there is no error",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", "Bearer"], ["Content-Length", "0"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "ASP.NET Core JwtBearer, expired token",
    source: 'Source code: dotnet/aspnetcore JwtBearerHandler.cs @ f22eba99 CreateErrorDescription, SecurityTokenExpiredException → "The token expired at \'{0}\'" (InvariantCulture); the same string in a third-party capture and in aspnetcore\'s own test',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '11/22/2026 11:00:00'"`]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", exp: s(-3600), iat: s(-7200), iss: "https://login.example.com" })}`]),
    cause: "token-expired",
    minConfidence: 0.9,
  },
  {
    name: "ASP.NET Core JwtBearer, malformed token",
    source: 'Source code: dotnet/aspnetcore JwtBearerHandler.cs @ f22eba99 CreateErrorDescription returns "" for exception types it does not name (a token that is not a JWT), and the builder skips empty values: error only, no error_description',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", 'Bearer error="invalid_token"'], ["Content-Length", "0"]) },
    request: h(["Authorization", "Bearer planted-opaque-token"]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "ASP.NET Core JwtBearer, authorization policy refused",
    source: "Source code: dotnet/aspnetcore JwtBearerHandler.cs @ f22eba99 HandleForbiddenAsync sets 403 and adds no WWW-Authenticate",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["Content-Length", "0"]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", exp: s(3600), iat: s(-600), iss: "https://login.example.com" })}`]),
    cause: "insufficient-permissions",
    minConfidence: 0.55,
  },
  {
    name: "Spring Security resource server, expired JWT",
    source:
      'Derived from source code, confirmed by a third-party capture: spring-security BearerTokenAuthenticationEntryPoint (no realm; error, error_description, error_uri, all quoted), NimbusJwtDecoder "An error occurred while attempting to decode the Jwt: %s" wrapping JwtTimestampValidator "Jwt expired at %s"',
    response: {
      statusCode: 401,
      responseHeaders: h(
        ["Date", DATE],
        ["WWW-Authenticate", 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Jwt expired at 2026-11-22T11:00:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"'],
      ),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(-3600) })}`]),
    cause: "token-expired",
    minConfidence: 0.9,
  },
  {
    name: "Spring Security resource server, malformed token",
    source: 'Source code: spring-security oauth2/oauth2-jose NimbusJwtDecoder.parse, a ParseException → "An error occurred while attempting to decode the Jwt: Malformed token" (a token that passes DefaultBearerTokenResolver but is not a JWT)',
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
    source: 'Source code: spring-security oauth2-resource-server .../web/access/BearerTokenAccessDeniedHandler.java @ 09ce639c: 403, error="insufficient_scope", fixed description and error_uri, no scope param',
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
    source: 'Docs: RFC 6750 §3 (https://www.rfc-editor.org/rfc/rfc6750#section-3), unfolded: Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer realm="example", error="invalid_token", error_description="The access token expired"']) },
    request: h(["Authorization", "Bearer mF_9.B5f-4.1JqM"]),
    cause: "token-expired",
    minConfidence: 0.85,
  },
  {
    name: "Keycloak bearer-only, token verification failed",
    source:
      "Derived from source code: keycloak adapters/oidc/adapter-core BearerTokenRequestAuthenticator.java @ 09eccaf6 challengeResponse(…, \"invalid_token\", e.getMessage()) with org.keycloak.TokenVerifier's issuer check \"Invalid token issuer. Expected '<realm url>', but was '<iss>'\" (single quotes, nothing escaped)",
    response: {
      statusCode: 401,
      responseHeaders: h(
        ["Date", DATE],
        ["WWW-Authenticate", `Bearer realm="lab", error="invalid_token", error_description="Invalid token issuer. Expected 'https://sso.example.com/realms/lab', but was 'http://keycloak:8080/realms/lab'"`],
      ),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(600), iss: "http://keycloak:8080/realms/lab" })}`]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "passport-http-bearer, token refused",
    source: 'Source code: jaredhanson/passport-http-bearer lib/strategy.js @ 0c52f688 _challenge: Bearer realm="Users", error="invalid_token" (realm defaults to "Users")',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["X-Powered-By", "Express"], ["WWW-Authenticate", 'Bearer realm="Users", error="invalid_token"']) },
    request: h(["Authorization", "Bearer planted-revoked-token"]),
    cause: "token-invalid",
    minConfidence: 0.8,
  },
  {
    name: "Auth0 express-oauth2-jwt-bearer, no token (DPoP allowed, the default)",
    source:
      "Source code: auth0/node-oauth2-jwt-bearer packages/access-token-jwt/src/token-verifier.ts @ 8701dab5 (DPoP since 3b03c4e): with no scheme, challenges Bearer realm=\"api\" and DPoP algs=\"<supported algs>\" joined with \", \" into one header",
    response: {
      statusCode: 401,
      responseHeaders: h(
        ["Date", DATE],
        ["X-Powered-By", "Express"],
        ["WWW-Authenticate", 'Bearer realm="api", DPoP algs="RS256 RS384 RS512 PS256 PS384 PS512 ES256 ES256K ES384 ES512 EdDSA"'],
        ["Content-Type", "text/html; charset=utf-8"],
      ),
    },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Auth0 express-oauth2-jwt-bearer, insufficient scope",
    source:
      "Source code: auth0/node-oauth2-jwt-bearer packages/oauth2-bearer/src/errors.ts @ 8701dab5 InsufficientScopeError (403) and getHeaders: Bearer realm=\"api\", error, error_description, scope; the package's test expects 'Insufficient Scope', 'foo bar baz'",
    response: {
      statusCode: 403,
      responseHeaders: h(["Date", DATE], ["X-Powered-By", "Express"], ["WWW-Authenticate", 'Bearer realm="api", error="insufficient_scope", error_description="Insufficient Scope", scope="foo bar baz"']),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(3600), scope: "foo" })}`]),
    cause: "insufficient-permissions",
    minConfidence: 0.9,
  },
  {
    name: "nginx auth_basic, first visit",
    source: 'Source code: nginx/nginx @ 3f6f7824 src/http/modules/ngx_http_auth_basic_module.c ngx_http_auth_basic_set_realm: Basic realm="<realm>" (no charset, no escaping); ngx_http_special_response.c sets text/html',
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Server", "nginx/1.24.0"], ["Date", DATE], ["Content-Type", "text/html"], ["WWW-Authenticate", 'Basic realm="Restricted"']) },
    request: h(["Accept", "text/html"]),
    cause: "missing-credentials",
    // The browser answers this challenge itself, unseen by extensions: a refused password would look the same.
    minConfidence: 0.5,
  },
  {
    name: "Apache mod_auth_basic, wrong password",
    source: 'Source code: apache/httpd @ 0cb68044 modules/aaa/mod_auth_basic.c note_basic_auth_failure: Basic realm="<AuthName>"',
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Date", DATE], ["Server", "Apache/2.4.62 (Debian)"], ["WWW-Authenticate", 'Basic realm="Members only"']) },
    request: h(["Authorization", "Basic cGxhbnRlZDpwbGFudGVkLXBhc3N3b3Jk"]),
    cause: "wrong-credentials",
    minConfidence: 0.8,
  },
  {
    name: "Apache mod_auth_digest, wrong password",
    source: "Source code: apache/httpd @ 0cb68044 modules/aaa/mod_auth_digest.c note_digest_auth_failure: Digest realm, nonce, algorithm=MD5 (unquoted), qop=\"auth\" last",
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
    source: "Third-party capture (pastebin.com/92fwyi2G, WCF over IIS 8.5) and docs (MS-NTHT §4.1, MS-N2HT): one WWW-Authenticate line per provider, Negotiate then NTLM, no auth-data in the first",
    response: { statusCode: 401, type: "main_frame", responseHeaders: h(["Server", "Microsoft-IIS/10.0"], ["WWW-Authenticate", "Negotiate"], ["WWW-Authenticate", "NTLM"], ["Date", DATE]) },
    request: h(["Accept", "text/html"]),
    cause: "missing-credentials",
    // The browser answers this challenge itself, unseen by extensions: a refused password would look the same.
    minConfidence: 0.5,
  },
  {
    name: "Outlook on the web, 440 Login Time-out",
    source: "Docs, status only: KB 941201 and TechNet 'How to Troubleshoot the 440 Login Timeout Error Message in Outlook Web Access'; a Microsoft Q&A thread shows OWA's XHRs answered 440. The response headers here are illustrative, not sourced",
    response: { statusCode: 440, url: "https://mail.example.com/owa/service.svc?action=GetItem", method: "POST", responseHeaders: h(["Server", "Microsoft-IIS/10.0"], ["X-OWA-Version", "15.2.1544.4"], ["Date", DATE]) },
    request: h(["Cookie", "X-OWA-CANARY=planted-canary; cadata=planted-cadata"], ["Action", "GetItem"]),
    cause: "session-expired",
    minConfidence: 0.85,
  },
  {
    name: "Laravel, CSRF token mismatch",
    source: "Source code: laravel/framework @ bd71b45f src/Illuminate/Foundation/Exceptions/Handler.php: TokenMismatchException → HttpException(419, 'CSRF token mismatch.'). The Set-Cookie here is not from a source",
    response: {
      statusCode: 419,
      method: "POST",
      url: "https://app.example.com/profile",
      responseHeaders: h(["Date", DATE], ["Set-Cookie", "XSRF-TOKEN=planted-new-xsrf; expires=Sun, 22 Nov 2026 14:00:00 GMT; Max-Age=7200; path=/; samesite=lax"]),
    },
    request: h(["Cookie", "XSRF-TOKEN=planted-xsrf; laravel_session=planted-session"], ["X-XSRF-TOKEN", "planted-xsrf"]),
    cause: "csrf",
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
    source: "Source code and maintainer's word: expressjs/session @ 2c9512fb (cookie connect.sid, value s%3A<sid>.<sig>); expressjs/session#882: the server cannot tell an expired session from none, so the app's own guard answers 401",
    response: { statusCode: 401, responseHeaders: h(["X-Powered-By", "Express"], ["Content-Type", "application/json; charset=utf-8"], ["Date", DATE]) },
    request: h(["Cookie", "connect.sid=s%3Aplanted-session.sig"]),
    cause: "session-expired",
    minConfidence: 0.6,
  },
  {
    name: "Devise JSON sign-in, wrong password",
    source:
      "Source code: heartcombo/devise @ 7ca7ed9c lib/devise/failure_app.rb http_auth: 401, and WWW-Authenticate (Basic realm=\"Application\") only when http_authenticatable (default false) and the request is not XHR",
    response: { statusCode: 401, method: "POST", url: "https://app.example.com/users/sign_in.json", responseHeaders: h(["Date", DATE], ["Content-Type", "application/json; charset=utf-8"]) },
    request: h(["Content-Type", "application/json"], ["X-Requested-With", "XMLHttpRequest"]),
    cause: "wrong-credentials",
    minConfidence: 0.7,
  },
  {
    name: "Django REST framework, TokenAuthentication without a token",
    source: "Source code: encode/django-rest-framework @ 751a19fe rest_framework/authentication.py TokenAuthentication.authenticate_header → 'Token' (bare scheme, no realm)",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", "Token"], ["Vary", "Accept"], ["Allow", "GET, HEAD, OPTIONS"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Django REST framework, SessionAuthentication without a session",
    source: "Source code: encode/django-rest-framework @ 751a19fe rest_framework/views.py handle_exception: NotAuthenticated with no authenticate_header (SessionAuthentication first) is coerced to 403",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Vary", "Accept, Cookie"], ["Allow", "GET, POST, HEAD, OPTIONS"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.45,
  },
  {
    name: "djangorestframework-simplejwt, expired access token",
    source:
      'Source code: jazzband/djangorestframework-simplejwt @ 998eb630 authentication.py authenticate_header → Bearer realm="api" (no error param); the "Token is expired" reason is only in the JSON body',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Bearer realm="api"'], ["Vary", "Accept"], ["Content-Type", "application/json"]) },
    request: h(["Authorization", `Bearer ${jwt({ token_type: "access", exp: s(-900), iat: s(-1200), user_id: 42 })}`]),
    cause: "token-expired",
    minConfidence: 0.8,
  },
  {
    name: "Rails token authentication",
    source: 'Source code: rails/rails @ 60d0aec7 actionpack/lib/action_controller/metal/http_authentication.rb request_http_token_authentication: Token realm="Application"',
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Token realm="Application"'], ["Content-Type", "text/html; charset=utf-8"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "AWS API Gateway, missing authentication token",
    source:
      'Docs and third-party capture: AWS Knowledge Center "api-gateway-authentication-token-errors" and the gateway responses table (MISSING_AUTHENTICATION_TOKEN, 403); gist kevinhooke/fe4bbcdf: {"message":"Missing Authentication Token"}. The x-amzn-ErrorType value is not confirmed by an AWS source',
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Content-Type", "application/json"], ["x-amzn-ErrorType", "MissingAuthenticationTokenException"]) },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.45,
  },
  {
    name: "Keycloak Authorization Services, signed in without the permission (UMA ticket)",
    source:
      'Docs: Keycloak Authorization Services, "Protecting a Stateless Service Using a Bearer Token": HTTP/1.1 401 Unauthorized, WWW-Authenticate: UMA realm="photoz-restful-api",as_uri="…/authz/authorize",ticket="…" (no space after the commas)',
    response: {
      statusCode: 401,
      responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'UMA realm="photoz-restful-api",as_uri="http://localhost:8080/auth/realms/photoz/authz/authorize",ticket="planted-permission-ticket"']),
    },
    request: h(["Authorization", `Bearer ${jwt({ exp: s(3600), iss: "http://localhost:8080/auth/realms/photoz" })}`]),
    cause: "insufficient-permissions",
    minConfidence: 0.8,
  },
  {
    name: "Kong key-auth (3.7 and later), no API key",
    source:
      "Source code: Kong/kong @ 22246ef2 kong/plugins/key-auth/handler.lua: www_auth_content = conf.realm and fmt('Key realm=\"%s\"', conf.realm) or 'Key' (bare 'Key' since #11794; before 3.7, Key realm=\"kong\"), body from kong/tools/http.lua's JSON template",
    response: {
      statusCode: 401,
      responseHeaders: h(["Date", DATE], ["Content-Type", "application/json; charset=utf-8"], ["WWW-Authenticate", "Key"], ["Server", "kong/3.9.0"], ["X-Kong-Response-Latency", "1"]),
    },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Azure API Management, missing subscription key",
    source:
      "Third-party captures (several repos) and docs (MicrosoftDocs/SupportArticles-docs support/azure/api-mgmt/availability/unauthorized-errors-invoke-apis.md, for the body): AzureApiManagementKey realm=\"…\",name=\"Ocp-Apim-Subscription-Key\",type=\"header\", no space after the commas",
    response: {
      statusCode: 401,
      url: "https://example.azure-api.net/echo/resource",
      responseHeaders: h(["Date", DATE], ["Content-Type", "application/json"], ["WWW-Authenticate", 'AzureApiManagementKey realm="https://example.azure-api.net/echo",name="Ocp-Apim-Subscription-Key",type="header"']),
    },
    request: h(["Accept", "application/json"]),
    cause: "missing-credentials",
    minConfidence: 0.75,
  },
  {
    name: "Stripe API, invalid key",
    source:
      'Third-party captures only: gist ejcx/082fe45a (2016 curl: Www-Authenticate: Basic realm="Stripe") and a 2026 probe note; Stripe docs (https://docs.stripe.com/api/errors) give only "401 Unauthorized: No valid API key provided", not the header',
    response: { statusCode: 401, url: "https://api.stripe.com/v1/charges", responseHeaders: h(["Date", DATE], ["Server", "nginx"], ["WWW-Authenticate", 'Basic realm="Stripe"']) },
    request: h(["Authorization", "Bearer sk_test_PLANTEDPLANTEDPLANTED"]),
    cause: "token-invalid",
    minConfidence: 0.55,
  },
  {
    name: "Squid, proxy authentication required",
    source:
      "Source code: squid-cache/squid @ 7c20a8a7 src/auth/basic/Config.cc fixHeader: Proxy-Authenticate: Basic realm=\"<realm>\" (defaultRealm 'Squid proxy-caching web server'); src/errorpage.cc X-Squid-Error \"%s %d\" (the errno 0 is derived)",
    response: { statusCode: 407, type: "main_frame", responseHeaders: h(["Server", "squid/5.7"], ["Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"'], ["X-Squid-Error", "ERR_CACHE_ACCESS_DENIED 0"]) },
    request: h(["Accept", "text/html"]),
    cause: "proxy-auth",
    minConfidence: 0.9,
  },
  {
    name: "CORS preflight refused with a Basic challenge",
    source:
      'Source code and issue threads: spring-security BasicAuthenticationEntryPoint.java @ 052537c8 sends Basic realm="<realmName>"; preflights refused with 401 in Talend/tmdm-server-se#506, aspnet/CORS#45, wildfly/wildfly#10565. The realm "Realm" (Spring\'s default) is not checked by the research',
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
  // Captured in the real-server lab (e2e/real-lab, e2e/real-servers.spec.ts): the servers' own answers, unmodified; docs/real-servers.md has every row.
  {
    name: "Django REST framework 3.14 (Debian), TokenAuthentication with a revoked token",
    source: "Real-server lab capture: python3-djangorestframework 3.14.0-2+deb12u1, TokenAuthentication, a token deleted on the server; body {\"detail\":\"Invalid token.\"}",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "WSGIServer/0.2 CPython/3.11.2"], ["Content-Type", "application/json"], ["WWW-Authenticate", "Token"], ["Vary", "Accept, Origin"], ["Allow", "OPTIONS, GET"]) },
    request: h(["Authorization", "Token planted0drf0token0000000000000000000000"]),
    cause: "token-invalid",
    minConfidence: 0.75,
  },
  {
    name: "Django REST framework 3.14 (Debian), a session the server no longer has",
    source: "Real-server lab capture: python3-django 3.2.25, python3-djangorestframework 3.14.0; SessionMiddleware deletes the cookie of an empty session; body {\"detail\":\"Authentication credentials were not provided.\"}",
    response: {
      statusCode: 403,
      responseHeaders: h(["Date", DATE], ["Server", "WSGIServer/0.2 CPython/3.11.2"], ["Content-Type", "application/json"], ["Vary", "Accept, Cookie, Origin"], ["Allow", "OPTIONS, GET"], ["Set-Cookie", 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax']),
    },
    request: h(["Cookie", "csrftoken=planted-csrf; sessionid=planted-session"]),
    cause: "session-expired",
    minConfidence: 0.85,
  },
  {
    name: "express-jwt-authz 2.4, scope missing from the token",
    source: 'Real-server lab capture: express-jwt-authz 2.4.1 (lib/index.js: `Bearer scope="…", error="Insufficient scope"`, the RFC 6750 code written as words), express 4.22.3; body "Insufficient scope"',
    response: { statusCode: 403, responseHeaders: h(["X-Powered-By", "Express"], ["WWW-Authenticate", 'Bearer scope="read:reports", error="Insufficient scope"'], ["Content-Type", "text/html; charset=utf-8"], ["Date", DATE]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", scope: "read:orders", aud: "orders-api", iat: s(-60), exp: s(240) })}`]),
    cause: "insufficient-permissions",
    minConfidence: 0.9,
  },
  {
    name: "express-jwt 8.5, expired token (express's development error page)",
    source: "Real-server lab capture: express-jwt 8.5.1, express 4.22.3 finalhandler; no challenge, body <pre>UnauthorizedError: jwt expired",
    response: { statusCode: 401, responseHeaders: h(["X-Powered-By", "Express"], ["Content-Security-Policy", "default-src 'none'"], ["X-Content-Type-Options", "nosniff"], ["Content-Type", "text/html; charset=utf-8"], ["Date", DATE]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", aud: "orders-api", iat: s(-2), exp: s(-1) })}`]),
    cause: "token-expired",
    minConfidence: 0.85,
  },
  {
    name: "express-jwt 8.5, token issued for another audience",
    source: "Real-server lab capture: express-jwt 8.5.1 with `audience`; no challenge, body <pre>UnauthorizedError: jwt audience invalid. expected: orders-api",
    response: { statusCode: 401, responseHeaders: h(["X-Powered-By", "Express"], ["Content-Security-Policy", "default-src 'none'"], ["X-Content-Type-Options", "nosniff"], ["Content-Type", "text/html; charset=utf-8"], ["Date", DATE]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", aud: "billing-api", iat: s(-10), exp: s(290) })}`]),
    cause: "token-invalid",
    minConfidence: 0.6,
  },
  {
    name: "koa-jwt 4.0, no token",
    source: "Real-server lab capture: koa-jwt 4.0.4 (ctx.throw(401, 'Authentication Error')), koa 3.3.0; no challenge",
    response: { statusCode: 401, responseHeaders: h(["Content-Type", "text/plain; charset=utf-8"], ["Date", DATE]) },
    request: h(["Accept", "*/*"]),
    cause: "missing-credentials",
    minConfidence: 0.65,
  },
  {
    name: "Flask-Login 0.6 (Debian), a session cookie signed with the previous deployment's key",
    source: "Real-server lab capture: python3-flask 2.2.2, python3-flask-login 0.6.2, login_required without login_view → abort(401); Werkzeug's 401 page, no challenge, the cookie left in place",
    response: { statusCode: 401, responseHeaders: h(["Server", "Werkzeug/2.2.2 Python/3.11.2"], ["Date", DATE], ["Content-Type", "text/html; charset=utf-8"], ["Vary", "Cookie"]) },
    request: h(["Cookie", "session=planted.flask.session"]),
    cause: "session-expired",
    minConfidence: 0.6,
  },
  {
    name: "Apache httpd 2.4 (Debian) forward proxy, mod_auth_basic",
    source: 'Real-server lab capture: apache2 2.4.71, ProxyRequests On with <Proxy "*"> AuthType Basic: 407 Proxy-Authenticate',
    response: { statusCode: 407, type: "main_frame", url: "http://wiki.example.com/", responseHeaders: h(["Date", DATE], ["Server", "Apache/2.4.71 (Debian)"], ["Proxy-Authenticate", 'Basic realm="Corporate proxy"'], ["Content-Type", "text/html; charset=iso-8859-1"]) },
    request: h(["Accept", "text/html"]),
    cause: "proxy-auth",
    minConfidence: 0.95,
  },
  {
    name: "FastAPI 0.92 (Debian), APIKeyHeader: a key the app refuses",
    source: "FastAPI docs, Security → APIKeyHeader; fastapi/security/api_key.py @ 0.92.0 (auto_error → 403 \"Not authenticated\"), the app's own check raising HTTPException(403, \"Could not validate credentials\"); uvicorn's Server header",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Server", "uvicorn"], ["Content-Type", "application/json"]) },
    request: h(["X-API-Key", "planted-api-key"], ["Accept", "application/json"]),
    // A page sends the key it was set up with: whoever set it up gives it a new one.
    firstFix: "copy-report",
    cause: "token-invalid",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "Redmine REST API, a wrong X-Redmine-API-Key",
    source: "Redmine app/controllers/application_controller.rb @ 5.1 (api_key_from_request reads X-Redmine-API-Key; find_current_user fails → 401 with WWW-Authenticate: Basic realm=\"Redmine API\")",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["WWW-Authenticate", 'Basic realm="Redmine API"'], ["Content-Type", "application/json; charset=utf-8"]) },
    request: h(["X-Redmine-API-Key", "planted-redmine-key"]),
    // A page sends the key it was set up with: whoever set it up gives it a new one.
    firstFix: "copy-report",
    cause: "token-invalid",
    minConfidence: 0.7,
  },
  {
    name: "Jupyter Server 1.23 (Debian), a wrong Authorization: token",
    source: "jupyter_server/base/handlers.py @ 1.23 (get_current_user → None; @web.authenticated on the API → 403, no challenge); Tornado's Server header",
    response: { statusCode: 403, responseHeaders: h(["Date", DATE], ["Server", "TornadoServer/6.2"], ["Content-Type", "application/json"]) },
    request: h(["Authorization", "token planted-jupyter-token"]),
    cause: "token-invalid",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "Jupyter Server 1.23 (Debian), a POST without _xsrf",
    source: "tornado/web.py check_xsrf_cookie (\"'_xsrf' argument missing from POST\", 403); Jupyter's login cookie username-<host>-<port>",
    response: { statusCode: 403, method: "POST", responseHeaders: h(["Date", DATE], ["Server", "TornadoServer/6.2"], ["Content-Type", "text/html; charset=UTF-8"]) },
    request: h(["Cookie", "username-127-0-0-1-8888=planted-jupyter-login; _xsrf=planted-xsrf"], ["Content-Type", "application/json"]),
    cause: "csrf",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "RabbitMQ 3.10 management API, a user without the management tag",
    source: "rabbitmq-management rabbit_mgmt_util.erl @ v3.10 (is_authorized_user: not_authorised, \"Not management user\", 401; no challenge when the request says X-Requested-With)",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Cowboy"], ["Content-Type", "application/json"]) },
    request: h(["Authorization", "Basic cGxhbnRlZDpwbGFudGVk"], ["X-Requested-With", "XMLHttpRequest"]),
    cause: "insufficient-permissions",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "Radicale 3.1 (Debian), its web client's PROPFIND with a mistyped password",
    source: "radicale/web/internal_data/fn.js @ 3.1 (XMLHttpRequest.open with user and password: the address carries them); radicale/httputils.py NOT_ALLOWED → 401 with WWW-Authenticate Basic realm=\"Radicale - Password Required\"",
    response: { statusCode: 401, method: "PROPFIND", url: "http://alice:planted-password@cal.example.com/", responseHeaders: h(["Date", DATE], ["Server", "WSGIServer/0.2 CPython/3.11.2"], ["WWW-Authenticate", 'Basic realm="Radicale - Password Required"'], ["Content-Type", "text/plain; charset=utf-8"]) },
    request: h(["Authorization", "Basic YWxpY2U6cGxhbnRlZC1wYXNzd29yZA=="], ["Depth", "0"], ["Content-Type", "application/xml; charset=utf-8"]),
    cause: "wrong-credentials",
    minConfidence: 0.85,
    firstFix: "sign-in",
  },
  {
    name: "cookie-session 2.1, a session cookie over 4 KB (Look closer shows its Set-Cookie)",
    source: "cookie-session index.js @ 2.1 (the whole session, JSON in base64, in one cookie, its signature in \"<name>.sig\"); RFC 6265bis §5.7 step 3 (name and value over 4096 octets: ignored)",
    response: { statusCode: 302, method: "POST", type: "main_frame", url: "http://app.example.com/login", responseHeaders: h(["Date", DATE], ["Location", "/pages/dashboard.html"], ["Set-Cookie", `session=${"eyJ1c2VyIjoiYWxpY2UiLCJncm91cHMiOlsiY249dGVhbS0".repeat(90)}; path=/; httponly`], ["Set-Cookie", "session.sig=planted-signature-27-chars-xx; path=/; httponly"]) },
    request: h(["Content-Type", "application/x-www-form-urlencoded"]),
    cause: "cookies-blocked",
    minConfidence: 0.75,
    firstFix: "copy-report",
  },
  {
    name: "Roundcube 1.6, a wrong password on its sign-in form",
    source: "roundcube program/actions/login/index.php @ 1.6 (failed login → 401 with the login page, on POST ./?_task=login)",
    response: { statusCode: 401, method: "POST", type: "main_frame", url: "https://mail.example.com/?_task=login", responseHeaders: h(["Date", DATE], ["Content-Type", "text/html; charset=UTF-8"]) },
    request: h(["Cookie", "roundcube_sessid=planted-rc-session"], ["Content-Type", "application/x-www-form-urlencoded"]),
    cause: "wrong-credentials",
    minConfidence: 0.75,
  },
  {
    name: "WordPress REST API, a nonce refused after the session ended",
    source: "wordpress wp-includes/rest-api.php rest_cookie_check_errors @ 6.4 (rest_cookie_invalid_nonce, 403); the X-WP-Nonce header of wp.apiFetch",
    response: { statusCode: 403, method: "POST", url: "https://blog.example.com/wp-json/wp/v2/posts", responseHeaders: h(["Date", DATE], ["Content-Type", "application/json; charset=UTF-8"]) },
    request: h(["X-WP-Nonce", "planted-nonce"], ["Cookie", "wordpress_logged_in_abc=planted-wp-login; wordpress_test_cookie=WP%20Cookie%20check"]),
    cause: "csrf",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "Ruby on Rails 7, a fetch without X-CSRF-Token (422)",
    source: "actionpack request_forgery_protection.rb @ 7.1 (verify_authenticity_token → InvalidAuthenticityToken, rescued as 422 Unprocessable Entity)",
    response: { statusCode: 422, method: "POST", responseHeaders: h(["Date", DATE], ["Content-Type", "text/html; charset=utf-8"]) },
    request: h(["Cookie", "_notes_session=planted-rails-session"], ["Content-Type", "application/json"]),
    cause: "csrf",
    minConfidence: 0.5,
    maxConfidence: 0.5,
  },
  {
    name: "ASP.NET Core JwtBearer, a token not valid yet",
    source: "dotnet/aspnetcore JwtBearerHandler.cs CreateErrorDescription, SecurityTokenNotYetValidException → \"The token is not valid before '{0}'\"",
    response: { statusCode: 401, responseHeaders: h(["Date", DATE], ["Server", "Kestrel"], ["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token is not valid before '11/22/2026 12:05:00'"`]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", nbf: s(300), exp: s(3600) })}`]),
    // Our clock agrees with the server's: the issuer's runs ahead, and the token becomes valid in a moment.
    firstFix: "reload",
    cause: "clock-skew",
    minConfidence: 0.75,
  },
  {
    name: "express-jwt 8, a token whose issuer's clock is ahead (not-before ahead of the server's clock, which agrees with ours)",
    source: "jsonwebtoken verify.js @ 9.0 (NotBeforeError: jwt not active, clockTolerance 0); express-jwt 8 answers 401 with no challenge",
    response: { statusCode: 401, responseHeaders: h(["X-Powered-By", "Express"], ["Date", DATE], ["Content-Type", "text/html; charset=utf-8"]) },
    request: h(["Authorization", `Bearer ${jwt({ sub: "planted-subject", iat: s(120), nbf: s(120), exp: s(3720) })}`]),
    // Our clock agrees with the server's: the issuer's runs ahead, and the token becomes valid in a moment.
    firstFix: "reload",
    cause: "clock-skew",
    minConfidence: 0.8,
  },
];
