/**
 * A hostile server for e2e/fuzz.spec.ts, on hostile.test and id.hostile.test: from a seed, it
 * plants fresh secrets in every place a server can put one — echoed into a challenge and a status
 * line, in a sign-in redirect's page asked for, URL-encoded inside a return address, base64 in a
 * parameter, in a single-page app's fragment, in an OAuth error description with a JWT, in 200
 * `Set-Cookie`s — and answers with malformed, 60 KB, NUL and bad-UTF-8 challenges and garbage
 * tokens. The test sets the plan; the routes read it.
 */
import { json, page, pageHtml, respond, type Handler } from "./respond";

/** A small seeded generator (mulberry32): the same seed, the same server. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** What one seed plants: each secret a token as servers make them (random letters and digits). */
export interface HostilePlan {
  seed: number;
  secrets: Record<"challenge" | "statusLine" | "requested" | "code" | "nested" | "base64" | "fragment" | "oauth" | "jwtSignature" | "cookie" | "garbage" | "param", string>;
  /** The JWT planted in the OAuth error description (its signature is a secret). */
  jwt: string;
  /** How the 60 KB challenge is garbled this time. */
  garble: "nul" | "bad-utf8" | "unterminated";
}

export function hostilePlan(seed: number): HostilePlan {
  const random = generator(seed);
  const token = (length = 24 + Math.floor(random() * 16)) => {
    let out = "";
    while (out.length < length) out += ALNUM[Math.floor(random() * ALNUM.length)];
    // Letters and digits both, as every generated token has.
    return `${out.slice(0, -2)}${ALNUM[Math.floor(random() * 26)]}${Math.floor(random() * 10)}`;
  };
  const keys = ["challenge", "statusLine", "requested", "code", "nested", "base64", "fragment", "oauth", "jwtSignature", "cookie", "garbage", "param"] as const;
  const secrets = Object.fromEntries(keys.map((k) => [k, token()])) as HostilePlan["secrets"];
  const b64url = (s: string) => Buffer.from(s).toString("base64url");
  const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"u${seed}","exp":1700000000}`)}.${b64url(secrets.jwtSignature)}`;
  const garble = (["nul", "bad-utf8", "unterminated"] as const)[Math.floor(random() * 3)]!;
  return { seed, secrets, jwt, garble };
}

/** Every form a planted secret could leak in: as is, URL-encoded once and twice, and base64. */
export function plantedForms(plan: HostilePlan): string[] {
  const plain = [...Object.values(plan.secrets), plan.jwt, plan.jwt.split(".")[2]!];
  return [...new Set(plain.flatMap((s) => [s, encodeURIComponent(s), encodeURIComponent(encodeURIComponent(s)), Buffer.from(s).toString("base64"), Buffer.from(s).toString("base64url")]))];
}

let plan: HostilePlan = hostilePlan(1);
/** The plan the routes answer by (the lab runs in the test's process). */
export function useHostilePlan(next: HostilePlan): void {
  plan = next;
}

/** The page whose calls the hostile server refuses, and the navigations it turns into sign-ins. */
export const HOSTILE_PAGE = "http://hostile.test/";
/** Top-level navigations the hostile server sends to its sign-in page, carrying secrets. */
export function hostileNavigations(p: HostilePlan): string[] {
  const { secrets } = p;
  return [
    `http://hostile.test/dash?session=${secrets.requested}&code=${secrets.code}&ref=${secrets.param}`,
    "http://hostile.test/reports",
    "http://hostile.test/settings",
    "http://hostile.test/app",
    `http://id.hostile.test/authorize?client_id=app&state=s${p.seed}`,
  ];
}

/** Raw bytes in a header, as a server that writes them unchecked sends them (Node writes latin1). */
const latin1 = (bytes: Buffer) => bytes.toString("latin1");

function hugeChallenge(): string {
  const tail = { nul: "\u0000\u0000", "bad-utf8": latin1(Buffer.from([0xc3, 0x28, 0xff, 0xfe])), unterminated: '", error="' }[plan.garble];
  return `Bearer realm="${"r".repeat(60_000)}${tail}", error="invalid_token", error_description="token ${plan.secrets.challenge} rejected"`;
}

