import { isAuthFailureStatus, mayBeAntiForgeryRefusal } from "../core/headers/auth-status";
import { BANNER_TYPES } from "../core/report/banner";
import { registrableDomain } from "../core/site";
import { enterSite } from "../core/tab-record";
import type { RequestHandlers, PostedEvent, RedirectEvent, ResponseEvent } from "../platform/web-request";
import { isHiddenAnswer } from "../core/diagnosis/blocked-request";
import { summarizeSentCredentials } from "../core/headers/sent-credentials";
import { samlRefusal } from "../core/sign-in/saml";
import { redactRedirect } from "../core/sign-in/navigation";
import { isOpen, openCount } from "../core/fixes/outcome";
import { createNavigationWatch } from "./navigation-watch";
import { createBatchRecorder } from "./record-batch";
import type { FailureRecorderDeps, Queued, SentHeaders } from "./recorder-deps";
import { createRefusedCookieWatch } from "./refused-cookie-watch";
import { createTabPages } from "./tab-pages";

export type { FailureRecorderDeps } from "./recorder-deps";

/** Long enough to gather what a page refuses at once, too short for a person to notice. */
export const BATCH_MS = 100;

export interface FailureRecorder {
  /** Every tab's requests (the listeners always there, {@link watchRequests}), and top-level redirects. */
  everyTab: RequestHandlers & { onBeforeRedirect: (details: RedirectEvent) => void; onPosted: (details: PostedEvent) => void };
  /** The listeners of a tab AuthLens looks closer at. */
  closeLook: RequestHandlers;
  /**
   * A top-level document committed in a tab (webNavigation.onCommitted, frame 0), with how it came
   * (its transition qualifiers); `null` for an error page (webNavigation.onErrorOccurred), which ends
   * no navigation the sign-in watch follows.
   */
  onTopLevelCommitted(tabId: number, url: string, qualifiers?: readonly string[] | null): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Settles when every failure seen so far is stored (for tests and the flood benchmark). */
  idle(): Promise<void>;
}

/**
 * Requests whose response has not arrived yet keep their headers here, by reference and unread,
 * until their response or error. The cap only matters if the browser drops events (or serves a
 * request from a cache without a response event): the oldest go first.
 */
const MAX_PENDING_REQUESTS = 2000;

/**
 * Turns webRequest events into stored failures and badge counts. A request that does not fail
 * costs a map insert and delete: no parsing, no storage, nothing kept.
 */
