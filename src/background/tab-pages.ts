import { registrableDomain } from "../core/site";

/**
 * Each tab's top-level URL as last seen, most recent last; lost with the worker, and then
 * re-learnt. Which tab a request belongs to, and the site a tab's requests are judged against.
 */
export function createTabPages() {
  const pages = new Map<number, string>();
  return {
    get: (tabId: number): string | undefined => pages.get(tabId),
    has: (tabId: number): boolean => pages.has(tabId),
    /** Last in the map: the most recent page of its origin, for a service worker's requests. */
    set(tabId: number, url: string): void {
      pages.delete(tabId);
      pages.set(tabId, url);
    },
    /** Learnt from a tab's failing page load, or asked after a worker restart: its place in the order kept. */
    note: (tabId: number, url: string): void => void pages.set(tabId, url),
    delete: (tabId: number): void => void pages.delete(tabId),

    /**
     * The tab a request belongs to: its own; for one a site's service worker made (Chrome reports
     * it with tabId −1 and the worker's origin as initiator), the tab most recently on a page of that
     * origin, which the worker serves; null for a request no tab made (the browser's own, another
     * extension's). A worker's own navigations are left to the browser.
     */
    tabFor(details: { tabId: number; initiator?: string | undefined; type?: string | undefined }): number | null {
      if (details.tabId >= 0) return details.tabId;
      if (!details.initiator || details.type === "main_frame") return null;
      let found: number | null = null;
      for (const [tabId, url] of pages) if (originOf(url) === details.initiator) found = tabId;
      return found;
    },

    siteOfTab(tabId: number, details: { frameId: number; initiator?: string | undefined }): string | null {
      const page = pages.get(tabId);
      if (page !== undefined) return registrableDomain(page);
      // After a worker restart: the main frame's own requests name its origin as initiator.
      return details.frameId === 0 && details.initiator ? registrableDomain(details.initiator) : null;
    },
  };
}

export type TabPages = ReturnType<typeof createTabPages>;

/** A URL's origin, or null. */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
