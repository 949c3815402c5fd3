/**
 * The lab's Node sites, on npm's express, passport (local, HTTP Basic and bearer strategies),
 * express-jwt, express-jwt-authz, cors and Koa with koa-jwt, each configured as the libraries'
 * documentation shows. Route handlers answer the signed-in case only: every 401 and 403 comes
 * from the middleware, and the framework's default error handler words it.
 */
import cors from "cors";
import express from "express";
import { expressjwt } from "express-jwt";
import jwtAuthz from "express-jwt-authz";
import session from "express-session";
import jwt from "jsonwebtoken";
import Koa from "koa";
import koaJwt from "koa-jwt";
import cookieParser from "cookie-parser";
import cookieSession from "cookie-session";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { readFileSync } from "node:fs";
import { WebSocketServer } from "ws";
import { join } from "node:path";
import { csrfSync } from "csrf-sync";
import openIdConnect from "express-openid-connect";
import ensureLogin from "connect-ensure-login";
import Provider from "oidc-provider";
import passport from "passport";
import { BasicStrategy } from "passport-http";
import { Strategy as BearerStrategy } from "passport-http-bearer";
import { Strategy as LocalStrategy } from "passport-local";

const { auth, requiresAuth } = openIdConnect;
const { ensureLoggedIn } = ensureLogin;

/** The account, signing secret and OpenID set-up, from the lab (servers/node-site.ts). */
const { user: NODE_USER, jwtSecret: JWT_SECRET, oidc: OIDC } = JSON.parse(process.env.AUTHLENS_NODE_SITE ?? "{}");
/** How long the express-jwt site's tokens live unless the sign-in asks otherwise. */
const TOKEN_SECONDS = 300;

/** Serves the lab's client pages from `pages` at /pages/…, as express.static does. */
const pagesOf = (pages) => express.static(pages);

/**
 * express + express-session + passport: a sign-in form (passport-local, which answers a wrong
 * password with 401), an API for scripts with HTTP Basic (passport-http) and one with API tokens
 * (passport-http-bearer, which answers an unknown token with an RFC 6750 challenge).
 */
function expressPassport(pages) {
  const knownTokens = new Set(); // tokens issued and not revoked: none survive a restart
  passport.use(new LocalStrategy((username, password, done) => done(null, username === NODE_USER.name && password === NODE_USER.password ? { name: username } : false)));
  passport.use(new BasicStrategy((username, password, done) => done(null, username === NODE_USER.name && password === NODE_USER.password ? { name: username } : false)));
  passport.use(new BearerStrategy((token, done) => done(null, knownTokens.has(token) ? { name: NODE_USER.name } : false)));
  passport.serializeUser((user, done) => done(null, user.name));
  passport.deserializeUser((name, done) => done(null, { name }));
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(session({ secret: "authlens-real-lab-session", resave: false, saveUninitialized: false }));
  app.use(passport.authenticate("session"));
  app.post("/login", express.urlencoded({ extended: false }), passport.authenticate("local"), (req, res) => void res.json({ user: req.user.name }));
  app.get("/api/basic/me", passport.authenticate("basic", { session: false }), (req, res) => void res.json({ user: req.user.name }));
  // Changes need the session's anti-forgery token in X-CSRF-Token (csrf-sync, the synchroniser token pattern).
  const { csrfSynchronisedProtection } = csrfSync();
  app.post("/api/notes", express.json(), csrfSynchronisedProtection, (req, res) => void res.status(201).json({ saved: true }));
  // A page for signed-in people: connect-ensure-login sends everyone else to the sign-in form.
  app.get("/login", (req, res) => void res.sendFile(join(pages, "passport-sign-in-form.html")));
  app.get("/account", ensureLoggedIn("/login"), (req, res) => void res.send(`<h1>Account of ${req.user.name}</h1>`));
  app.get("/api/tokens/me", passport.authenticate("bearer", { session: false }), (req, res) => void res.json({ user: req.user.name }));
  return app;
}

/**
 * express + express-jwt: a sign-in that hands out JWTs, APIs that check them (from the
 * Authorization header, or from a `token` cookie read by cookie-parser, for a server-rendered
 * page), one that also checks a scope (express-jwt-authz), and an API for a single-page app on
 * another origin whose CORS middleware comes after the JWT check, as it often does.
 */
