/**
 * The auth lab's scenarios: each reproduces one auth failure the way a real server or framework
 * sends it (the family and source are named beside it). Hosts are `*.test`, routed to the lab by
 * Chromium's --host-resolver-rules, so each scenario is its own site with real subdomains.
 */
import type { CauseId } from "../../src/core/cause";
import { errorPage, json, labJwt, nowSeconds, page, respond, type Handler } from "./respond";

export interface Scenario {
  id: string;
  /** The cause AuthLens should name. */
  cause: CauseId;
  /** The server or framework whose response this copies. */
  family: string;
  title: string;
  /** The page a person (or a test) opens. */
  start: string;
  /** Handlers by "host/path" (no scheme, no query). */
  routes: Record<string, Handler>;
  /** The URL that fails, as AuthLens records it. */
  failing: string;
  /** Needs the lab's proxy (Chromium started with the lab's PAC file). */
  viaProxy?: boolean;
}

const basicAuthPage: Handler = (req, res) =>
  // nginx auth_basic: src/http/modules/ngx_http_auth_basic_module.c sends `Basic realm="<realm>"`
  // with its built-in 401 page.
  errorPage(res, 401, [["WWW-Authenticate", 'Basic realm="Restricted"'], ["Server", "nginx"]], "Authorization Required");

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "missing-credentials-main-frame",
    cause: "missing-credentials",
    family: "nginx auth_basic",
    title: "A password-protected admin page",
    start: "http://admin.basic-auth.test/",
    failing: "http://admin.basic-auth.test/",
    routes: { "admin.basic-auth.test/": basicAuthPage },
  },
  {
    id: "missing-credentials",
    cause: "missing-credentials",
    family: "ASP.NET Core JwtBearer",
    title: "A single-page app calls its API before signing in",
    start: "http://app.missing-credentials.test/",
    failing: "http://app.missing-credentials.test/api/orders",
    routes: {
      "app.missing-credentials.test/": (req, res) =>
        page(res, "Orders", "The app asks its API for your orders without any sign-in token.", `const r = await fetch("/api/orders"); log("GET /api/orders → " + r.status);`),
      // JwtBearerHandler.HandleChallengeAsync: with no token and no error, the header is just the scheme.
      "app.missing-credentials.test/api/orders": (req, res) => respond(res, 401, [["WWW-Authenticate", "Bearer"], ["Server", "Kestrel"]]),
    },
  },
  {
    id: "session-expired",
    cause: "session-expired",
    family: "Express + express-session",
    title: "Your session cookie is no longer recognised",
    start: "http://app.session-expired.test/",
    failing: "http://app.session-expired.test/api/me",
    routes: {
      "app.session-expired.test/": (req, res) =>
        page(
          res,
          "Dashboard",
          "The browser still holds a session cookie, but the server has forgotten the session.",
          `const r = await fetch("/api/me"); log("GET /api/me → " + r.status);`,
          // express-session's default cookie: name connect.sid, Path=/, HttpOnly.
          [["Set-Cookie", "connect.sid=s%3AlabSessionIdThatTheStoreForgot.sig; Path=/; HttpOnly"]],
        ),
      // An app's own guard: express-session found no session for the id, so req.session.user is unset.
      "app.session-expired.test/api/me": (req, res) => json(res, 401, [["X-Powered-By", "Express"]], { error: "Not authenticated" }),
    },
  },
  {
    id: "stale-cookie",
    cause: "stale-cookie",
    family: "Rails cookie store, two cookies of one name",
    title: "An old cookie on a narrower path shadows the fresh one",
    start: "http://app.stale-cookie.test/app/",
    failing: "http://app.stale-cookie.test/app/api/me",
    routes: {
      "app.stale-cookie.test/app/": (req, res) =>
        page(res, "Account", "An old host-only <code>_session_id</code> on /app is sent before the fresh one on the parent domain.", `const r = await fetch("/app/api/me"); log("GET /app/api/me → " + r.status);`, [
          ["Set-Cookie", "_session_id=old-session; Path=/app; HttpOnly"],
          ["Set-Cookie", "_session_id=fresh-session; Domain=stale-cookie.test; Path=/; HttpOnly"],
        ]),
      // The server reads the first _session_id (the stale one) and refuses it.
      "app.stale-cookie.test/app/api/me": (req, res) => json(res, 401, [], { error: "You need to sign in or sign up before continuing." }),
    },
  },
  {
    id: "token-expired",
    cause: "token-expired",
    family: "ASP.NET Core JwtBearer",
    title: "The app's access token has expired",
    start: "http://app.token-expired.test/",
    failing: "http://app.token-expired.test/api/profile",
    routes: {
      "app.token-expired.test/": (req, res) =>
        page(res, "Profile", "The app sends a bearer token that expired an hour ago.", `const r = await fetch("/api/profile", { headers: { Authorization: "Bearer ${labJwt({ sub: "lab-user", iss: "https://login.token-expired.test", aud: "lab-api", iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 })}" } }); log("GET /api/profile → " + r.status);`),
      // JwtBearerHandler: error="invalid_token" and, for SecurityTokenExpiredException, "The token expired at '…'".
      "app.token-expired.test/api/profile": (req, res) =>
        respond(res, 401, [["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '${new Date(Date.now() - 3600_000).toLocaleString("en-US", { timeZone: "UTC" })}'"`]]),
    },
  },
  {
    id: "token-invalid",
    cause: "token-invalid",
    family: "Spring Security resource server",
    title: "The API cannot read the token it was sent",
    start: "http://app.token-invalid.test/",
    failing: "http://app.token-invalid.test/api/items",
    routes: {
      "app.token-invalid.test/": (req, res) =>
        page(res, "Items", "The app sends a token that is not a JWT at all.", `const r = await fetch("/api/items", { headers: { Authorization: "Bearer not-a-real-token" } }); log("GET /api/items → " + r.status);`),
      // BearerTokenAuthenticationEntryPoint: realm-less, error, error_description, error_uri.
      "app.token-invalid.test/api/items": (req, res) =>
        respond(res, 401, [["WWW-Authenticate", 'Bearer error="invalid_token", error_description="An error occurred while attempting to decode the Jwt: Malformed token", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"']]),
    },
  },
  {
    id: "wrong-credentials",
    cause: "wrong-credentials",
    family: "Rails + Devise, JSON sign-in",
    title: "A sign-in form that refuses the password",
    start: "http://app.wrong-credentials.test/users/sign_in",
    failing: "http://app.wrong-credentials.test/users/sign_in.json",
    routes: {
      "app.wrong-credentials.test/users/sign_in": (req, res) =>
        page(
          res,
          "Sign in",
          "The page submits an email and a wrong password to the sign-in endpoint.",
          `const r = await fetch("/users/sign_in.json", { method: "POST", headers: { "Content-Type": "application/json", "X-Requested-With": "XMLHttpRequest" }, body: JSON.stringify({ user: { email: "alice@example.test", password: "not-her-password" } }) }); log("POST /users/sign_in.json → " + r.status);`,
        ),
      // Devise::FailureApp#http_auth for an XHR: 401, the i18n message devise.failure.invalid, and
      // no WWW-Authenticate (http_auth_header? is false for XHR requests).
      "app.wrong-credentials.test/users/sign_in.json": (req, res) => json(res, 401, [], { error: "Invalid Email or password." }),
    },
  },
  {
    id: "insufficient-permissions",
    cause: "insufficient-permissions",
    family: "Spring Security resource server",
    title: "Signed in, but not allowed",
    start: "http://app.insufficient-permissions.test/",
    failing: "http://app.insufficient-permissions.test/api/admin/users",
    routes: {
      "app.insufficient-permissions.test/": (req, res) =>
        page(res, "Admin", "A valid token without the admin scope asks for the user list.", `const r = await fetch("/api/admin/users", { headers: { Authorization: "Bearer ${labJwt({ sub: "lab-user", scope: "read", exp: nowSeconds() + 3600 })}" } }); log("GET /api/admin/users → " + r.status);`),
      // BearerTokenAccessDeniedHandler: 403 with error="insufficient_scope".
      "app.insufficient-permissions.test/api/admin/users": (req, res) =>
        respond(res, 403, [["WWW-Authenticate", 'Bearer error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token.", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"']]),
    },
  },
  {
    id: "cors-preflight",
    cause: "cors-preflight",
    family: "API that demands auth on OPTIONS",
    title: "The API refuses the browser's CORS check",
    start: "http://app.cors-preflight.test/",
    failing: "http://api.cors-api.test/v1/items",
    routes: {
      "app.cors-preflight.test/": (req, res) =>
        page(res, "Items", "The app calls an API on another site with a token; the API wants credentials even on the preflight, which never carries them.", `try { await fetch("http://api.cors-api.test/v1/items", { headers: { Authorization: "Bearer lab-token" } }); } catch (e) { log("fetch failed: " + e.message); }`),
      "api.cors-api.test/v1/items": (req, res) =>
        req.method === "OPTIONS"
          ? respond(res, 401, [["WWW-Authenticate", 'Bearer realm="api"']])
          : json(res, 200, [["Access-Control-Allow-Origin", "http://app.cors-preflight.test"]], []),
    },
  },
  {
    id: "cookies-blocked",
    cause: "cookies-blocked",
    family: "Embedded widget with a SameSite=None cookie lacking Secure",
    title: "A widget's cookie is refused by the browser",
    start: "http://news.cookies-blocked.test/",
    failing: "http://api.comments-widget.test/me",
    routes: {
      "news.cookies-blocked.test/": (req, res) =>
        page(res, "News", "A comments widget on another site signs in, but its cookie is rejected (SameSite=None without Secure), so the next call is anonymous.", `await fetch("http://api.comments-widget.test/login", { method: "POST", credentials: "include" }); const r = await fetch("http://api.comments-widget.test/me", { credentials: "include" }); log("GET /me → " + r.status);`),
      "api.comments-widget.test/login": (req, res) =>
        json(res, 200, [["Access-Control-Allow-Origin", "http://news.cookies-blocked.test"], ["Access-Control-Allow-Credentials", "true"], ["Set-Cookie", "widget_session=abc123; Path=/; SameSite=None; HttpOnly"]], { ok: true }),
      "api.comments-widget.test/me": (req, res) =>
        json(res, 401, [["Access-Control-Allow-Origin", "http://news.cookies-blocked.test"], ["Access-Control-Allow-Credentials", "true"]], { error: "Not signed in" }),
    },
  },
  {
    id: "clock-skew",
    cause: "clock-skew",
    family: "ASP.NET Core JwtBearer, server clock 2 hours ahead",
    title: "Your computer's clock and the server's disagree",
    start: "http://app.clock-skew.test/",
    failing: "http://app.clock-skew.test/api/profile",
    routes: {
      "app.clock-skew.test/": (req, res) =>
        page(res, "Profile", "The token is valid for another 30 minutes by this computer's clock, but the server's clock is 2 hours ahead.", `const r = await fetch("/api/profile", { headers: { Authorization: "Bearer ${labJwt({ sub: "lab-user", iat: nowSeconds() - 60, exp: nowSeconds() + 1800 })}" } }); log("GET /api/profile → " + r.status);`),
      "app.clock-skew.test/api/profile": (req, res) => {
        const serverNow = new Date(Date.now() + 2 * 3600_000);
        respond(res, 401, [["Date", serverNow.toUTCString()], ["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '${new Date(Date.now() + 1800_000).toLocaleString("en-US", { timeZone: "UTC" })}'"`]]);
      },
    },
  },
  {
    id: "proxy-auth",
    cause: "proxy-auth",
    family: "Squid",
    title: "The company proxy wants you to sign in",
    start: "http://intranet.proxy-auth.test/",
    failing: "http://intranet.proxy-auth.test/",
    viaProxy: true,
    routes: {},
  },
  {
    id: "unknown",
    cause: "unknown",
    family: "nginx valid_referers hotlink protection",
    title: "An image refused with no reason given",
    start: "http://blog.unknown-cause.test/",
    failing: "http://blog.unknown-cause.test/images/header.png",
    routes: {
      "blog.unknown-cause.test/": (req, res) =>
        respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], `<!doctype html><title>Blog</title><h1>Blog</h1><p>The header image is refused with a bare 403.</p><img src="/images/header.png" alt="Header">`),
      "blog.unknown-cause.test/images/header.png": (req, res) => errorPage(res, 403, [["Server", "nginx"]], "Forbidden"),
    },
  },
];

/** A page whose every request succeeds: AuthLens must record nothing for it. */
export const CLEAN_PAGE = "http://www.all-good.test/";

export const cleanRoutes: Record<string, Handler> = {
  "www.all-good.test/": (req, res) =>
    page(res, "All good", "Every request on this page succeeds.", `const r = await fetch("/api/status"); log("GET /api/status → " + r.status); const img = new Image(); img.src = "/logo.svg"; await img.decode().catch(() => {});`),
  "www.all-good.test/api/status": (req, res) => json(res, 200, [], { ok: true }),
  "www.all-good.test/logo.svg": (req, res) =>
    respond(res, 200, [["Content-Type", "image/svg+xml"]], '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="green"/></svg>'),
};

/** Squid's answer to a request without proxy credentials (errors/templates/ERR_CACHE_ACCESS_DENIED). */
export const proxyAuthRequired: Handler = (req, res) =>
  errorPage(res, 407, [["Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"'], ["Server", "squid/5.7"], ["X-Squid-Error", "ERR_CACHE_ACCESS_DENIED 0"]], "Proxy Authentication Required");
