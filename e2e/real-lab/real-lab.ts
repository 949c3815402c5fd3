/**
 * The real-server lab: server software nobody on this project wrote (nginx, Apache httpd, Squid,
 * Django with Django REST framework and SimpleJWT, Flask with Flask-Login, express with passport
 * and express-jwt, Koa with koa-jwt), installed from Debian and npm by scripts/install-lab-servers.sh
 * and package.json, started here on loopback with minimal configuration, and reached from
 * Chromium through `*.test` hosts (the lab's host-resolver rules and PAC file).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Lab } from "../lab/server";
import { clockAnHourAhead, freePort, startServer, type ServerProcess } from "./process";
import { REAL_SCENARIOS } from "./scenarios/index";
import { SIGN_IN_FLOWS } from "./sign-in-flows";
import { DEVTOOLS_PAGES } from "./scenarios/node";
import type { PageServer } from "./scenarios/scenario";
import { startDjango, startFlask, PYTHON, type DjangoSite, type FlaskSite } from "./servers/python-apps";
import { startApache, startNginx, startSquid, writeFiles } from "./servers/web-servers";
import { IDP_HOST, NODE_SITE, OPENID_APPS, openIdSite } from "./servers/node-site";
import { startFastApi, startJupyter, startRabbitMq, startRadicale } from "./servers/applications";

export interface RealLab {
  django: DjangoSite;
  flask: FlaskSite;
  /** The express + ws chat; restarting it forgets every session (express-session's memory store), as a redeploy does. */
  ws: { restart(): Promise<void> };
  /** Versions of the server software, for docs/real-servers.md. */
  versions: Record<string, string>;
  close(): Promise<void>;
}

/** Debian packages the lab runs (scripts/install-lab-servers.sh installs them). */
export const DEBIAN_PACKAGES = [
  "nginx-light",
  "apache2",
  "squid",
  "python3-django",
  "python3-djangorestframework",
  "python3-djangorestframework-simplejwt",
  "python3-django-cors-headers",
  "python3-flask",
  "python3-flask-login",
  "faketime",
  "python3-fastapi",
  "python3-uvicorn",
  "python3-jupyter-server",
  "radicale",
  "rabbitmq-server",
];
/** npm packages the lab runs (devDependencies). */
export const NPM_PACKAGES = ["express", "express-session", "passport", "passport-local", "passport-http", "passport-http-bearer", "connect-ensure-login", "csrf-sync", "express-jwt", "express-jwt-authz", "jsonwebtoken", "cors", "cookie-parser", "koa", "koa-jwt", "oidc-provider", "express-openid-connect", "ws", "cookie-session"];

/** Hosts each server answers for; patterns are Chromium host-resolver patterns. */
const HOSTS = {
  nginx: ["*nginx.test", "*partner-portal.test"],
  apache: ["*apache.test"],
  djangoSkewed: ["api-clock.django.test"],
  django: ["*django.test"],
  secureFlask: ["*secure-flask.test"],
  flask: ["*flask.test"],
  bigSession: ["*big-session.test"],
  adminPath: ["*admin-path.test"],
  chips: ["*chips-widget.test", "*chips-portal.test"],
  passport: ["*passport.test"],
  jwtSkewed: ["api-clock.express-jwt.test"],
  jwt: ["*express-jwt.test"],
  koa: ["*koa.test"],
  fastapi: ["*fastapi.test"],
  jupyter: ["*jupyter.test"],
  radicale: ["*radicale.test"],
  rabbitmq: ["*rabbitmq.test"],
  ws: ["*ws-chat.test"],
} as const;
/** Hosts whose requests go through a forward proxy. */
export const PROXIED = { squid: "intranet.squid-proxy.test", apache: "wiki.apache-proxy.test" } as const;

/** What is missing for the lab to run here, or null when everything is installed. */
export function missingServerSoftware(): string | null {
  const commands = ["nginx", "apache2", "squid", "openssl", "radicale", "/usr/lib/rabbitmq/bin/rabbitmq-server"].filter((c) => spawnSync("sh", ["-c", `command -v ${c}`]).status !== 0);
  const faketime = spawnSync("sh", ["-c", "ls /usr/lib/*/faketime/libfaketime.so.1"]).status === 0 ? [] : ["libfaketime"];
  const python =
    spawnSync(PYTHON, ["-c", "import django, rest_framework, rest_framework_simplejwt, corsheaders, flask, flask_login, fastapi, uvicorn, jupyter_server"]).status === 0
      ? []
      : ["Debian's Django/DRF/SimpleJWT/cors-headers/Flask/Flask-Login/FastAPI/uvicorn/Jupyter Server for /usr/bin/python3"];
  const missing = [...commands, ...faketime, ...python];
  return missing.length ? `${missing.join(", ")} (run scripts/install-lab-servers.sh)` : null;
}

