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
  /** Tells the tab's page that its failures changed, putting the banner there if need be. */
  notifyTab: (tabId: number) => void;
  /** Tells the extension's open pages (a popup) that the tab's failures changed. */
  reportChanged: (tabId: number) => void;
  /** Whether the tab is still open: a response can arrive after its tab closed. */
  tabExists: (tabId: number) => Promise<boolean>;
  /** Where a listener's failure is reported; no listener lets an exception escape. */
  logError: (message: string, error: unknown) => void;
  /** How long a tab's failures are gathered before they are recorded together (default {@link BATCH_MS}). */
  batchMs?: number;
}

/** A refused response, and what was seen of its headers, waiting to be recorded. */
interface Refusal {
  details: ResponseEvent;
  seen: HeadersSeen;
}

/** Long enough to gather what a page refuses at once, too short for a person to notice. */
export const BATCH_MS = 100;

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
  const { store, badge, classify, readJar, cookieChanges, lookingCloser, hidesCookieHeaders, preferences, notifyTab, reportChanged, newId, tabExists, logError, batchMs = BATCH_MS } = deps;
  const pendingHeaders = new Map<string, HttpHeader[]>();
  /** Each tab's top-level URL as last seen; lost with the worker, and then re-learnt. */
  const tabPages = new Map<number, string>();
  const inFlight = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  /** Failures of a tab waiting to be recorded together, by tab. */
  const batches = new Map<number, Refusal[]>();

  /**
   * Queues a failure. The failures a page makes together (a dashboard whose API calls all fail)
   * are recorded together a moment later: one read of the settings, one of the jar per site, one
   * storage write, one badge update and one word to the page for the lot, so recording does not
   * compete with the page's own loading.
   */
  function enqueue(refusal: Refusal): void {
    const { tabId } = refusal.details;
    const batch = batches.get(tabId);
    if (batch) return void batch.push(refusal);
    batches.set(tabId, [refusal]);
    track(
      new Promise((resolve) => setTimeout(resolve, batchMs)).then(() => {
        const due = batches.get(tabId) ?? [];
        batches.delete(tabId);
        return record(tabId, due);
      }),
    );
  }

  async function record(tabId: number, refusals: readonly Refusal[]): Promise<void> {
    try {
      for (const { details } of refusals) if (details.type === "main_frame") tabPages.set(tabId, details.url);
      const { statuses, ignoredSites } = await preferences();
      const jars = new Map<string, Promise<JarCookie[] | null>>();
      const found: { evidence: FailureEvidence; site: string | null; frameId: number; type: string }[] = [];
      for (const { details, seen } of refusals) {
        const site = siteOfTab(details);
        const requestSite = registrableDomain(details.url);
        if (!statuses.includes(details.statusCode) || ignoredSites.some((s) => s === site || s === requestSite)) continue;
        const topLevelUrl = tabPages.get(tabId) ?? details.initiator ?? null;
        // One read per site: the whole site's jar is read.
        const key = `${requestSite ?? details.url}\n${topLevelUrl}`;
        const jar = jars.get(key) ?? readJar(details.url, topLevelUrl);
        jars.set(key, jar);
        // The changes are read after the jar: by then the browser has reported the response's own.
        found.push({ evidence: withJarEvidence(gatherEvidence(details, seen), await jar, cookieChanges()), site, frameId: details.frameId, type: details.type });
      }
      if (found.length === 0) return;
      const next = await store.update(tabId, (current) =>
        found.reduce((before, { evidence, site, frameId }) => {
          const record = enterSite(before, site);
          const seen = { ...evidence, repeats: countRepeats(record.failures, evidence) };
          return appendFailure(record, toFailure(newId(), frameId, seen, classify(seen)));
        }, current),
      );
      // The tab closed while this was being recorded (its onRemoved may already have run): forget it.
      if (!(await tabExists(tabId))) return void (await store.remove(tabId));
      await badge.show(tabId, next.failures.length);
      reportChanged(tabId);
      if (found.some((f) => BANNER_TYPES.has(f.type))) notifyTab(tabId);
    } catch (error) {
      const [first] = refusals;
      logError(refusals.length === 1 && first ? `could not record the ${first.details.statusCode} for a ${first.details.type} request` : `could not record ${refusals.length} failures`, error);
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
      enqueue({ details, seen: { request: null, setCookie: !hidesCookieHeaders } });
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
        enqueue({ details, seen: { request: sent, setCookie: true } });
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
          // A page reloaded (or another of the site's) in a tab with the site's failures gets its banner back.
          if (next.failures.some((f) => BANNER_TYPES.has(f.resourceType) && f.site === site)) notifyTab(tabId);
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