function expressJwt(pages) {
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(cookieParser());
  const check = expressjwt({ secret: JWT_SECRET, algorithms: ["HS256"], audience: "orders-api" });
  // A sign-in that hands out tokens: `seconds` and `audience` as the client asks (an app with several APIs).
  app.post("/login", express.json(), (req, res) => {
    const { username, password, seconds, audience, scope } = req.body;
    if (username !== NODE_USER.name || password !== NODE_USER.password) return void res.json({ error: "wrong username or password" });
    const token = jwt.sign({ sub: username, scope: scope ?? "read:orders" }, JWT_SECRET, { expiresIn: seconds ?? TOKEN_SECONDS, audience: audience ?? "orders-api" });
    res.cookie("token", token, { httpOnly: true, sameSite: "lax" }).json({ token });
  });
  app.get("/api/orders", check, (req, res) => void res.json({ orders: [] }));
  app.get("/api/cookie/orders", expressjwt({ secret: JWT_SECRET, algorithms: ["HS256"], getToken: (req) => req.cookies.token }), (req, res) => void res.json({ orders: [] }));
  app.get("/api/reports", check, jwtAuthz(["read:reports"], { customScopeKey: "scope", customUserKey: "auth" }), (req, res) => void res.json({ reports: [] }));
  // The single-page app's API: the JWT check first, CORS after it.
  app.use("/spa-api", expressjwt({ secret: JWT_SECRET, algorithms: ["HS256"] }), cors({ origin: /\.test$/ }));
  app.get("/spa-api/orders", (req, res) => void res.json({ orders: [] }));
  // The same API with CORS first, as cors's documentation shows: refusals carry CORS headers.
  app.use("/cors-api", cors({ origin: /\.test$/ }), expressjwt({ secret: JWT_SECRET, algorithms: ["HS256"] }));
  app.get("/cors-api/orders", (req, res) => void res.json({ orders: [] }));
  return app;
}

/** Koa + koa-jwt, which answers a missing or bad token with a bare 401 "Authentication Error". */
function koaJwtSite(pages) {
  const app = new Koa();
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith("/pages/")) return next();
    // A service worker's script must be served as JavaScript.
    ctx.type = ctx.path.endsWith(".js") ? "js" : "html";
    ctx.body = await readFile(join(pages, ctx.path.slice("/pages/".length).replace(/\.\./g, "")));
  });
  app.use(koaJwt({ secret: JWT_SECRET }));
  app.use((ctx) => {
    if (ctx.path === "/api/me") ctx.body = { user: ctx.state.user?.sub };
  });
  return app;
}

/**
 * oidc-provider as the identity provider, with its development sign-in and consent pages (any
 * login is accepted; "Cancel" aborts with access_denied), and the apps below as its clients.
 */
