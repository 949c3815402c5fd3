/**
 * Whole applications (FastAPI, Jupyter Server, Radicale, RabbitMQ's management UI, an express
 * chat on ws), refusing in words of their own; and the browser's own situations on real servers:
 * a service worker's call, a WebSocket handshake, an app that renews its token by itself.
 */
import { APP_SECRETS } from "../servers/applications";
import { NODE_SITE } from "../servers/node-site";
import { call, pageHtml, wait } from "./page-scripts";
import type { RealScenario } from "./scenario";

const { name: user, password } = NODE_SITE.user;
/**
 * Opens the chat's WebSocket and logs how it went (a refused handshake ends in `error` and
 * `close`); refused, it tries again a second later, twice, as chat clients reconnect.
 */
const openSocket = `for (let attempt = 0; attempt < 3; attempt++) {
  const open = await new Promise((resolve) => { const ws = new WebSocket("ws://" + location.host + "/socket"); ws.onmessage = (m) => { log("socket: " + m.data); ws.close(); resolve(true); }; ws.onerror = () => log("socket refused"); ws.onclose = () => resolve(false); });
  if (open) break;
  await new Promise((r) => setTimeout(r, 1000));
}`;
/** Signs in to express-jwt's shop for a token living `seconds`, into `token`. */
const jwtSignIn = (seconds: number) => `let { token } = await (await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: ${JSON.stringify(JSON.stringify({ username: user, password, seconds }))} })).json();`;

