import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthLens, DIST } from "./authlens";
import { chromiumArgs, chromiumExecutable } from "./lab/chromium";
import { watchWorkerExceptions } from "./worker-exceptions";
import type { Lab } from "./lab/server";

export interface Launched {
  context: BrowserContext;
  authlens: AuthLens;
  /** Uncaught exceptions and unhandled rejections in the extension's worker, restarts included. */
  workerExceptions: string[];
  /** What the worker logged to its console, restarts included. */
  workerConsole: string[];
  /** The first-run page AuthLens opened on install, as the person saw it (closed again, unless `keepWelcome`). */
  welcome: { url: string; title: string; text: string } | null;
  /** Closes the browser and deletes its throwaway profile. */
  close(): Promise<void>;
}

/**
 * Starts Chromium with the built extension on a fresh profile, routed to the lab, and returns once
 * AuthLens is seen recording (webRequest can miss the first requests after launch).
 */
export async function launchAuthLens(
  lab: Lab,
  { headless = true, dist = DIST, watchWorker = true, extraArgs = [] as string[], env = undefined as Record<string, string> | undefined, preferences = {}, downloadsPath = undefined as string | undefined, keepWelcome = false } = {},
): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), "authlens-"));
  // Without developer mode Chromium disables an unpacked extension that reloads.
  mkdirSync(join(profile, "Default"), { recursive: true });
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ extensions: { ui: { developer_mode: true } }, ...preferences }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless,
    viewport: headless ? { width: 1280, height: 800 } : null,
    // English unless a test asks for another language: the tests read English labels, whatever this machine's locale.
    args: [...chromiumArgs(lab, dist), ...(extraArgs.some((a) => a.startsWith("--lang=")) ? [] : ["--lang=en-US"]), ...extraArgs],
    env: { ...process.env, LANGUAGE: "en", ...env },
    // Playwright takes every download, named by a GUID; this is where it keeps them.
    ...(downloadsPath ? { downloadsPath } : {}),
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    if (process.env.AUTHLENS_DEBUG) worker.on("console", (m) => console.log("worker:", m.text()));
    const authlens = new AuthLens(context, new URL(worker.url()).host);
    const welcome = await welcomePage(context, authlens.extensionId, keepWelcome);
    await warmUp(authlens, lab);
    // The watch needs an extension page open (a tab): tests want it, a person browsing does not.
    const watch = watchWorker ? await watchWorkerExceptions(context, await authlens.probe(), authlens.extensionId) : { exceptions: [], console: [], stop: () => Promise.resolve() };
    return {
      context,
      authlens,
      workerExceptions: watch.exceptions,
      workerConsole: watch.console,
      welcome,
      close: async () => {
        await watch.stop();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The first-run page AuthLens opens on install: read as the person sees it, then closed (tests
 * start from the tabs they open), or left open for a person (`keep`, npm start).
 */
async function welcomePage(context: BrowserContext, extensionId: string, keep: boolean): Promise<Launched["welcome"]> {
  const isWelcome = (p: Page) => p.url().startsWith(`chrome-extension://${extensionId}/src/welcome/`);
  const page = context.pages().find(isWelcome) ?? (await context.waitForEvent("page", { predicate: isWelcome, timeout: 5000 }).catch(() => null));
  if (!page) return null;
  await page.waitForLoadState("load");
  await page.locator("h1").waitFor({ timeout: 5000 }).catch(() => undefined);
  const seen = { url: page.url(), title: await page.title(), text: await page.locator("body").innerText() };
  if (!keep) await page.close();
  return seen;
}

/** Loads the lab's warm-up 401 until AuthLens records it, then clears it. */
async function warmUp(authlens: AuthLens, lab: Lab): Promise<void> {
  const page = authlens.context.pages()[0] ?? (await authlens.context.newPage());
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(lab.warmup);
    const tabId = await authlens.tabIdOf(page);
    // AuthLens records a tab's failures in batches, a moment after they happen.
    if ((await authlens.waitForFailures(tabId, 1, 1000)).failures.length > 0) {
      await page.goto(lab.index);
      // A warm-up load still being recorded would land after a clear made too early.
      await page.waitForTimeout(500);
      await authlens.clearFailures(tabId);
      return;
    }
  }
  throw new Error("AuthLens never recorded the lab's warm-up 401. Is dist/ built (npm run build)?");
}
