/** Scenarios where the sign-in itself is missing or refused: no credentials, wrong ones, a proxy. */
import { errorPage, json, page, respond, type Handler } from "../respond";
import type { Scenario } from "./scenario";

const basicAuthPage: Handler = (req, res) =>
  // nginx auth_basic: src/http/modules/ngx_http_auth_basic_module.c sends `Basic realm="<realm>"`
  // with its built-in 401 page.
  errorPage(res, 401, [["WWW-Authenticate", 'Basic realm="Restricted"'], ["Server", "nginx"]], "Authorization Required");

export const SIGN_IN: Scenario[] = [
  {
    id: "missing-credentials-main-frame",
    cause: "missing-credentials",
    resolvedBy: "enter-password",
    family: "nginx auth_basic",
    title: "A password-protected admin page",
    start: "http://admin.basic-auth.test/",
    failing: "http://admin.basic-auth.test/",
    routes: { "admin.basic-auth.test/": basicAuthPage },
  },
  {
    id: "missing-credentials",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
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
    id: "wrong-credentials",
    cause: "wrong-credentials",
    resolvedBy: "sign-in",
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
    id: "proxy-auth",
    cause: "proxy-auth",
    resolvedBy: "copy-report",
    family: "Squid",
    title: "The company proxy wants you to sign in",
    start: "http://intranet.proxy-auth.test/",
    failing: "http://intranet.proxy-auth.test/",
    routes: {},
    // Squid's answer without proxy credentials (errors/templates/ERR_CACHE_ACCESS_DENIED).
    proxy: (req, res) =>
      errorPage(res, 407, [["Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"'], ["Server", "squid/5.7"], ["X-Squid-Error", "ERR_CACHE_ACCESS_DENIED 0"]], "Proxy Authentication Required"),
  },
  {
    id: "proxy-auth-tinyproxy",
    cause: "proxy-auth",
    resolvedBy: "copy-report",
    family: "tinyproxy with BasicAuth",
    title: "A small office proxy asks for a password",
    start: "http://files.office-proxy.test/",
    failing: "http://files.office-proxy.test/",
    routes: {},
    // tinyproxy's html-error.c: 407 with `Proxy-Authenticate: Basic realm="tinyproxy"`.
    proxy: (req, res) => errorPage(res, 407, [["Proxy-Authenticate", 'Basic realm="tinyproxy"'], ["Server", "tinyproxy/1.11.1"]], "Proxy Authentication Required"),
  },
  {
    id: "missing-credentials-drf",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    family: "Django REST framework, SessionAuthentication",
    title: "An API that answers 403 when you are not signed in",
    start: "http://app.drf-anonymous.test/",
    failing: "http://app.drf-anonymous.test/api/projects/",
    routes: {
      "app.drf-anonymous.test/": (req, res) => page(res, "Projects", "The app lists your projects before you have signed in.", `const r = await fetch("/api/projects/"); log("GET /api/projects/ → " + r.status);`),
      // SessionAuthentication has no authenticate_header, so NotAuthenticated becomes a 403 with
      // {"detail": "Authentication credentials were not provided."} and no WWW-Authenticate.
      "app.drf-anonymous.test/api/projects/": (req, res) =>
        json(res, 403, [["Allow", "GET, POST, HEAD, OPTIONS"], ["Vary", "Accept, Cookie"], ["Server", "WSGIServer/0.2 CPython/3.12.3"]], { detail: "Authentication credentials were not provided." }),
    },
  },
  {
    id: "wrong-credentials-simplejwt",
    cause: "wrong-credentials",
    resolvedBy: "sign-in",
    family: "Django REST framework SimpleJWT token endpoint",
    title: "A token sign-in that refuses the password",
    start: "http://app.simplejwt-login.test/login",
    failing: "http://app.simplejwt-login.test/api/token/",
    routes: {
      "app.simplejwt-login.test/login": (req, res) =>
        page(res, "Sign in", "The page asks the token endpoint for a token with a wrong password.", `const r = await fetch("/api/token/", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "alice", password: "not-her-password" }) }); log("POST /api/token/ → " + r.status);`),
      // TokenObtainSerializer raises AuthenticationFailed("No active account found with the given
      // credentials"); JWTAuthentication.authenticate_header gives `Bearer realm="api"`.
      "app.simplejwt-login.test/api/token/": (req, res) =>
        json(res, 401, [["WWW-Authenticate", 'Bearer realm="api"'], ["Vary", "Accept"]], { detail: "No active account found with the given credentials" }),
    },
  },
  {
    id: "missing-credentials-api-gateway",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    family: "AWS API Gateway (IAM-authorised route)",
    title: "A cloud API refuses a call with no signature",
    start: "http://app.api-gateway.test/",
    failing: "http://app.api-gateway.test/prod/items",
    routes: {
      "app.api-gateway.test/": (req, res) => page(res, "Items", "The app calls an IAM-protected API Gateway route without signing the request.", `const r = await fetch("/prod/items"); log("GET /prod/items → " + r.status);`),
      // API Gateway: 403 {"message":"Missing Authentication Token"}, x-amzn-ErrorType: MissingAuthenticationTokenException.
      "app.api-gateway.test/prod/items": (req, res) =>
        json(res, 403, [["x-amzn-ErrorType", "MissingAuthenticationTokenException"], ["x-amzn-RequestId", "lab-request-id"]], { message: "Missing Authentication Token" }),
    },
  },
  {
    id: "missing-credentials-apache-digest",
    cause: "missing-credentials",
    resolvedBy: "enter-password",
    family: "Apache mod_auth_digest",
    title: "A Digest-protected intranet page",
    start: "http://wiki.digest-auth.test/",
    failing: "http://wiki.digest-auth.test/",
    routes: {
      // mod_auth_digest note_digest_auth_failure: Digest realm, nonce, algorithm=MD5, qop="auth".
      "wiki.digest-auth.test/": (req, res) =>
        errorPage(res, 401, [["WWW-Authenticate", 'Digest realm="intranet", nonce="Ny8yLzIwMjYgMzowNDoyNCBQTQ", algorithm=MD5, qop="auth"'], ["Server", "Apache/2.4.62 (Debian)"]], "Unauthorized"),
    },
  },
];
