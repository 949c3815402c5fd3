import type { HttpHeader } from "../core/http-header";

/** The request-side event fields AuthLens reads. */
export interface SentRequestEvent {
  requestId: string;
  tabId: number;
  requestHeaders?: HttpHeader[] | undefined;
}

/** The response-side event fields AuthLens reads. */
export interface ResponseEvent {
  requestId: string;
  tabId: number;
  frameId: number;
  url: string;
  method: string;
  statusCode: number;
  statusLine?: string | undefined;
  type: string;
  initiator?: string | undefined;
  originUrl?: string | undefined;
  timeStamp: number;
  responseHeaders?: HttpHeader[] | undefined;
}

export interface RequestEndEvent {
  requestId: string;
}

interface WebRequestEvent<T> {
  addListener(callback: (details: T) => void, filter: { urls: string[]; types?: string[] }, extraInfoSpec?: string[]): void;
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
  const filter = { urls: ["<all_urls>"] };
  const extra = supportsExtraHeaders ? ["extraHeaders"] : [];
  webRequest.onSendHeaders.addListener(handlers.onSendHeaders, filter, ["requestHeaders", ...extra]);
  webRequest.onHeadersReceived.addListener(handlers.onHeadersReceived, filter, ["responseHeaders", ...extra]);
  webRequest.onErrorOccurred.addListener(handlers.onErrorOccurred, filter);
}

/** Chrome declares `extraHeaders` in this enum; Firefox does not have the value at all. */
export function browserSupportsExtraHeaders(): boolean {
  const options = (globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: Record<string, string> } } }).chrome?.webRequest
    ?.OnSendHeadersOptions;
  return options?.EXTRA_HEADERS === "extraHeaders";
}
