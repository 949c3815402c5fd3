/** express with passport and express-jwt, and Koa with koa-jwt, from npm. */
import jwt from "jsonwebtoken";
import { labDone } from "../../authlens";
import { call, pageHtml, tryCall, wait } from "./page-scripts";
import type { PageServer, RealScenario } from "./scenario";
import { NODE_SITE } from "../servers/node-site";

const USER = { username: NODE_SITE.user.name, password: NODE_SITE.user.password };

/** Signs in at the express-jwt site's /login (on the page's origin) into `token`; `options` are what the client asks for. */
const signIn = (options: Record<string, unknown> = {}) =>
  `const { token } = await (await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: ${JSON.stringify(JSON.stringify({ ...USER, ...options }))} })).json(); log("signed in: token received");`;
const bearer = `{ headers: { Authorization: "Bearer " + token } }`;

/** Pages the DevTools panel's test uses on the express-jwt site (e2e/devtools.spec.ts). */
export const DEVTOOLS_PAGES: Partial<Record<PageServer, Record<string, string>>> = {
  node: {
    // The token travels in a cookie: only its body says it expired (express-jwt's bare 401 names no reason in its headers).
    "cookie-expired.html": pageHtml("Orders", "Signs in for a token that lives 1 s (kept in a cookie), then asks for the orders once it has expired.", `${signIn({ seconds: 1 })} ${wait(2000)} ${call("/api/cookie/orders")}`),
  },
};

