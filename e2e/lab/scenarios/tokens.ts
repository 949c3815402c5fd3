/** Bearer-token scenarios: expired, refused, under-scoped tokens and clocks that disagree. */
import { json, labJwt, nowSeconds, page, respond } from "../respond";
import type { Scenario } from "./scenario";

export const TOKENS: Scenario[] = [
  {
    id: "token-expired",
    cause: "token-expired",
    resolvedBy: "reload",
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
    resolvedBy: "sign-in",
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
    id: "insufficient-permissions",
    cause: "insufficient-permissions",
    resolvedBy: "copy-report",
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
    id: "clock-skew",
    cause: "clock-skew",
    resolvedBy: "set-clock",
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
    id: "token-expired-auth0",
    cause: "token-expired",
    resolvedBy: "reload",
    family: "Auth0 express-oauth2-jwt-bearer",
    title: "An Auth0-protected API refuses a token that expired",
    start: "http://app.auth0-expired.test/",
    failing: "http://app.auth0-expired.test/api/messages",
    routes: {
      "app.auth0-expired.test/": (req, res) =>
        page(res, "Messages", "The app sends an Auth0 access token that expired 10 minutes ago.", `const r = await fetch("/api/messages", { headers: { Authorization: "Bearer ${labJwt({ iss: "https://lab-tenant.auth0.test/", sub: "auth0|lab", aud: "https://api.auth0-expired.test", iat: nowSeconds() - 87000, exp: nowSeconds() - 600, scope: "read:messages" })}" } }); log("GET /api/messages → " + r.status);`),
      // InvalidTokenError from jose's JWTExpired: `Bearer realm="api", error="invalid_token", error_description="\"exp\" claim timestamp check failed"`.
      "app.auth0-expired.test/api/messages": (req, res) =>
        respond(res, 401, [["WWW-Authenticate", 'Bearer realm="api", error="invalid_token", error_description="\\"exp\\" claim timestamp check failed"'], ["X-Powered-By", "Express"]]),
    },
  },
  {
    id: "token-invalid-passport",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "passport-http-bearer",
    title: "An API refuses a token that was revoked",
    start: "http://app.passport-revoked.test/",
    failing: "http://app.passport-revoked.test/api/me",
    routes: {
      "app.passport-revoked.test/": (req, res) =>
        page(res, "Account", "The app sends a token that has not expired but was revoked when you signed out on another device.", `const r = await fetch("/api/me", { headers: { Authorization: "Bearer ${labJwt({ sub: "lab-user", exp: nowSeconds() + 3600, iat: nowSeconds() - 60 })}" } }); log("GET /api/me → " + r.status);`),
      // passport-http-bearer Strategy#authenticate, verify() returned false: `Bearer realm="Users", error="invalid_token"`.
      "app.passport-revoked.test/api/me": (req, res) => respond(res, 401, [["WWW-Authenticate", 'Bearer realm="Users", error="invalid_token"'], ["X-Powered-By", "Express"]], "Unauthorized"),
    },
  },
  {
    id: "insufficient-permissions-django-admin",
    cause: "insufficient-permissions",
    resolvedBy: "copy-report",
    family: "Django (PermissionDenied for a signed-in user)",
    title: "Signed in, but not an administrator",
    start: "http://app.django-forbidden.test/",
    failing: "http://app.django-forbidden.test/api/admin/users/",
    routes: {
      "app.django-forbidden.test/": (req, res) =>
        page(res, "Admin", "A signed-in user without staff rights opens the user list.", `const r = await fetch("/api/admin/users/"); log("GET /api/admin/users/ → " + r.status);`, [
          ["Set-Cookie", "sessionid=labvalidsession; HttpOnly; Path=/; SameSite=Lax"],
          ["Set-Cookie", "csrftoken=labcsrf; Path=/; SameSite=Lax"],
        ]),
      // DRF IsAdminUser for an authenticated user: PermissionDenied, 403 "You do not have permission to perform this action."
      "app.django-forbidden.test/api/admin/users/": (req, res) => json(res, 403, [["Vary", "Accept, Cookie"], ["Allow", "GET, HEAD, OPTIONS"]], { detail: "You do not have permission to perform this action." }),
    },
  },
  {
    id: "clock-skew-express-jwt",
    cause: "clock-skew",
    resolvedBy: "set-clock",
    family: "express-jwt (jsonwebtoken NotBeforeError), server clock an hour behind",
    title: "A token that the server thinks is not valid yet",
    start: "http://app.jwt-not-before.test/",
    failing: "http://app.jwt-not-before.test/api/data",
    routes: {
      "app.jwt-not-before.test/": (req, res) =>
        page(res, "Data", "The token became valid a minute ago by this computer's clock; the server's clock is an hour behind.", `const r = await fetch("/api/data", { headers: { Authorization: "Bearer ${labJwt({ sub: "lab-user", iat: nowSeconds() - 60, nbf: nowSeconds() - 60, exp: nowSeconds() + 3600 })}" } }); log("GET /api/data → " + r.status);`),
      // express-jwt wraps jsonwebtoken's NotBeforeError ("jwt not active") in an UnauthorizedError; the app's handler sends 401.
      "app.jwt-not-before.test/api/data": (req, res) =>
        json(res, 401, [["Date", new Date(Date.now() - 3600_000).toUTCString()], ["X-Powered-By", "Express"]], { error: "invalid_token", message: "jwt not active" }),
    },
  },
  {
    id: "token-invalid-keycloak",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "Keycloak bearer-only client",
    title: "A Keycloak-protected API cannot verify the token",
    start: "http://app.keycloak-invalid.test/",
    failing: "http://app.keycloak-invalid.test/api/reports",
    routes: {
      "app.keycloak-invalid.test/": (req, res) =>
        page(res, "Reports", "The app sends a token signed by a key the realm has since rotated.", `const r = await fetch("/api/reports", { headers: { Authorization: "Bearer ${labJwt({ iss: "http://sso.keycloak-invalid.test/realms/lab", aud: "account", exp: nowSeconds() + 300, iat: nowSeconds() - 60 })}" } }); log("GET /api/reports → " + r.status);`),
      // BearerTokenRequestAuthenticator.challenge: Bearer realm="<realm>", error="invalid_token", error_description="Token verification failed".
      "app.keycloak-invalid.test/api/reports": (req, res) => respond(res, 401, [["WWW-Authenticate", 'Bearer realm="lab", error="invalid_token", error_description="Token verification failed"']]),
    },
  },
  {
    id: "token-invalid-public-api",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "Public API with key auth (Stripe-style)",
    title: "A payments API refuses a revoked secret key",
    start: "http://shop.payments-key.test/",
    failing: "http://api.payments-api.test/v1/charges",
    routes: {
      "shop.payments-key.test/": (req, res) =>
        page(res, "Checkout", "The shop's dashboard calls the payments API with a key that was rolled.", `const r = await fetch("http://api.payments-api.test/v1/charges", { headers: { Authorization: "Bearer sk_test_labRolledKey000000000000" } }).catch(() => null); log("GET /v1/charges → " + (r ? r.status : "blocked"));`),
      // Stripe answers an invalid key with 401 and WWW-Authenticate: Basic realm="Stripe"; CORS allows the dashboard origin.
      "api.payments-api.test/v1/charges": (req, res) =>
        req.method === "OPTIONS"
          ? respond(res, 204, [["Access-Control-Allow-Origin", "http://shop.payments-key.test"], ["Access-Control-Allow-Headers", "authorization"], ["Access-Control-Allow-Methods", "GET, POST"]])
          : json(res, 401, [["WWW-Authenticate", 'Basic realm="Stripe"'], ["Access-Control-Allow-Origin", "http://shop.payments-key.test"]], { error: { message: "Invalid API Key provided: sk_test_****0000", type: "invalid_request_error" } }),
    },
  },
];
