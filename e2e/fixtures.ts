import { test as base, expect, type BrowserContext } from "@playwright/test";
import type { AuthLens } from "./authlens";
import { launchAuthLens, type Launched } from "./launch";
import { startLab, type Lab } from "./lab/server";

/** Each test gets its own Chromium profile with AuthLens loaded and listening; the lab is shared. */
export const test = base.extend<{ launched: Launched; context: BrowserContext; authlens: AuthLens }, { lab: Lab }>({
  lab: [
    async ({}, use) => {
      const lab = await startLab();
      await use(lab);
      await lab.close();
    },
    { scope: "worker" },
  ],
  launched: async ({ lab }, use) => {
    const launched = await launchAuthLens(lab);
    await use(launched);
    const exceptions = [...launched.workerExceptions];
    await launched.close();
    // Whatever a test was about, no listener may have let an exception escape in the worker.
    expect(exceptions, "uncaught exceptions in the service worker").toEqual([]);
  },
  context: async ({ launched }, use) => use(launched.context),
  authlens: async ({ launched }, use) => use(launched.authlens),
});

export { expect } from "@playwright/test";
