/**
 * Whole applications of the real-server lab, as Debian ships them, started on loopback with their
 * documented options and no change to their code: FastAPI (under uvicorn) with its APIKeyHeader,
 * Jupyter Server with its token and `_xsrf` checks, Radicale (CalDAV/CardDAV) with htpasswd,
 * and RabbitMQ's management plugin.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, run, startServer, type ServerProcess } from "../process";
import { PYTHON } from "./python-apps";
import { writeFiles } from "./web-servers";

const FASTAPI_DIR = join(import.meta.dirname, "fastapi");

/** The keys, tokens and accounts the applications know. */
export const APP_SECRETS = {
  /** FastAPI's API key; the page of the scenario sends an older one. */
  apiKey: "lab-api-key-2026",
  /** Jupyter Server's token (`--ServerApp.token`). */
  jupyterToken: "lab-jupyter-token",
  radicale: { user: "alice", password: "correct horse" },
  /** A RabbitMQ user with a right password and no `management` tag; and one that has it. */
  rabbitmq: { monitor: { user: "monitor", password: "monitor password" }, admin: { user: "admin", password: "admin password" } },
} as const;

/** FastAPI 0.92 under uvicorn 0.17, serving its pages at /pages/…. */
export async function startFastApi(dir: string, pages: Record<string, string>): Promise<ServerProcess> {
  writeFiles(join(dir, "pages"), pages);
  const port = await freePort();
  return startServer("fastapi", PYTHON, ["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", String(port), "--log-level", "warning"], {
    port,
    cwd: FASTAPI_DIR,
    env: { AUTHLENS_LAB_DIR: dir, AUTHLENS_API_KEY: APP_SECRETS.apiKey, PYTHONDONTWRITEBYTECODE: "1" },
  });
}

/**
 * Jupyter Server 1.23 with a token, serving the lab's pages as its extra static files
 * (/static/…, which it serves to anyone). It runs as whoever runs the tests (root in CI, hence
 * --allow-root), and answers the `*.jupyter.test` hosts (allow_remote_access: its Host check).
 */
export async function startJupyter(dir: string, pages: Record<string, string>): Promise<ServerProcess> {
  const pagesDir = join(dir, "pages");
  writeFiles(pagesDir, pages);
  const port = await freePort();
  const env = { HOME: dir, JUPYTER_CONFIG_DIR: join(dir, "config"), JUPYTER_DATA_DIR: join(dir, "data"), JUPYTER_RUNTIME_DIR: join(dir, "runtime"), PYTHONDONTWRITEBYTECODE: "1" };
  const options = [
    `--ServerApp.token=${APP_SECRETS.jupyterToken}`,
    `--ServerApp.port=${port}`,
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--ServerApp.open_browser=False",
    "--ServerApp.allow_remote_access=True",
    "--allow-root",
    `--ServerApp.root_dir=${dir}`,
    `--ServerApp.extra_static_paths=${JSON.stringify([pagesDir])}`,
  ];
  return startServer("jupyter server", PYTHON, ["-m", "jupyter_server", ...options], { port, env, timeoutMs: 30_000 });
}

/** Radicale 3.1 with a plain htpasswd file, serving its own web client at /.web/. */
export async function startRadicale(dir: string): Promise<ServerProcess> {
  mkdirSync(dir, { recursive: true });
  const users = join(dir, "users");
  writeFileSync(users, `${APP_SECRETS.radicale.user}:${APP_SECRETS.radicale.password}\n`);
  const port = await freePort();
  return startServer(
    "radicale",
    "radicale",
    ["--server-hosts", `127.0.0.1:${port}`, "--auth-type", "htpasswd", "--auth-htpasswd-filename", users, "--auth-htpasswd-encryption", "plain", "--storage-filesystem-folder", join(dir, "collections")],
    { port },
  );
}

/**
 * RabbitMQ 3.10 with its management plugin (its web UI and HTTP API on one port), a node of its
 * own (name, ports, data under `dir`), and two users: one with the `management` tag and one without.
 */
export async function startRabbitMq(dir: string): Promise<ServerProcess> {
  mkdirSync(join(dir, "mnesia"), { recursive: true });
  mkdirSync(join(dir, "log"), { recursive: true });
  const [port, amqp, dist, epmd] = [await freePort(), await freePort(), await freePort(), await freePort()];
  writeFileSync(join(dir, "rabbitmq.conf"), [`listeners.tcp.default = 127.0.0.1:${amqp}`, `management.tcp.port = ${port}`, "management.tcp.ip = 127.0.0.1", ""].join("\n"));
  writeFileSync(join(dir, "enabled_plugins"), "[rabbitmq_management].\n");
  const env = {
    HOME: dir,
    RABBITMQ_NODENAME: `authlens${port}@localhost`,
    RABBITMQ_MNESIA_BASE: join(dir, "mnesia"),
    RABBITMQ_LOG_BASE: join(dir, "log"),
    RABBITMQ_CONFIG_FILE: join(dir, "rabbitmq"),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, "enabled_plugins"),
    RABBITMQ_DIST_PORT: String(dist),
    ERL_EPMD_PORT: String(epmd),
  };
  const server = await startServer("rabbitmq", "/usr/lib/rabbitmq/bin/rabbitmq-server", [], { port, env, timeoutMs: 60_000 });
  const ctl = (...args: string[]) => run("/usr/lib/rabbitmq/bin/rabbitmqctl", args, { env });
  const { monitor, admin } = APP_SECRETS.rabbitmq;
  await ctl("add_user", monitor.user, monitor.password);
  await ctl("add_user", admin.user, admin.password);
  await ctl("set_user_tags", admin.user, "management");
  return {
    ...server,
    stop: async () => {
      await ctl("stop").catch(() => undefined);
      await server.stop();
      // The Erlang port mapper this node started on its own port.
      await run("epmd", ["-kill"], { env }).catch(() => undefined);
    },
  };
}
