import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { join } from "node:path";

/** A server process the real-server lab started, and how to stop it. */
export interface ServerProcess {
  name: string;
  port: number;
  /** The process's recent output, for a failure message. */
  output(): string;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (the OS picks; a race with another process is possible but harmless here). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts `command` and waits until it accepts connections on `port` (at most `timeoutMs`). The
 * process is killed with its children when stopped; its output is kept (the last 20 KB) so a
 * server that will not start says why.
 */
export async function startServer(name: string, command: string, args: string[], options: { port: number; env?: Record<string, string>; cwd?: string; timeoutMs?: number }): Promise<ServerProcess> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  const keep = (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited: string | null = null;
  child.once("exit", (code, signal) => (exited = `exited with ${signal ?? code}`));
  child.once("error", (error) => (exited = error.message));
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (!(await accepts(options.port))) {
    if (exited || Date.now() > deadline) {
      kill(child);
      throw new Error(`${name} did not start on port ${options.port} (${exited ?? "timed out"}):\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    port: options.port,
    output: () => log,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      kill(child);
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
    },
  };
}

/** Kills the process's group (a server's workers with it). */
function kill(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
}

/**
 * The environment that runs a process on a clock an hour ahead, as a server whose clock is wrong:
 * libfaketime preloaded directly (its `faketime` wrapper leaves named semaphores behind, which a
 * later process with the same pid trips over).
 */
export function clockAnHourAhead(): Record<string, string> {
  const lib = readdirSync("/usr/lib", { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join("/usr/lib", d.name, "faketime", "libfaketime.so.1"))
    .find((path) => existsSync(path));
  if (!lib) throw new Error("libfaketime is not installed (scripts/install-lab-servers.sh installs it)");
  return { LD_PRELOAD: lib, FAKETIME: "+1h" };
}

/** Runs a command to completion, failing with its output. */
export function run(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${out}`))));
  });
}
