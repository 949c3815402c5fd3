/**
 * Django (with Django REST framework, SimpleJWT and django-cors-headers) and Flask (with
 * Flask-Login), as Debian ships them for /usr/bin/python3, each started on a loopback port. Their
 * code lives beside this file; it configures the frameworks and answers the signed-in case only.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { clockAnHourAhead, freePort, run, startServer, type ServerProcess } from "../process";
import { writeFiles } from "./web-servers";

/** Debian's Python packages are for Debian's Python, not one found earlier on PATH. */
export const PYTHON = "/usr/bin/python3";
const DJANGO_DIR = join(import.meta.dirname, "django");
const FLASK_DIR = join(import.meta.dirname, "flask");

/** The accounts the Python sites know: alice and carol are ordinary users, root is staff. */
export const PYTHON_USERS = { alice: "correct horse", carol: "carol's password", root: "staff battery" } as const;
/** A DRF token issued to alice and then revoked (deleted), as an app might still hold it. */
export const REVOKED_DRF_TOKEN = "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b";
/** How long SimpleJWT's access tokens live in the lab: long enough to use one, short enough to see one expire. */
export const DJANGO_JWT_SECONDS = 4;

export interface DjangoSite {
  /** The site on the right clock. */
  server: ServerProcess;
  /** The same site's API on a server whose clock is an hour ahead (libfaketime). */
  skewed: ServerProcess;
  /** Runs Python in the site's Django shell, as an administrator would (`manage.py shell -c`). */
  shell(code: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Creates the database, the users and the revoked token, then starts Django's server twice on the
 * same database: once on the right clock, once an hour ahead.
 */
export async function startDjango(dir: string, pages: Record<string, string>, corsOrigins: string[]): Promise<DjangoSite> {
  mkdirSync(dir, { recursive: true });
  writeFiles(join(dir, "pages"), pages);
  const env = { AUTHLENS_LAB_DIR: dir, AUTHLENS_CORS_ORIGINS: corsOrigins.join(","), AUTHLENS_JWT_SECONDS: String(DJANGO_JWT_SECONDS), PYTHONDONTWRITEBYTECODE: "1" };
  const manage = (...args: string[]) => run(PYTHON, ["manage.py", ...args], { cwd: DJANGO_DIR, env });
  await manage("migrate", "--noinput", "-v", "0");
  const shell = (code: string) => manage("shell", "-c", code);
  await shell(`
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
User.objects.create_user("alice", password=${JSON.stringify(PYTHON_USERS.alice)})
User.objects.create_user("carol", password=${JSON.stringify(PYTHON_USERS.carol)})
User.objects.create_user("root", password=${JSON.stringify(PYTHON_USERS.root)}, is_staff=True)
Token.objects.create(user=User.objects.get(username="alice"), key="${REVOKED_DRF_TOKEN}").delete()
`);
  const [port, skewedPort] = [await freePort(), await freePort()];
  const runserver = (p: number) => ["manage.py", "runserver", `127.0.0.1:${p}`, "--noreload"];
  const server = await startServer("django", PYTHON, runserver(port), { port, cwd: DJANGO_DIR, env });
  const skewed = await startServer("django (clock +1h)", PYTHON, runserver(skewedPort), { port: skewedPort, cwd: DJANGO_DIR, env: { ...env, ...clockAnHourAhead() } });
  return { server, skewed, shell, stop: async () => void (await Promise.all([server.stop(), skewed.stop()])) };
}

export interface FlaskSite {
  server: ServerProcess;
  /** Starts the site again with a new secret key, as a new deployment would: sessions signed with the old one stop verifying. */
  redeploy(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFlask(dir: string, pages: Record<string, string>, env: Record<string, string> = {}): Promise<FlaskSite> {
  mkdirSync(dir, { recursive: true });
  writeFiles(join(dir, "pages"), pages);
  const port = await freePort();
  let deployment = 1;
  const start = () =>
    startServer("flask", PYTHON, ["app.py"], { port, cwd: FLASK_DIR, env: { AUTHLENS_LAB_DIR: dir, AUTHLENS_PORT: String(port), AUTHLENS_FLASK_SECRET: `authlens-lab-flask-deployment-${deployment}`, PYTHONDONTWRITEBYTECODE: "1", ...env } });
  const site = { server: await start() };
  return {
    get server() {
      return site.server;
    },
    async redeploy() {
      await site.server.stop();
      deployment++;
      site.server = await start();
    },
    stop: () => site.server.stop(),
  };
}
