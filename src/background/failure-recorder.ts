import { isAuthFailureStatus } from "../core/auth-status";
import { BANNER_TYPES } from "../core/banner";
import type { Diagnosis } from "../core/diagnosis";
import { gatherEvidence, type FailureEvidence, type HeadersSeen } from "../core/evidence";
import { toFailure } from "../core/failure";
import type { HttpHeader } from "../core/http-header";
import { registrableDomain } from "../core/site";
import { appendFailure, countRepeats, enterSite } from "../core/tab-record";
import type { JarCookie } from "../core/cookie-jar";
import { withJarEvidence, type CookieChange } from "../core/jar-evidence";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";
import type { CloseLookHandlers, ResponseEvent } from "../platform/web-request";

export interface FailureRecorderDeps {
  store: TabStore;
  badge: Badge;
  classify: (evidence: FailureEvidence) => Diagnosis;
  /** The cookies of the failing URL's site, without values; null when they cannot be read. */
  readJar: (url: string, topLevelUrl: string | null) => Promise<JarCookie[] | null>;
  /** The jar's changes of the last seconds (cookies.onChanged), without values. */
  cookieChanges: () => readonly CookieChange[];
  /** Whether AuthLens looks closer at the tab: its close-look listeners then report its responses. */
  lookingCloser: (tabId: number) => boolean;
  /** Chrome hides `Set-Cookie` (and `Cookie`) from listeners that do not ask for `extraHeaders`. */
  hidesCookieHeaders: boolean;
  newId: () => string;
  /** The person's choice of statuses and ignored sites. Read only when a request fails. */
  preferences: () => Promise<{ statuses: readonly number[]; ignoredSites: readonly string[] }>;
  /** Tells the tab's content script that its failures changed (for the banner). */
  notifyTab: (tabId: number) => void;
  /** Tells the extension's open pages (a popup) that the tab's failures changed. */
  reportChanged: (tabId: number) => void;
  /** Whether the tab is still open: a response can arrive after its tab closed. */
  tabExists: (tabId: number) => Promise<boolean>;
  /** Where a listener's failure is reported; no listener lets an exception escape. */
  logError: (message: string, error: unknown) => void;
}

export interface FailureRecorder {
  /** Every tab's responses (webRequest.onHeadersReceived, the one listener always there). */
  onHeadersReceived: (details: ResponseEvent) => void;
  /** The listeners of a tab AuthLens looks closer at. */
  closeLook: CloseLookHandlers;
  /** A top-level document committed in a tab (webNavigation.onCommitted, frame 0). */
  onTopLevelCommitted(tabId: number, url: string): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Settles when every failure seen so far is stored (for tests and the flood benchmark). */
  idle(): Promise<void>;
}

/**
 * Requests of a tab AuthLens looks closer at, whose response has not arrived yet, keep their
 * headers here, by reference and unread, until `onHeadersReceived`. The cap only matters if the
 * browser drops events.
 */
const MAX_PENDING_REQUESTS = 2000;

/**
 * Turns webRequest events into stored failures and badge counts. A response that is not a
 * failure costs one status check: no parsing, no storage, nothing kept.
 */
export function createFailureRecorder(deps: FailureRecorderDeps): FailureRecorder {
  const { store, badge, classify, readJar, cookieChanges, lookingCloser, hidesCookieHeaders, preferences, notifyTab, reportChanged, newId, tabExists, logError } = deps;
  const pendingHeaders = new Map<string, HttpHeader[]>();
  /** Each tab's top-level URL as last seen; lost with the worker, and then re-learnt. */
  const tabPages = new Map<number, string>();
  const inFlight = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  async function record(details: ResponseEvent, seen: HeadersSeen): Promise<void> {
    try {
      if (details.type === "main_frame") tabPages.set(details.tabId, details.url);
      const { statuses, ignoredSites } = await preferences();
      const site = siteOfTab(details);
      const requestSite = registrableDomain(details.url);
      if (!statuses.includes(details.statusCode) || ignoredSites.some((s) => s === site || s === requestSite)) return;
      const topLevelUrl = tabPages.get(details.tabId) ?? details.initiator ?? null;
      // The changes are read after the jar: by then the browser has reported the response's own.
      const jar = await readJar(details.url, topLevelUrl);
      const evidence = withJarEvidence(gatherEvidence(details, seen), jar, cookieChanges());
      const next = await store.update(details.tabId, (current) => {
        const record = enterSite(current, site);
        const seen = { ...evidence, repeats: countRepeats(record.failures, evidence) };
        return appendFailure(record, toFailure(newId(), details.frameId, seen, classify(seen)));
      });
      // The tab closed while this was being recorded (its onRemoved may already have run): forget it.
      if (!(await tabExists(details.tabId))) return void (await store.remove(details.tabId));
      await badge.show(details.tabId, next.failures.length);
      reportChanged(details.tabId);
      if (BANNER_TYPES.has(details.type)) notifyTab(details.tabId);
    } catch (error) {
      logError(`could not record the ${details.statusCode} for a ${details.type} request`, error);
    }
  }

  function siteOfTab(details: ResponseEvent): string | null {
    const page = tabPages.get(details.tabId);
    if (page !== undefined) return registrableDomain(page);
    // After a worker restart: the main frame's own requests name its origin as initiator.
    return details.frameId === 0 && details.initiator ? registrableDomain(details.initiator) : null;
  }

  return {
    onHeadersReceived(details) {
      // tabId -1: no tab to show it in (a site's service worker, the browser itself).
      if (!isAuthFailureStatus(details.statusCode) || details.tabId < 0 || lookingCloser(details.tabId)) return;
      track(record(details, { request: null, setCookie: !hidesCookieHeaders }));
    },
    closeLook: {
      onSendHeaders(details) {
        pendingHeaders.set(details.requestId, details.requestHeaders ?? []);
        if (pendingHeaders.size > MAX_PENDING_REQUESTS) {
          const oldest = pendingHeaders.keys().next().value;
          if (oldest !== undefined) pendingHeaders.delete(oldest);
        }
      },
      onHeadersReceived(details) {
        // A request that began before the closer look, or before a worker restart, has no headers kept.
        const sent = pendingHeaders.get(details.requestId) ?? null;
        pendingHeaders.delete(details.requestId);
        if (!isAuthFailureStatus(details.statusCode)) return;
        track(record(details, { request: sent, setCookie: true }));
      },
      onErrorOccurred(details) {
        pendingHeaders.delete(details.requestId);
      },
    },
    async onTopLevelCommitted(tabId, url) {
      const site = registrableDomain(url);
      tabPages.set(tabId, url);
      const work = (async () => {
        try {
          if (!(await store.has(tabId))) return;
          // Chrome resets a tab's badge on every navigation; put the count back.
          const next = await store.update(tabId, (current) => enterSite(current, site));
          await badge.show(tabId, next.failures.length);
        } catch (error) {
          logError("could not update the tab after a navigation", error);
        }
      })();
      track(work);
      await work;
    },
    async onTabRemoved(tabId) {
      tabPages.delete(tabId);
      try {
        await store.remove(tabId);
      } catch (error) {
        logError("could not forget a closed tab", error);
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