/** Every scenario's client pages for one server; two different pages of one name would have the last win, so that throws. */
function pagesFor(server: PageServer): Record<string, string> {
  const pages: Record<string, string> = {};
  for (const s of [...REAL_SCENARIOS, ...SIGN_IN_FLOWS, { id: "devtools", pages: DEVTOOLS_PAGES }]) {
    for (const [name, html] of Object.entries(s.pages?.[server] ?? {})) {
      if (pages[name] !== undefined && pages[name] !== html) throw new Error(`Two ${server} pages named ${name} (the last is ${s.id}'s)`);
      pages[name] = html;
    }
  }
  return pages;
}

/** Starts every server of the lab and routes its hosts in `lab` (before any browser starts). */
export async function startRealLab(lab: Lab): Promise<RealLab> {
  const missing = missingServerSoftware();
  if (missing) throw new Error(`The real-server lab needs ${missing}.`);
  const dir = mkdtempSync(join(tmpdir(), "authlens-real-lab-"));
  // nginx, Apache and Squid, started as root, serve as other users, who must reach their files.
  chmodSync(dir, 0o755);
  const sub = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path, { recursive: true });
    return path;
  };
  const started: { stop(): Promise<void> }[] = [];
  const keep = <T extends { stop(): Promise<void> }>(server: T) => (started.push(server), server);
  const close = async () => {
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const nodePages = sub("node-pages");
    writeFiles(nodePages, pagesFor("node"));
    const [nodePorts, skewedJwtPort] = [{ passport: await freePort(), jwt: await freePort(), koa: await freePort(), idp: await freePort(), notes: await freePort(), wiki: await freePort(), stale: await freePort(), bigSession: await freePort(), adminPath: await freePort(), chips: await freePort() }, await freePort()];
    const serve = resolve(import.meta.dirname, "servers/node/serve.mjs");
    const site = { ...NODE_SITE, oidc: openIdSite(nodePorts.idp) };
    const tls = labCertificate(sub("tls"), HOSTS.chips);
    lab.trustedSpki.push(tls.spki);
    const nodeApps = (apps: { name: string; port: number }[]) => ({ AUTHLENS_NODE_APPS: JSON.stringify(apps.map((a) => ({ ...a, pages: nodePages }))), AUTHLENS_NODE_SITE: JSON.stringify(site), AUTHLENS_TLS_KEY: tls.key, AUTHLENS_TLS_CERT: tls.cert });
    const wsPort = await freePort();
    const startWs = () => startServer("express + ws", process.execPath, [serve], { port: wsPort, env: nodeApps([{ name: "express-ws", port: wsPort }]) });
    const ws = { server: keep(await startWs()) };
    const [nginx, apache, squid, django, flask, , skewedNode] = await Promise.all([
      startNginx(sub("nginx"), prefixed(pagesFor("nginx")), "http://app.nginx.test").then(keep),
      startApache(sub("apache"), prefixed(pagesFor("apache"))).then((a) => (keep(a.server), a)),
      startSquid(sub("squid")).then(keep),
      startDjango(sub("django"), pagesFor("django"), ["http://app.django.test"]).then(keep),
      startFlask(sub("flask"), pagesFor("flask")).then(keep),
      startServer("express, koa, oidc-provider", process.execPath, [serve], {
        // The last to listen: once it accepts, all have started.
        port: nodePorts.stale,
        env: nodeApps([
          { name: "express-passport", port: nodePorts.passport },
          { name: "express-jwt", port: nodePorts.jwt },
          { name: "koa-jwt", port: nodePorts.koa },
          { name: "cookie-session-big", port: nodePorts.bigSession },
          { name: "session-path", port: nodePorts.adminPath },
          { name: "chips-widget", port: nodePorts.chips },
          { name: "oidc-provider", port: nodePorts.idp },
          { name: "oidc-notes", port: nodePorts.notes },
          { name: "oidc-wiki", port: nodePorts.wiki },
          { name: "oidc-stale", port: nodePorts.stale },
        ]),
      }).then(keep),
      startServer("express-jwt (clock +1h)", process.execPath, [serve], { port: skewedJwtPort, env: { ...nodeApps([{ name: "express-jwt", port: skewedJwtPort }]), ...clockAnHourAhead() } }).then(keep),
    ]);
    // After the servers whose ports were picked above: RabbitMQ (Erlang) and Jupyter take ports of their own as they start.
    const [fastapi, jupyter, radicale, rabbitmq, secureFlask] = await Promise.all([
      startFastApi(sub("fastapi"), pagesFor("fastapi")).then(keep),
      startJupyter(sub("jupyter"), pagesFor("jupyter")).then(keep),
      startRadicale(sub("radicale")).then(keep),
      startRabbitMq(sub("rabbitmq")).then(keep),
      startFlask(sub("secure-flask"), pagesFor("flask"), { AUTHLENS_FLASK_SECURE_COOKIES: "1" }).then((f) => (keep(f), f)),
    ]);
    const route = (patterns: readonly string[], port: number) => lab.hostRoutes.push(...patterns.map((pattern) => ({ pattern, port })));
    // More specific patterns first: the first matching rule wins.
    route(HOSTS.djangoSkewed, django.skewed.port);
    route(HOSTS.jwtSkewed, skewedNode.port);
    route(HOSTS.nginx, nginx.port);
    route(HOSTS.apache, apache.server.port);
    route(HOSTS.django, django.server.port);
    route(HOSTS.secureFlask, secureFlask.server.port);
    route(HOSTS.flask, flask.server.port);
    route(HOSTS.bigSession, nodePorts.bigSession);
    route(HOSTS.adminPath, nodePorts.adminPath);
    route(HOSTS.chips, nodePorts.chips);
    route(HOSTS.passport, nodePorts.passport);
    route(HOSTS.jwt, nodePorts.jwt);
    route(HOSTS.koa, nodePorts.koa);
    route(HOSTS.fastapi, fastapi.port);
    route(HOSTS.jupyter, jupyter.port);
    route(HOSTS.radicale, radicale.port);
    route(HOSTS.rabbitmq, rabbitmq.port);
    route(HOSTS.ws, wsPort);
    route([IDP_HOST], nodePorts.idp);
    route([OPENID_APPS.notes], nodePorts.notes);
    route([OPENID_APPS.wiki], nodePorts.wiki);
    route([OPENID_APPS.stale, OPENID_APPS.stale.replace(/^www\./, "*.")], nodePorts.stale);
    lab.addProxy(PROXIED.squid, squid.port);
    lab.addProxy(PROXIED.apache, apache.proxyPort);
    lab.addIndexSection(indexSection());
    const restartWs = async () => {
      await ws.server.stop();
      ws.server = keep(await startWs());
    };
    return { django, flask, ws: { restart: restartWs }, versions: versions(), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The real-server scenarios on the lab's index page: those needing no preparation are links. */
function indexSection(): string {
  const items = REAL_SCENARIOS.map(
    (s) =>
      `<li>${s.prepare ? s.situation.replace(/`/g, "") : `<a href="${s.start}">${s.situation.replace(/`/g, "")}</a>`} <small>(${s.family}; expected cause: <code>${s.cause}</code>${s.prepare ? "; staged by <code>npm start -- --headless</code>, which signs in and changes the server first" : ""})</small>${s.closerLook ? " <strong>Then click “Look closer” in the popup.</strong>" : ""}</li>`,
  );
  return `<h2>Real servers</h2><p>The same kinds of failure from real server software (nginx, Apache, Squid, Django, Flask, express, Koa) running on this machine; the project's <code>docs/real-servers.md</code> lists what each sends.</p><ul>${items.join("\n")}</ul>`;
}

