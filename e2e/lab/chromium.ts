import { existsSync } from "node:fs";
import type { Lab } from "./server";

/**
 * The Chromium to drive: $CHROMIUM_PATH if set (your own Chrome or Chromium), else Debian's
 * /usr/bin/chromium when present, else Playwright's own bundled Chromium (undefined).
 */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
}

/** Flags that load the extension and route every `*.test` host to the lab. */
export function chromiumArgs(lab: Lab, extensionDir: string): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    // The first rule that matches a host wins: the real-server lab's hosts, then every other *.test host to the lab.
    `--host-resolver-rules=${[...lab.hostRoutes.map((r) => `MAP ${r.pattern} 127.0.0.1:${r.port}`), `MAP *.test 127.0.0.1:${lab.port}`].join(", ")}`,
    `--proxy-pac-url=${lab.pacUrl}`,
    ...(lab.trustedSpki.length ? [`--ignore-certificate-errors-spki-list=${lab.trustedSpki.join(",")}`] : []),
    // Service workers (e2e/security.spec.ts, the real lab's Koa) need a secure context; the lab is plain http.
    "--unsafely-treat-insecure-origin-as-secure=http://secrets.test,http://sw.koa.test",
    "--no-first-run",
    "--no-default-browser-check",
    // This machine has no internet: without these, Chromium keeps trying to reach Google's services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
  ];
}