export function createFailureRecorder(deps: FailureRecorderDeps): FailureRecorder {
  const { store, badge, lookingCloser, hidesCookieHeaders, notifyTab, watchSockets, watchingSockets = () => false, logError, fixWatch, ownActions, signInPages, recovery, batchMs = BATCH_MS } = deps;
  const pending = new Map<string, SentHeaders>();
  const tabPages = createTabPages();
  const cookieWatch = createRefusedCookieWatch(deps);
  const { record, forgetAnsweredSignIns } = createBatchRecorder(deps, tabPages, cookieWatch);
  const inFlight = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  function hold(requestId: string, sent: SentHeaders): void {
    pending.set(requestId, sent);
    if (pending.size > MAX_PENDING_REQUESTS) {
      const oldest = pending.keys().next().value;
      if (oldest !== undefined) pending.delete(oldest);
    }
  }

  /** The headers a request was sent with, let go of; null when they were not seen. */
  function release(requestId: string): SentHeaders | null {
    const sent = pending.get(requestId) ?? null;
    pending.delete(requestId);
    return sent;
  }

  /** Failures of a tab waiting to be recorded together, by tab. */
  const batches = new Map<number, Queued[]>();

  /** Top-level navigations the site turns into a sign-in, and sign-ins that finish. */
  const navigations = createNavigationWatch<SentHeaders>({
    signIn({ tabId, redirect, first, time }) {
      // The response that began the navigation is the evidence where it answered the page asked for; a client
      // redirect, an OAuth callback or a loop's page was not followed from its own request, whose headers are unknown.
      const own = first?.details.url === redirect.requested ? first : null;
      const details: ResponseEvent = own?.details ?? { requestId: "", tabId, frameId: 0, url: redirect.requested, method: "GET", statusCode: redirect.status, type: "main_frame", timeStamp: time, responseHeaders: [] };
      // A page load has no page of its own to set a cookie: one that appeared after it went out is the redirect's.
      // Kept redacted, as every address and server text is (the evidence's own URL is redacted when gathered).
      enqueue({ kind: "redirect", details, seen: { request: own?.sent?.headers ?? null, cookie: own?.sent?.cookie ?? false, setCookie: !hidesCookieHeaders, sentAt: own?.sent?.at ?? null }, redirect: redactRedirect(redirect) });
    },
    signedIn(tabId, landing) {
      track(forgetAnsweredSignIns(tabId, registrableDomain(landing)));
    },
  });

  /**
   * Queues a failure. The failures a page makes together (a dashboard whose API calls all fail)
   * are recorded together a moment later: one read of the settings, one of the jar per site, one
   * storage write, one badge update and one word to the page for the lot, so recording does not
   * compete with the page's own loading.
   */
  function enqueue(item: Queued): void {
    const { tabId } = item.details;
    const batch = batches.get(tabId);
    if (batch) return void batch.push(item);
    batches.set(tabId, [item]);
    track(
      new Promise((resolve) => setTimeout(resolve, batchMs)).then(() => {
        const due = batches.get(tabId) ?? [];
        batches.delete(tabId);
        return record(tabId, due);
      }),
    );
  }

  const heardCloser = new Set<string>();
  function heardTwice(event: ResponseEvent): boolean {
    if (event.type !== "websocket") return false;
    const key = `${event.requestId}\n${event.statusCode}`;
    if (heardCloser.has(key)) return true;
    heardCloser.add(key);
    if (heardCloser.size > 100) heardCloser.delete(heardCloser.values().next().value!);
    return false;
  }

  /** The response as the tab's own: a service worker's (tab −1) goes to the tab whose page it serves. */
  function attributed(event: ResponseEvent): ResponseEvent | null {
    const tabId = tabPages.tabFor(event);
    if (tabId === null) return null;
    return tabId === event.tabId ? event : { ...event, tabId, frameId: 0, serviceWorker: true };
  }

  const refused = (details: ResponseEvent, sent: SentHeaders | null, setCookie: boolean) => {
    if (!isAuthFailureStatus(details.statusCode)) return;
    if (details.statusCode === 422 && !mayBeAntiForgeryRefusal(422, details.type, details.method, sent ? summarizeSentCredentials(details.method, sent.headers, false).antiForgery : null)) return;
    recovery.heard(details.tabId, details.url);
    // A refusal's cookies are judged from its response's time: a cookie set a moment before it went out may be heard after.
    enqueue({ kind: "refusal", details, seen: { request: sent?.headers ?? null, cookie: sent?.cookie ?? false, setCookie } });
  };

  return {
    everyTab: {
      onSendHeaders(details) {
        // A tab looked closer at is its listeners' own, as are the handshakes of one whose sockets are watched.
        const tabId = tabPages.tabFor(details);
        if (tabId === null || lookingCloser(tabId) || (details.type === "websocket" && watchingSockets(tabId))) return;
        hold(details.requestId, { headers: details.requestHeaders ?? [], cookie: !hidesCookieHeaders, at: details.timeStamp ?? null });
      },
      onHeadersReceived(event) {
        const details = attributed(event);
        if (details === null || lookingCloser(details.tabId) || (details.type === "websocket" && watchingSockets(details.tabId))) return;
        fixWatch.onResponse(details);
        recovery.onResponse(details);
        if (!hidesCookieHeaders) cookieWatch.noteRefused(details);
        cookieWatch.signInAnswered(details);
        const sent = release(details.requestId);
        navigations.onResponse(details, sent);
        refused(details, sent, !hidesCookieHeaders);
      },
      onBeforeRedirect(details) {
        navigations.onBeforeRedirect(details);
      },
      onPosted(details) {
        const field = details.method === "POST" ? details.requestBody?.formData?.SAMLResponse : undefined;
        const posted = Array.isArray(field) ? (field[0] as unknown) : field;
        if (typeof posted !== "string") return;
        const refusal = samlRefusal(posted);
        if (refusal) navigations.onSamlRefusal(details.tabId, details.requestId, refusal);
      },
      onErrorOccurred(details) {
        const sent = release(details.requestId);
        navigations.onError(details);
        if (details.tabId < 0 || lookingCloser(details.tabId) || !isHiddenAnswer(details) || (details.type === "websocket" && watchingSockets(details.tabId))) return;
        // Chrome hid the answer; Firefox shows every answer to its listeners, so its errors are network errors.
        if (!hidesCookieHeaders) return;
        enqueue({ kind: "blocked", details, sent: summarizeSentCredentials(details.method, sent?.headers ?? null, false) });
        if (details.type === "websocket") watchSockets?.(details.tabId);
      },
    },
    closeLook: {
      onSendHeaders(details) {
        hold(details.requestId, { headers: details.requestHeaders ?? [], cookie: true, at: details.timeStamp ?? null });
      },
      onHeadersReceived(details) {
        // A tab looked closer at whose sockets are watched too hears a handshake twice.
        if (heardTwice(details)) return;
        // A request that began before the closer look keeps what the default listener saw of it.
        // (Also the handshakes of a tab whose WebSockets are watched.) These listeners are a tab's own: no service worker's.
        fixWatch.onResponse(details);
        recovery.onResponse(details);
        cookieWatch.noteRefused(details);
        const sent = release(details.requestId);
        navigations.onResponse(details, sent);
        refused(details, sent, true);
      },
      onErrorOccurred(details) {
        release(details.requestId);
      },
    },
    async onTopLevelCommitted(tabId, url, qualifiers = []) {
      const site = registrableDomain(url);
      if (qualifiers !== null) navigations.onCommitted(tabId, url, qualifiers);
      ownActions.committed(tabId);
      tabPages.set(tabId, url);
      track(signInPages.saw(url).catch((error: unknown) => logError("could not keep a sign-in page", error)));
      const work = (async () => {
        try {
          if (!(await store.has(tabId))) return;
          // Chrome resets a tab's badge on every navigation; put the count back.
          const next = await store.update(tabId, (current) => enterSite(current, site));
          await badge.show(tabId, openCount(next.failures));
          // A page reloaded (or another of the site's) in a tab with the site's failures gets its banner back.
          if (next.failures.some((f) => BANNER_TYPES.has(f.resourceType) && f.site === site && isOpen(f))) notifyTab(tabId);
        } catch (error) {
          logError("could not update the tab after a navigation", error);
        }
      })();
      track(work);
      await work;
    },
    async onTabRemoved(tabId) {
      tabPages.delete(tabId);
      navigations.onTabRemoved(tabId);
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
