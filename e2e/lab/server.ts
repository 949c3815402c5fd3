import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { respond, type Handler } from "./respond";
import { benchRoutes } from "./bench-routes";
import { securityRoutes } from "./security-routes";
import { hostileRoutes } from "./hostile-routes";
import { CLEAN_PAGE, cleanRoutes, SCENARIOS } from "./scenarios/index";

export interface Lab {
  port: number;
  /** The lab's index page, listing every scenario. */
  index: string;
  /** A page that answers 401, for checking that AuthLens is listening. */
  warmup: string;
  /** The PAC file that sends the proxy scenarios' hosts through the lab's proxy. */
  pacUrl: string;
  /** A PAC file that sends every *.test host through the lab (for browsers without host-resolver rules). */
  allHostsPacUrl: string;
  /** Every request the lab has served, oldest first: host, path and the Cookie header it carried. */
  requests: { host: string; path: string; cookie: string | null; at: number }[];
  /**
   * Hosts served by other servers on this machine (the real-server lab), as Chromium's
   * host-resolver rules: `pattern` (e.g. "*django.test") goes to `port`. Checked before `*.test`.
   */
  hostRoutes: { pattern: string; port: number }[];
  /** SPKI hashes (base64 SHA-256) of the lab's self-signed certificates, for the browser to trust (the real lab's https sites). */
  trustedSpki: string[];
  /** Sends `host` through the forward proxy on `port` (the PAC file); call before a browser starts. */
  addProxy(host: string, port: number): void;
  /** Adds a section (HTML) to the lab's index page, after its own scenarios. */
  addIndexSection(html: string): void;
  close(): Promise<void>;
}

/** The bench's pages, not kept in `requests` (a flood would fill it). */
const BENCH_HOSTS = /^(slow\.)?bench\.test\//;
/** How late slow.bench.test answers: a request's time on a real network, where loopback has none. */
export const SLOW_BENCH_DELAY_MS = 40;

const routes = new Map<string, Handler>([cleanRoutes, benchRoutes, securityRoutes, hostileRoutes, ...SCENARIOS.map((s) => s.routes)].flatMap((r) => Object.entries(r)));
/** Hosts the lab's proxy answers for (the PAC file sends only these to it), with its answer. */
const proxyAnswers = new Map(SCENARIOS.flatMap((s) => (s.proxy ? [[new URL(s.start).hostname, s.proxy] as const] : [])));

function indexPage(sections: readonly string[]): string {
  const note = (s: (typeof SCENARIOS)[number]) =>
    (s.subresource ? ` <strong>Turn on “Also watch images, scripts, stylesheets and fonts” in AuthLens’s settings first.</strong>` : "") +
    (s.closerLook ? ` <strong>Then click “Look closer” in the popup</strong> <small>(it needs ${s.closerLook})</small>.` : "");
  const items = SCENARIOS.map((s) => `<li><a href="${s.start}">${s.title}</a> <small>(${s.family}; expected cause: <code>${s.cause}</code>)</small>${note(s)}</li>`).join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>AuthLens auth lab</title><meta name="color-scheme" content="light dark">
<style>body{font:15px/1.6 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}</style></head><body>
<h1>AuthLens auth lab</h1>
<p>Each link reproduces one kind of sign-in failure the way a real server sends it. Open one, then click the AuthLens icon in the toolbar: its badge counts the failures in the tab, and the popup explains them.</p>
<ul>${items}</ul>
<p><a href="${CLEAN_PAGE}">A page where everything works</a> (AuthLens shows nothing).</p>
${sections.join("\n")}
</body></html>`;
}

/**
 * The PAC file: the proxy scenarios' hosts go through the lab's proxy. With `everyTestHost`
 * (for Firefox, which has no --host-resolver-rules) every *.test host does, and the lab's proxy
 * serves the other scenarios as the sites themselves would.
 */
function pacFile(port: number, everyTestHost: boolean, otherProxies: ReadonlyMap<string, number>): string {
  const tests = everyTestHost ? 'dnsDomainIs(host, ".test")' : [...proxyAnswers.keys()].map((h) => `host == "${h}"`).join(" || ") || "false";
  const others = [...otherProxies].map(([host, p]) => `if (host == "${host}") return "PROXY 127.0.0.1:${p}";`).join(" ");
  return `function FindProxyForURL(url, host) { ${others} return (${tests}) ? "PROXY 127.0.0.1:${port}" : "DIRECT"; }`;
}

function routeKey(req: IncomingMessage): { key: string; proxied: boolean } {
  const raw = req.url ?? "/";
  // A request through a proxy names the absolute URL in its request line (RFC 9112 §3.2.2).
  const proxied = /^https?:\/\//i.test(raw);
  const url = new URL(raw, `http://${req.headers.host ?? "localhost"}`);
  return { key: `${url.hostname}${url.pathname}`, proxied };
}

/** Starts the lab on `port` (0: any free port) on loopback only. */
export async function startLab(port = 0): Promise<Lab> {
  let actualPort = port;
  const requests: Lab["requests"] = [];
  const otherProxies = new Map<string, number>();
  const indexSections: string[] = [];
  const server: Server = createServer((req, res) => {
    const { key, proxied } = routeKey(req);
    const slash = key.indexOf("/");
    if (requests.length < 10_000 && !BENCH_HOSTS.test(key)) requests.push({ host: key.slice(0, slash), path: key.slice(slash), cookie: req.headers.cookie ?? null, at: Date.now() });
    const proxyAnswer = proxied ? proxyAnswers.get(key.slice(0, key.indexOf("/"))) : undefined;
    if (proxyAnswer) {
      if (req.headers["proxy-authorization"]) return respond(res, 200, [["Content-Type", "text/html"]], "<h1>Intranet</h1><p>Signed in to the proxy.</p>");
      return proxyAnswer(req, res);
    }
    if (key === "lab.test/" || key === "127.0.0.1/" || key === "localhost/") return respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], indexPage(indexSections));
    if (key.endsWith("/proxy.pac")) return respond(res, 200, [["Content-Type", "application/x-ns-proxy-autoconfig"]], pacFile(actualPort, false, otherProxies));
    if (key.endsWith("/all-test-hosts.pac")) return respond(res, 200, [["Content-Type", "application/x-ns-proxy-autoconfig"]], pacFile(actualPort, true, otherProxies));
    if (key === "lab.test/warmup") return respond(res, 401, [["Content-Type", "text/plain"]], "Warm-up: AuthLens should record this 401.");
    if (key.startsWith("lab.test/tab/")) return respond(res, 200, [["Content-Type", "text/html"]], "<title>New tab</title>");
    if (key.endsWith("/favicon.ico")) return respond(res, 204, []);
    // slow.bench.test serves bench.test's pages with each answer 40 ms late, as over a real network.
    const slow = key.startsWith("slow.bench.test/");
    const handler = routes.get(slow ? key.slice("slow.".length) : key);
    if (handler && slow) return void setTimeout(() => handler(req, res), SLOW_BENCH_DELAY_MS);
    if (handler) return handler(req, res);
    respond(res, 404, [["Content-Type", "text/plain"]], `The lab has no page at ${key}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    index: "http://lab.test/",
    warmup: "http://lab.test/warmup",
    pacUrl: `http://127.0.0.1:${actualPort}/proxy.pac`,
    allHostsPacUrl: `http://127.0.0.1:${actualPort}/all-test-hosts.pac`,
    requests,
    hostRoutes: [],
    trustedSpki: [],
    addProxy: (host, proxyPort) => void otherProxies.set(host, proxyPort),
    addIndexSection: (html) => void indexSections.push(html),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
