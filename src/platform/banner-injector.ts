import type { TabNotice } from "../messaging/protocol";

/** The built banner script (vite.config.ts): one classic file, not declared as a content script. */
export const BANNER_SCRIPT = "content.js";

export interface BannerInjectorDeps {
  tabs: { sendMessage(tabId: number, message: TabNotice, options: { frameId: number }): Promise<unknown> };
  scripting: { executeScript(injection: { target: { tabId: number; frameIds: number[] }; files: string[] }): Promise<unknown> };
}

/**
 * Puts the in-page banner where it is needed, and only there. A content script declared for every
 * page costs every page load (Chrome makes a script world for it: docs/performance.md), while a
 * banner is needed only in a tab with an auth failure. So the banner script is injected into a
 * tab's page when the tab has one, at the page's idle time, and told about later ones.
 */
export function createBannerInjector({ tabs, scripting }: BannerInjectorDeps) {
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
      if (!told) await scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [BANNER_SCRIPT] }).catch(() => undefined);
    },
  };
}