const signInPage: Handler = (req, res) => page(res, "Sign in", "The hostile server's sign-in page.", "", []);

export const hostileRoutes: Record<string, Handler> = {
  "hostile.test/": (req, res) =>
    page(
      res,
      "Hostile server",
      "Calls a server that echoes secrets into its refusals and garbles its headers.",
      // A header the browser will not take (a NUL) fails the call as a network error: each call on its own.
      `const call = (path, init) => fetch(path, init).then((r) => log(path + ": " + r.status), (e) => log(path + ": " + e.message));
      for (const path of ["/api/echo", "/api/status", "/api/cookies", "/api/huge"]) await call(path);
      await call("/api/garbage", { headers: { Authorization: "Bearer eyJ${plan.secrets.garbage}.!!!.%%%" } });`,
    ),
  // A challenge and a status line that echo a token.
  "hostile.test/api/echo": (req, res) => json(res, 401, [["WWW-Authenticate", `Bearer error="invalid_token", error_description="token ${plan.secrets.challenge} rejected; see ${HOSTILE_PAGE}help?session=${plan.secrets.challenge}"`]], {}),
  "hostile.test/api/status": (req, res) => {
    res.writeHead(440, `bad token ${plan.secrets.statusLine}`, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end("{}");
  },
  // Written to the socket as is: Node refuses to send a NUL in a header, a hostile server does not.
  "hostile.test/api/huge": (req, res) => {
    const head = ["HTTP/1.1 401 Unauthorized", "Content-Type: application/json", "Content-Length: 2", "Cache-Control: no-store", "Connection: close", `WWW-Authenticate: ${hugeChallenge()}`];
    res.socket?.end(Buffer.from(`${head.join("\r\n")}\r\n\r\n{}`, "latin1"));
  },
  "hostile.test/api/cookies": (req, res) =>
    json(res, 401, [...Array.from({ length: 200 }, (_, i) => ["Set-Cookie", `s${i}=${plan.secrets.cookie}${i}; Path=/; HttpOnly`] as const), ["WWW-Authenticate", 'Bearer error="invalid_token"']], {}),
  "hostile.test/api/garbage": (req, res) => json(res, 401, [["WWW-Authenticate", 'Bearer error="invalid_token", error_description="malformed"']], {}),
  // The page asked for carries secrets; the sign-in page's return address carries one URL-encoded.
  "hostile.test/dash": (req, res) => respond(res, 302, [["Location", `/users/sign_in?service=${encodeURIComponent(`/dash?session=${plan.secrets.nested}&tab=2`)}`]]),
  // A return address in base64.
  "hostile.test/reports": (req, res) => respond(res, 302, [["Location", `/users/sign_in?next=${encodeURIComponent(Buffer.from(`/reports?session=${plan.secrets.base64}`).toString("base64"))}`]]),
  // A return address that nests another, each URL-encoded.
  "hostile.test/settings": (req, res) =>
    respond(res, 302, [["Location", `/users/sign_in?service=${encodeURIComponent(`http://hostile.test/cb?return=${encodeURIComponent(`/settings?token=${plan.secrets.nested}`)}`)}`]]),
  // A single-page app's own "session ended", with a secret in its fragment's route.
  "hostile.test/app": (req, res) =>
    respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], pageHtml("App", "Sends itself to sign in.", `location.replace("/users/sign_in?_err=session#/dash?session=${plan.secrets.fragment}");`)),
  "hostile.test/users/sign_in": signInPage,
  // A provider that refuses, its description carrying an address with a token and a JWT.
  "id.hostile.test/authorize": (req, res) => {
    const state = new URL(req.url ?? "/", "http://x").searchParams.get("state") ?? "";
    const description = `Redirect http://hostile.test/cb?access_token=${plan.secrets.oauth} refused for ${plan.jwt}`;
    respond(res, 302, [["Location", `http://hostile.test/callback?error=access_denied&error_description=${encodeURIComponent(description)}&state=${state}`]]);
  },
  "hostile.test/callback": (req, res) => page(res, "Callback", "The app's OAuth callback, showing the provider's error."),
};
