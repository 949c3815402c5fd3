import { test as base } from "../fixtures";
import { missingServerSoftware, startRealLab, type RealLab } from "./real-lab";

/**
 * The e2e fixtures with the real-server lab started first (an automatic worker fixture), so each
 * browser is launched with its hosts and proxies routed. Where the servers are not installed, the
 * tests that use it are skipped, saying what is missing.
 */
export const test = base.extend<object, { realLab: RealLab | null }>({
  realLab: [
    async ({ lab }, use) => {
      if (missingServerSoftware()) return use(null);
      const realLab = await startRealLab(lab);
      await use(realLab);
      await realLab.close();
    },
    { scope: "worker", auto: true },
  ],
});

export { expect } from "@playwright/test";