export const NODE_SCENARIOS: RealScenario[] = [
  {
    id: "passport-local-wrong-password",
    cause: "wrong-credentials",
    resolvedBy: "sign-in",
    family: "express + passport",
    situation: "The sign-in form posts a mistyped password to /login (passport-local, no failureRedirect).",
    start: "http://www.passport.test/pages/passport-sign-in.html",
    failing: { url: "http://www.passport.test/login", method: "POST" },
    pages: { node: { "passport-sign-in.html": pageHtml("Sign in", "Posts the sign-in form with a mistyped password.", call("/login", `{ method: "POST", body: new URLSearchParams({ username: "alice", password: "correct hrose" }) }`)) } },
  },
  {
    id: "csrf-sync-missing-token",
    cause: "csrf",
    resolvedBy: "reload",
    family: "express + csrf-sync",
    situation: "A signed-in page saves a note with fetch, without the session's anti-forgery token in X-CSRF-Token (csrf-sync answers 403 \"invalid csrf token\").",
    start: "http://notes.passport.test/pages/save-note.html",
    failing: { url: "http://notes.passport.test/api/notes", method: "POST" },
    pages: {
      node: {
        "save-note.html": pageHtml(
          "Save a note",
          "Signs in, then saves a note without the anti-forgery token.",
          `${call("/login", `{ method: "POST", body: new URLSearchParams({ username: "alice", password: "correct horse" }) }`)} ${call("/api/notes", `{ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "hello" }) }`)}`,
        ),
      },
    },
  },
  {
    id: "passport-bearer-revoked",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "express + passport",
    situation: "A script's API token (passport-http-bearer) was revoked; the app still sends it.",
    start: "http://api.passport.test/pages/tokens.html",
    failing: { url: "http://api.passport.test/api/tokens/me" },
    pages: { node: { "tokens.html": pageHtml("API tokens", "Calls the API with a token that was revoked.", call("/api/tokens/me", `{ headers: { Authorization: "Bearer 7c2d9e41f0a84b6fae0d3c5b8e1a2f47" } }`)) } },
  },
  {
    id: "express-jwt-expired",
    cause: "token-expired",
    resolvedBy: "reload",
    family: "express-jwt",
    situation: "A shop signs in for a JWT that lives 1 s and uses it after it expired (express-jwt answers 401 with no challenge; the reason is in the body).",
    start: "http://shop.express-jwt.test/pages/orders.html",
    failing: { url: "http://shop.express-jwt.test/api/orders" },
    pages: { node: { "orders.html": pageHtml("Orders", "Signs in for a short-lived token, uses it once it has expired.", `${signIn({ seconds: 1 })} ${wait(2000)} ${call("/api/orders", bearer)}`) } },
  },
  {
    id: "express-jwt-wrong-audience",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "express-jwt",
    situation: "The app sends the orders API a token issued for its billing API (express-jwt checks the audience).",
    start: "http://shop.express-jwt.test/pages/audience.html",
    failing: { url: "http://shop.express-jwt.test/api/orders" },
    pages: { node: { "audience.html": pageHtml("Orders", "Uses a token meant for another API.", `${signIn({ audience: "billing-api" })} ${call("/api/orders", bearer)}`) } },
  },
  {
    id: "express-jwt-missing-scope",
    cause: "insufficient-permissions",
    resolvedBy: "copy-report",
    family: "express-jwt + express-jwt-authz",
    situation: "A signed-in user whose token has the read:orders scope opens reports, which need read:reports (express-jwt-authz).",
    start: "http://shop.express-jwt.test/pages/reports.html",
    failing: { url: "http://shop.express-jwt.test/api/reports" },
    pages: { node: { "reports.html": pageHtml("Reports", "Calls an API that needs another scope.", `${signIn({ scope: "read:orders" })} ${call("/api/reports", bearer)}`) } },
  },
  {
    id: "express-jwt-stale-cookie",
    cause: "stale-cookie",
    resolvedBy: "remove-stale-cookie",
    family: "express-jwt",
    situation: "A page reads its JWT from a `token` cookie; an older version of the site left an expired `token` cookie for the whole domain, which the browser sends first and cookie-parser keeps.",
    start: "http://www.orders.express-jwt.test/pages/cookie-orders.html",
    failing: { url: "http://www.orders.express-jwt.test/api/cookie/orders" },
    pages: { node: { "cookie-sign-in.html": pageHtml("Sign in", "Signs in; the token comes back as a cookie too.", signIn()), "cookie-orders.html": pageHtml("Orders", "Calls the API with the token cookie.", call("/api/cookie/orders")) } },
    async prepare({ page, context }) {
      const old = jwt.sign({ sub: USER.username, exp: Math.floor(Date.now() / 1000) - 86_400 }, NODE_SITE.jwtSecret);
      await context.addCookies([{ name: "token", value: old, domain: ".orders.express-jwt.test", path: "/", httpOnly: true, expires: Math.floor(Date.now() / 1000) + 86_400 }]);
      await page.goto("http://www.orders.express-jwt.test/pages/cookie-sign-in.html");
      await page.evaluate(labDone);
    },
  },
  {
    id: "express-jwt-before-cors",
    cause: "token-expired",
    resolvedBy: "reload",
    family: "express-jwt",
    situation: "A single-page app calls its API on another origin with a token that has expired; the API runs express-jwt before its CORS middleware, so the 401 carries no CORS headers and the browser hides it.",
    start: "http://app.spa.express-jwt.test/pages/spa.html",
    failing: { url: "http://api.spa.express-jwt.test/spa-api/orders" },
    pages: { node: { "spa.html": pageHtml("Single-page app", "Signs in, waits until the token expires, calls the API on another origin.", `${signIn({ seconds: 1 })} ${wait(2000)} ${tryCall("http://api.spa.express-jwt.test/spa-api/orders", bearer)}`) } },
    closerLook: "the refusal itself: without CORS headers Chrome hands it only to extraHeaders listeners (by default AuthLens sees the call blocked, with the expired token it carried)",
  },
  {
    id: "express-jwt-clock-skew",
    cause: "clock-skew",
    resolvedBy: "set-clock",
    family: "express-jwt",
    situation: "An app gets a fresh token and calls the API on a server whose clock is an hour ahead (libfaketime); express-jwt finds it expired.",
    start: "http://app.express-jwt.test/pages/skew.html",
    failing: { url: "http://api-clock.express-jwt.test/cors-api/orders" },
    pages: { node: { "skew.html": pageHtml("Clock", "Gets a token here, uses it on the API server.", `${signIn()} ${call("http://api-clock.express-jwt.test/cors-api/orders", bearer)}`) } },
  },
  {
    id: "koa-jwt-no-token",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    family: "Koa + koa-jwt",
    situation: "A page asks a Koa API (koa-jwt) for the person's orders before they signed in: no token.",
    start: "http://app.koa.test/pages/me.html",
    failing: { url: "http://app.koa.test/api/orders" },
    pages: { node: { "me.html": pageHtml("Orders", "Asks the API for the orders without a token.", call("/api/orders")) } },
  },
];