function identityProvider() {
  const clients = Object.entries(OIDC.apps).map(([id, baseURL]) => ({ client_id: id, client_secret: `${id}-secret`, redirect_uris: [`${baseURL}/callback`], post_logout_redirect_uris: [baseURL], response_types: ["code"], grant_types: ["authorization_code"] }));
  const provider = new Provider(OIDC.issuer, {
    clients,
    cookies: { keys: ["authlens-real-lab-idp-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    findAccount: async (ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  return provider;
}

/**
 * An app that signs people in with the identity provider (express-openid-connect, authorization
 * code flow): /dashboard needs a sign-in (requiresAuth), /silent tries one without asking
 * (prompt=none). `options` are express-openid-connect's own: `attemptSilentLogin`, or a session
 * cookie set-up.
 */
function openIdApp(id, options = {}) {
  const app = express();
  app.use(
    auth({
      issuerBaseURL: OIDC.issuer,
      baseURL: OIDC.apps[id],
      clientID: id,
      clientSecret: `${id}-secret`,
      secret: "authlens-real-lab-app-session-secret-0123456789",
      authRequired: false,
      idpLogout: false,
      authorizationParams: { response_type: "code", scope: "openid" },
      ...options,
    }),
  );
  app.get("/", (req, res) => void res.send(`<!doctype html><title>${id}</title><h1>${id}</h1><p>${req.oidc.isAuthenticated() ? "Signed in." : '<a href="/login">Sign in</a>'}</p><p><a href="/dashboard">Dashboard</a></p>`));
  app.get("/dashboard", requiresAuth(), (req, res) => void res.send(`<!doctype html><title>Dashboard</title><h1>Dashboard</h1><p>Signed in as ${req.oidc.user?.sub}.</p><p><a href="/logout">Sign out</a></p>`));
  app.get("/silent", (req, res) => res.oidc.login({ returnTo: "/dashboard", authorizationParams: { prompt: "none" } }));
  return app;
}

/**
 * express + express-session + ws: a chat whose WebSocket is for signed-in people only, as ws's
 * own example does it (examples/express-session-parse): the upgrade request runs through the
 * session parser, and one without a signed-in session is answered "401 Unauthorized".
 */
function expressWs(pages) {
  const sessionParser = session({ secret: "authlens-real-lab-ws", resave: false, saveUninitialized: false });
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(sessionParser);
  app.post("/login", express.urlencoded({ extended: false }), (req, res) => {
    if (req.body.username !== NODE_USER.name || req.body.password !== NODE_USER.password) return void res.json({ error: "wrong username or password" });
    req.session.userId = req.body.username;
    res.json({ user: req.body.username });
  });
  const server = createServer(app);
  const wss = new WebSocketServer({ clientTracking: false, noServer: true });
  server.on("upgrade", (request, socket, head) => {
    socket.on("error", () => undefined);
    sessionParser(request, {}, () => {
      if (!request.session.userId) {
        socket.write("HTTP/1.1 401 Unauthorized\r\n\r\n");
        socket.destroy();
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit("connection", ws, request));
    });
  });
  wss.on("connection", (ws, request) => ws.send(JSON.stringify({ hello: request.session.userId })));
  return server;
}

/** A classic sign-in form's POST: the account, or null. */
const signedIn = (body) => (body.username === NODE_USER.name && body.password === NODE_USER.password ? body.username : null);

/**
 * express + cookie-session (the whole session in a signed cookie, "session" and "session.sig"):
 * a sign-in that keeps the person's profile and group memberships in the session, as apps that
 * copy an identity provider's claims do, which grows the cookie past the 4 KB a browser keeps.
 */
function cookieSessionBig(pages) {
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(cookieSession({ name: "session", keys: ["authlens-real-lab-cookie-session"] }));
  app.post("/login", express.urlencoded({ extended: false }), (req, res) => {
    const user = signedIn(req.body);
    if (!user) return void res.redirect("/pages/sign-in.html?error=1");
    const groups = Array.from({ length: 120 }, (_, i) => `cn=team-${i},ou=groups,dc=example,dc=test`);
    req.session = { user, groups };
    res.redirect("/pages/dashboard.html");
  });
  app.get("/api/me", (req, res) => (req.session?.user ? void res.json({ user: req.session.user }) : void res.status(401).json({ error: "not signed in" })));
  return app;
}

/**
 * express + express-session whose cookie is scoped to the admin section (`cookie.path`), as an
 * app mounted under /admin sets it: the reports API under /api is outside it.
 */
function sessionPathScoped(pages) {
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(session({ secret: "authlens-real-lab-admin", resave: false, saveUninitialized: false, name: "admin.sid", cookie: { path: "/admin" } }));
  app.post("/admin/login", express.urlencoded({ extended: false }), (req, res) => {
    const user = signedIn(req.body);
    if (!user) return void res.redirect("/pages/admin-sign-in.html?error=1");
    req.session.user = user;
    res.redirect("/admin/");
  });
  app.get("/admin/", (req, res) => (req.session.user ? void res.send(`<!doctype html><title>Admin</title><h1>Admin: ${req.session.user}</h1><p><a href="/pages/admin-reports.html">Reports</a></p>`) : void res.redirect("/pages/admin-sign-in.html")));
  app.get("/api/reports", (req, res) => (req.session?.user ? void res.json({ reports: [] }) : void res.status(401).json({ error: "Unauthorized" })));
  return app;
}

/**
 * A widget made to be embedded in other sites, as CHIPS asks third-party services to do: its
 * express-session cookie is `Secure; SameSite=None; Partitioned`, so a sign-in in the widget's own
 * tab keeps the cookie in that tab's partition, and the widget framed in a portal has none. Served
 * over https (a Partitioned cookie needs a secure origin) with the lab's certificate
 * (AUTHLENS_TLS_KEY, AUTHLENS_TLS_CERT).
 */
function chipsWidget(pages) {
  const app = express();
  app.use("/pages", pagesOf(pages));
  app.use(session({ secret: "authlens-real-lab-chips", resave: false, saveUninitialized: false, name: "widget.sid", cookie: { secure: true, sameSite: "none", partitioned: true, httpOnly: true } }));
  app.post("/login", express.urlencoded({ extended: false }), (req, res) => {
    const user = signedIn(req.body);
    if (!user) return void res.redirect("/pages/widget-sign-in.html?error=1");
    req.session.user = user;
    res.redirect("/pages/widget-home.html");
  });
  app.get("/api/me", (req, res) => (req.session.user ? void res.json({ user: req.session.user }) : void res.status(401).json({ error: "not signed in" })));
  return createHttpsServer({ key: readFileSync(process.env.AUTHLENS_TLS_KEY ?? ""), cert: readFileSync(process.env.AUTHLENS_TLS_CERT ?? "") }, app);
}

/** The OpenID apps: notes (as documented), wiki (tries a silent sign-in first), stale (a session cookie shadowed by an older one's). */
const OPENID_APPS = {
  "oidc-notes": () => openIdApp("notes"),
  "oidc-wiki": () => openIdApp("wiki", { attemptSilentLogin: true }),
  "oidc-stale": () => openIdApp("stale"),
};

/**
 * Starts one of the Node sites on `port`, serving the client pages in `pages`.
 * @param {"express-passport" | "express-jwt" | "koa-jwt" | "express-ws" | "cookie-session-big" | "session-path" | "chips-widget" | "oidc-provider" | keyof typeof OPENID_APPS} name
 * @param {number} port
 * @param {string} pages
 */
export function listen(name, port, pages) {
  const sites = {
    "express-passport": expressPassport,
    "express-jwt": expressJwt,
    "koa-jwt": koaJwtSite,
    "express-ws": expressWs,
    "cookie-session-big": cookieSessionBig,
    "session-path": sessionPathScoped,
    "chips-widget": chipsWidget,
    "oidc-provider": identityProvider,
  };
  const app = name in sites ? sites[name](pages) : OPENID_APPS[name]();
  return new Promise((resolve) => void app.listen(port, "127.0.0.1", () => resolve(undefined)));
}
