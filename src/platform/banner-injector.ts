import type { TabNotice } from "../messaging/protocol";

/** The built banner script (vite.config.ts): one classic file, not declared as a content script. */
export const BANNER_SCRIPT = "content.js";

/** How often, and how many times, a page still loading is checked before its banner goes in anyway. */
const LOAD_CHECK_MS = 250;
const LOAD_CHECKS = 40;

export interface BannerInjectorDeps {
  tabs: {
    sendMessage(tabId: number, message: TabNotice, options: { frameId: number }): Promise<unknown>;
    get(tabId: number): Promise<{ status?: string | undefined }>;
  };
  scripting: { executeScript(injection: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown> };
  wait?: (ms: number) => Promise<void>;
}

/**
 * Puts the in-page banner where it is needed, and only there. A content script declared for every
 * page costs every page load (Chrome makes a script world for it: docs/performance.md), while a
 * banner is needed only in a tab with an auth failure. So the banner script is injected into a
 * tab's page when the tab has one, once the page has loaded (a banner is no help while the page is
 * still coming in, and must not slow it), and told about later ones.
 */
export function createBannerInjector({ tabs, scripting, wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms)) }: BannerInjectorDeps) {
  /** Tabs whose banner is waiting for their page to load. */
  const waiting = new Set<number>();

  async function injectWhenLoaded(tabId: number): Promise<void> {
    if (waiting.has(tabId)) return;
    waiting.add(tabId);
    try {
      for (let check = 0; check < LOAD_CHECKS; check++) {
        const tab = await tabs.get(tabId).catch(() => null);
        if (!tab) return; // closed
        if (tab.status !== "loading") break;
        await wait(LOAD_CHECK_MS);
      }
      await scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [BANNER_SCRIPT] }).catch(() => undefined);
    } finally {
      waiting.delete(tabId);
    }
  }

  return {
    /**
     * Tells the tab's banner that its failures changed, after putting the banner in the page if it
     * is not there yet (a new failure, or a page reloaded in a tab that has some). Never throws: a
     * page AuthLens may not script (chrome://, the web store, a closed tab) simply has no banner.
     */
    async notify(tabId: number): Promise<void> {
      const told = await tabs.sendMessage(tabId, { type: "authlens-updated" }, { frameId: 0 }).then(
        () => true,
        () => false,
      );
      // The script asks for its banner as it starts, so a fresh one needs no message.
      if (!told) await injectWhenLoaded(tabId);
    },
  };
}