export const APPLICATION_SCENARIOS: RealScenario[] = [
  {
    id: "fastapi-api-key-refused",
    cause: "token-invalid",
    resolvedBy: "copy-report",
    family: "FastAPI",
    situation: "A dashboard sends the API key it was set up with, which the API no longer takes (FastAPI's APIKeyHeader `X-API-Key`, the documented dependency answering 403 \"Could not validate credentials\").",
    start: "http://api.fastapi.test/pages/items.html",
    failing: { url: "http://api.fastapi.test/api/items" },
    pages: { fastapi: { "items.html": pageHtml("Items", "Asks the API for the items with last year's key.", call("/api/items", `{ headers: { "X-API-Key": "lab-api-key-2025" } }`)) } },
  },
  {
    id: "jupyter-wrong-token",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "Jupyter Server",
    situation: "A page lists a notebook server's files with an old `Authorization: token` (Jupyter Server answers a token it does not take with 403).",
    start: "http://notebook.jupyter.test/static/files.html",
    failing: { url: "http://notebook.jupyter.test/api/contents" },
    pages: { jupyter: { "files.html": pageHtml("Files", "Lists the server's files with an old token.", call("/api/contents", `{ headers: { Authorization: "token an-old-token" } }`)) } },
  },
  {
    id: "jupyter-xsrf-missing",
    cause: "csrf",
    resolvedBy: "reload",
    family: "Jupyter Server",
    situation: "Signed in with the server's token, a page creates a notebook without the `_xsrf` token Jupyter wants on a change (Tornado: 403 \"'_xsrf' argument missing from POST\").",
    start: "http://notebook.jupyter.test/static/new-notebook.html",
    failing: { url: "http://notebook.jupyter.test/api/contents", method: "POST" },
    pages: { jupyter: { "new-notebook.html": pageHtml("New notebook", "Creates a notebook without the anti-forgery token.", call("/api/contents", `{ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ type: "notebook" }) }`)) } },
    async prepare({ page }) {
      // Signing in as Jupyter's own sign-in link does: the token in the address, which sets its login and _xsrf cookies.
      await page.goto(`http://notebook.jupyter.test/?token=${APP_SECRETS.jupyterToken}`).catch(() => undefined);
    },
  },
  {
    id: "radicale-wrong-password",
    cause: "wrong-credentials",
    // Radicale's web client asks for the password itself (the browser's window never shows for its calls).
    resolvedBy: "sign-in",
    family: "Radicale",
    situation: "The person signs in to Radicale's own web client with a mistyped password (htpasswd; its PROPFIND of the server's root, the address carrying the name and password, answered 401 with a Basic challenge).",
    start: "http://cal.radicale.test/.web/",
    failing: { url: "http://cal.radicale.test/", method: "PROPFIND" },
    async prepare({ page }) {
      await page.goto("http://cal.radicale.test/.web/");
      await page.fill('input[data-name="user"]', APP_SECRETS.radicale.user);
      await page.fill('input[data-name="password"]', "correct horse!");
      // The client's PROPFIND answers before the person opens anything else.
      await Promise.all([page.waitForResponse((r) => r.request().method() === "PROPFIND" && r.status() === 401), page.getByRole("button", { name: "Next" }).click()]);
    },
  },
  {
    id: "rabbitmq-not-management-user",
    cause: "insufficient-permissions",
    resolvedBy: "copy-report",
    family: "RabbitMQ",
    situation: "A user whose password is right but who lacks the `management` tag signs in to RabbitMQ's management UI (401 \"Not management user\", with no challenge).",
    start: "http://broker.rabbitmq.test/",
    failing: { url: "http://broker.rabbitmq.test/api/whoami" },
    async prepare({ page }) {
      await page.goto("http://broker.rabbitmq.test/");
      await page.fill('input[name="username"]', APP_SECRETS.rabbitmq.monitor.user);
      await page.fill('input[name="password"]', APP_SECRETS.rabbitmq.monitor.password);
      await page.click('input[type="submit"]');
    },
  },
  {
    id: "ws-not-signed-in",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    family: "express + ws",
    situation: "A chat page opens its WebSocket before the person signed in (ws's express-session example: the upgrade is answered \"401 Unauthorized\").",
    start: "http://chat.ws-chat.test/pages/chat.html",
    failing: { url: "ws://chat.ws-chat.test/socket" },
    pages: { node: { "chat.html": pageHtml("Chat", "Opens the chat's WebSocket.", openSocket) } },
  },
  {
    id: "ws-session-ended",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "express + ws",
    situation: "The person signed in to the chat; the server was then restarted, which forgets every session (express-session's memory store), and the page opens its WebSocket with the old cookie.",
    start: "http://chat.ws-chat.test/pages/chat.html",
    failing: { url: "ws://chat.ws-chat.test/socket" },
    pages: { node: { "chat-sign-in.html": pageHtml("Sign in", "Signs in to the chat.", call("/login", `{ method: "POST", body: new URLSearchParams(${JSON.stringify({ username: user, password })}) }`)) } },
    async prepare({ page, lab }) {
      await page.goto("http://chat.ws-chat.test/pages/chat-sign-in.html");
      await page.evaluate(() => (window as { labDone?: Promise<void> }).labDone);
      await lab.ws.restart();
    },
  },
  {
    id: "service-worker-call",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    family: "Koa + koa-jwt",
    situation: "A page's service worker asks the Koa API for the orders before the person signed in (koa-jwt: 401). Chrome reports the worker's request with no tab.",
    start: "http://sw.koa.test/pages/worker-orders.html",
    failing: { url: "http://sw.koa.test/api/orders" },
    pages: {
      node: {
        "worker-orders.html": pageHtml(
          "Orders",
          "Its service worker fetches the orders.",
          `const reg = await navigator.serviceWorker.register("/pages/orders-worker.js"); await navigator.serviceWorker.ready;
const worker = reg.active ?? navigator.serviceWorker.controller;
const status = await new Promise((resolve) => { navigator.serviceWorker.addEventListener("message", (e) => resolve(e.data)); worker.postMessage("go"); });
log("worker: GET /api/orders → " + status);`,
        ),
        "orders-worker.js": `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("message", async (e) => { const r = await fetch("/api/orders"); e.source.postMessage(r.status); });`,
      },
    },
  },
  {
    id: "express-jwt-renewed",
    cause: "token-expired",
    resolvedBy: "reload",
    handled: "renewed",
    family: "express-jwt",
    situation: "A single-page app's token expired; its call is refused (express-jwt 401), it gets a fresh token and tries again, answered 200, within a second.",
    start: "http://shop.express-jwt.test/pages/renewing.html",
    failing: { url: "http://shop.express-jwt.test/api/orders" },
    pages: {
      node: {
        "renewing.html": pageHtml(
          "Orders",
          "Renews its expired token by itself and tries again.",
          `${jwtSignIn(1)} ${wait(2000)}
let r = await fetch("/api/orders", { headers: { Authorization: "Bearer " + token } }); log("/api/orders → " + r.status);
if (r.status === 401) { ({ token } = await (await fetch("/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: ${JSON.stringify(JSON.stringify({ username: user, password }))} })).json()); r = await fetch("/api/orders", { headers: { Authorization: "Bearer " + token } }); log("renewed: /api/orders → " + r.status); }`,
        ),
      },
    },
  },
];
