/**
 * Pages for e2e/security.spec.ts, on secrets.test: requests that carry planted secrets in every
 * place a person's credentials travel, a slow 401 (to stop the worker or close the tab while it
 * is in flight), and a site's own service worker whose requests belong to no tab.
 */
import { json, page, respond, type Handler } from "./respond";

const b64url = (text: string) => Buffer.from(text).toString("base64url");

/** Unique strings that must never appear in anything AuthLens stores, shows, copies or logs. */
export const SECRETS = {
  cookie: "plantedCookieValue6d1f",
  httpOnlyCookie: "plantedHttpOnly93ac",
  setCookie: "plantedSetCookie4be2",
  jwtSubject: "plantedJwtSubject27c8",
  jwtSignature: "plantedJwtSignature5f0e",
  password: "plantedPassword81d3",
  apiKey: "plantedApiKey0b7a",
  queryToken: "plantedQueryToken3e95",
} as const;

/** An expired HS256-shaped JWT whose subject and signature are planted secrets. */
export const PLANTED_JWT = [
  b64url(JSON.stringify({ alg: "HS256", typ: "JWT" })),
  b64url(JSON.stringify({ sub: SECRETS.jwtSubject, iss: "https://id.secrets.test", aud: "api", exp: 1_700_000_000, iat: 1_699_996_400 })),
  b64url(SECRETS.jwtSignature),
].join(".");

export const BASIC_CREDENTIALS = Buffer.from(`alice:${SECRETS.password}`).toString("base64");

/** Every form in which a planted secret could leak: as is, and encoded as it travels. */
export function secretForms(): string[] {
  const plain = [...Object.values(SECRETS), PLANTED_JWT, BASIC_CREDENTIALS, PLANTED_JWT.split(".")[1]!, PLANTED_JWT.split(".")[2]!];
  return [...new Set(plain.flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString("base64")]))];
}

const secretsPage: Handler = (req, res) =>
  page(
    res,
    "Secrets",
    "Requests that carry planted secrets in cookies, a bearer token, Basic credentials, an API key header and a query string; each is refused.",
    `document.cookie = "prefs=${SECRETS.cookie}; path=/";
    log("session: " + (await fetch("/api/session")).status);
    log("token: " + (await fetch("/api/token", { headers: { Authorization: "Bearer ${PLANTED_JWT}" } })).status);
    log("basic: " + (await fetch("/api/basic", { headers: { Authorization: "Basic ${BASIC_CREDENTIALS}" } })).status);
    log("key: " + (await fetch("/api/key?access_token=${SECRETS.queryToken}", { headers: { "X-Api-Key": "${SECRETS.apiKey}" } })).status);`,
    [["Set-Cookie", `sid=${SECRETS.httpOnlyCookie}; Path=/; HttpOnly; SameSite=Lax`]],
  );

/** A site's service worker: its requests have no tab (tabId -1). It fetches a 401 when asked. */
const siteWorker = `self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));
self.addEventListener("message", async (e) => {
  const status = (await fetch("/api/from-worker", { headers: { Authorization: "Bearer ${PLANTED_JWT}" } })).status;
  e.source.postMessage(status);
});`;

/** Raw bytes in a header, as a server that writes UTF-8 into headers sends them (Node writes latin1). */
const bytes = (text: string) => Buffer.from(text, "utf8").toString("latin1");

export const securityRoutes: Record<string, Handler> = {
  // A page on one site that makes a request to another fail (with the other site's cookies).
  "attacker.test/": (req, res) =>
    page(res, "Attacker", "This page calls another site's API with a bad token so that its refusal lands in this tab.", `log("bank: " + (await fetch("http://api.bank.test/v1/me", { headers: { Authorization: "Bearer not-a-token" } })).status);`),
  "api.bank.test/v1/me": (req, res) => {
    const cors = [["Access-Control-Allow-Origin", "http://attacker.test"], ["Access-Control-Allow-Headers", "Authorization"]] as const;
    if (req.method === "OPTIONS") return respond(res, 204, cors);
    json(res, 401, [...cors, ["WWW-Authenticate", 'Bearer realm="bank", error="invalid_token"']], { error: "invalid_token" });
  },
  "secrets.test/tab": (req, res) => respond(res, 200, [["Content-Type", "text/html"]], "<title>Secrets tab</title>"),
  "secrets.test/odd": (req, res) =>
    page(res, "Odd headers", "Refusals with a huge, a malformed and a non-ASCII challenge.", `for (const p of ["huge", "malformed", "non-ascii"]) log(p + ": " + (await fetch("/api/" + p)).status);`),
  "secrets.test/api/huge": (req, res) =>
    json(res, 401, [["WWW-Authenticate", `Bearer realm="${"r".repeat(60_000)}", error="invalid_token"`], ...Array.from({ length: 60 }, (_, i) => ["Set-Cookie", `c${i}=${"x".repeat(1000)}; Path=/nowhere`] as const)], {}),
  "secrets.test/api/malformed": (req, res) =>
    json(res, 401, [["WWW-Authenticate", 'Bearer realm="unterminated, error=invalid_token", , =,"\\'], ["Set-Cookie", "=; ;;; Domain=..; Max-Age=nope"], ["Date", "not a date"]], {}),
  "secrets.test/api/non-ascii": (req, res) => json(res, 401, [["WWW-Authenticate", bytes('Bearer realm="Zürich ✓ 🔑", error="invalid_token", error_description="Jeton expiré"')]], {}),
  "secrets.test/": secretsPage,
  "secrets.test/api/session": (req, res) =>
    json(res, 401, [["Set-Cookie", `refresh=${SECRETS.setCookie}; Path=/; HttpOnly`]], { error: "session expired" }),
  "secrets.test/api/token": (req, res) => json(res, 401, [["WWW-Authenticate", 'Bearer error="invalid_token", error_description="The token expired"']], {}),
  // No Basic challenge: Chromium would open its sign-in prompt for it, even for a fetch.
  "secrets.test/api/basic": (req, res) => json(res, 401, [], { error: "invalid username or password" }),
  "secrets.test/api/key": (req, res) => json(res, 403, [], { error: "forbidden" }),
  // Answers 401 after ?ms= milliseconds: long enough to stop the worker, or close the tab, meanwhile.
  "secrets.test/api/slow": (req, res) => {
    const ms = Math.min(Number(new URL(req.url ?? "/", "http://x").searchParams.get("ms") ?? 1000), 30_000);
    setTimeout(() => json(res, 401, [["WWW-Authenticate", 'Bearer realm="slow", error="invalid_token"']], {}), ms);
  },
  "secrets.test/worker-page": (req, res) =>
    page(
      res,
      "Site worker",
      "The page's service worker fetches a 401: Chrome reports it with no tab, and AuthLens records it in the tab the worker serves.",
      `const reg = await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
      const worker = reg.active ?? (await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", () => r(navigator.serviceWorker.controller))));
      const status = await new Promise((resolve) => { navigator.serviceWorker.addEventListener("message", (e) => resolve(e.data)); worker.postMessage("go"); });
      log("worker fetch: " + status);
      window.workerStatus = status;`,
    ),
  "secrets.test/sw.js": (req, res) => respond(res, 200, [["Content-Type", "text/javascript"]], siteWorker),
  "secrets.test/api/from-worker": (req, res) => json(res, 401, [["WWW-Authenticate", 'Bearer error="invalid_token"']], {}),
};
