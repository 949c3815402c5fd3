import type { ObservedResponse } from "../core/evidence";
import type { HttpHeader } from "../core/http-header";

/** The request-side event fields AuthLens reads. */
export interface SentRequestEvent {
  requestId: string;
  tabId: number;
  requestHeaders?: HttpHeader[] | undefined;
}

/** The response-side event fields AuthLens reads: what evidence is made of, and where it belongs. */
export interface ResponseEvent extends ObservedResponse {
  requestId: string;
  tabId: number;
  frameId: number;
}

export interface RequestEndEvent {
  requestId: string;
}

interface WebRequestEvent<T> {
  addListener(callback: (details: T) => void, filter: { urls: string[]; types?: string[] }, extraInfoSpec?: string[]): void;
  removeListener(callback: (details: T) => void): void;
}

/** The slice of `webRequest` AuthLens listens to. */
export interface WebRequestPort {
  onSendHeaders: WebRequestEvent<SentRequestEvent>;
  onHeadersReceived: WebRequestEvent<ResponseEvent>;
  onErrorOccurred: WebRequestEvent<RequestEndEvent>;
}

export interface WebRequestHandlers {
  onSendHeaders: (details: SentRequestEvent) => void;
  onHeadersReceived: (details: ResponseEvent) => void;
  onErrorOccurred: (details: RequestEndEvent) => void;
}

/**
 * Registers the listeners. Must run synchronously at the worker's top level, or Chrome will
 * not wake a stopped worker for the events (developer.chrome.com, "Register listeners").
 *
 * `extraHeaders` is Chrome's opt-in to `Cookie`/`Set-Cookie` headers and to CORS preflights;
 * Firefox shows those without it and rejects the value, so it is added only where the
 * browser declares it (`OnSendHeadersOptions.EXTRA_HEADERS`).
 */
export function watchWebRequests(webRequest: WebRequestPort, handlers: WebRequestHandlers, supportsExtraHeaders: boolean): void {
  const extra = supportsExtraHeaders ? ["extraHeaders"] : [];
  // What a person signs in with: documents, frames, fetch/XHR and the rest ("other": CORS
  // preflights, beacons). Only these are watched by default; see createSubresourceWatch.
  const signInTypes = { urls: ["<all_urls>"], types: [...SIGN_IN_TYPES] };
  webRequest.onSendHeaders.addListener(handlers.onSendHeaders, signInTypes, ["requestHeaders", ...extra]);
  webRequest.onHeadersReceived.addListener(handlers.onHeadersReceived, signInTypes, ["responseHeaders", ...extra]);
  webRequest.onErrorOccurred.addListener(handlers.onErrorOccurred, signInTypes);
}

/**
 * Images, scripts, styles, fonts and media, watched for their response alone, and only when the
 * person asks (settings): Chrome delivering an event for each of a page's many subresources costs
 * every page load (docs/performance.md), and the brief's failures are documents and fetch/XHR.
 * Switched at run time, so after a worker restart it is back once the settings are read.
 *
 * They still ask for extraHeaders: without it, Chrome's opaque-response blocking drops a
 * cross-site 403 (S3's XML AccessDenied for a <script>) before webRequest sees it. A function of
 * its own, not the sign-in one: browsers ignore a listener added twice to one event.
 */
export function createSubresourceWatch(webRequest: Pick<WebRequestPort, "onHeadersReceived">, onHeadersReceived: (details: ResponseEvent) => void, supportsExtraHeaders: boolean) {
  const listener = (details: ResponseEvent) => onHeadersReceived(details);
  let on = false;
  return {
    set(enabled: boolean): void {
      if (enabled === on) return;
      on = enabled;
      if (enabled) webRequest.onHeadersReceived.addListener(listener, { urls: ["<all_urls>"], types: [...SUBRESOURCE_TYPES] }, ["responseHeaders", ...(supportsExtraHeaders ? ["extraHeaders"] : [])]);
      else webRequest.onHeadersReceived.removeListener(listener);
    },
  };
}

/** Request types whose request headers (Cookie, Authorization) AuthLens reads. */
export const SIGN_IN_TYPES = ["main_frame", "sub_frame", "xmlhttprequest", "other", "ping", "websocket"] as const;
/** Request types AuthLens watches for a refused status only, when the person turns it on. */
export const SUBRESOURCE_TYPES = ["image", "script", "stylesheet", "font", "media", "object", "csp_report"] as const;

/** Chrome declares `extraHeaders` in this enum; Firefox does not have the value at all. */
export function browserSupportsExtraHeaders(): boolean {
  const options = (globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: Record<string, string> } } }).chrome?.webRequest
    ?.OnSendHeadersOptions;
  return options?.EXTRA_HEADERS === "extraHeaders";
}
