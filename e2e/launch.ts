import { chromium, type BrowserContext } from "@playwright/test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AuthLens, DIST } from "./authlens";
import { chromiumArgs, chromiumExecutable } from "./lab/chromium";
import type { Lab } from "./lab/server";

export interface Launched {
  context: BrowserContext;
  authlens: AuthLens;
  /** Closes the browser and deletes its throwaway profile. */
  close(): Promise<void>;
}

/**
 * Starts Chromium with the built extension on a fresh profile, routed to the lab, and returns once
 * AuthLens is seen recording (webRequest can miss the first requests after launch).
 */
export async function launchAuthLens(lab: Lab, { headless = true, dist = DIST } = {}): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), "authlens-"));
  // Without developer mode Chromium disables an unpacked extension that reloads.
  mkdirSync(join(profile, "Default"), { recursive: true });
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumExecutable(),
    headless,
    viewport: headless ? { width: 1280, height: 800 } : null,
    args: chromiumArgs(lab, dist),
  });
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    if (process.env.AUTHLENS_DEBUG) worker.on("console", (m) => console.log("worker:", m.text()));
    const authlens = new AuthLens(context, new URL(worker.url()).host);
    await warmUp(authlens, lab);
    return { context, authlens, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Loads the lab's warm-up 401 until AuthLens records it, then clears it. */
async function warmUp(authlens: AuthLens, lab: Lab): Promise<void> {
  const page = authlens.context.pages()[0] ?? (await authlens.context.newPage());
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(lab.warmup);
    const tabId = await authlens.tabIdOf(page);
    if ((await authlens.report(tabId)).failures.length > 0) {
      await authlens.clearFailures(tabId);
      await page.goto(lab.index);
      return;
    }
    await page.waitForTimeout(250);
  }
  throw new Error("AuthLens never recorded the lab's warm-up 401. Is dist/ built (npm run build)?");
}