/**
 * A self-signed certificate for `hosts` (the lab's https sites) and its key's SPKI hash, which
 * Chromium is told to trust (--ignore-certificate-errors-spki-list) instead of a CA.
 */
function labCertificate(dir: string, hosts: readonly string[]): { key: string; cert: string; spki: string } {
  const [key, cert] = [join(dir, "key.pem"), join(dir, "cert.pem")];
  const names = hosts.map((h) => `DNS:${h}`).join(",");
  const made = spawnSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=AuthLens real lab", "-addext", `subjectAltName=${names}`, "-days", "2", "-keyout", key, "-out", cert], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(`openssl could not make the lab's certificate: ${made.stderr}`);
  const spki = spawnSync("sh", ["-c", 'openssl x509 -pubkey -noout -in "$1" | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64', "sh", cert], { encoding: "utf8" });
  if (spki.status !== 0 || !spki.stdout.trim()) throw new Error(`openssl could not hash the lab's key: ${spki.stderr}`);
  return { key, cert, spki: spki.stdout.trim() };
}

/** nginx and Apache serve the pages from their document root, at /pages/…. */
function prefixed(pages: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(pages).map(([path, html]) => [`pages/${path}`, html]));
}

/** The installed versions of the lab's server software. */
function versions(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const pkg of DEBIAN_PACKAGES) {
    const out = spawnSync("dpkg-query", ["-W", "-f", "${Version}", pkg], { encoding: "utf8" });
    found[`${pkg} (Debian)`] = out.status === 0 ? out.stdout.trim() : "not installed";
  }
  for (const pkg of NPM_PACKAGES) {
    try {
      found[`${pkg} (npm)`] = (JSON.parse(readFileSync(resolve(import.meta.dirname, "../../node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
    } catch {
      found[`${pkg} (npm)`] = "not installed";
    }
  }
  return found;
}

export type { ServerProcess };
