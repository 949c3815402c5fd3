import type { NetworkErrorEvent } from "../core/diagnosis/blocked-request";
import type { ObservedResponse } from "../core/diagnosis/evidence";
import type { HttpHeader } from "../core/headers/http-header";

/** The request-side event fields AuthLens reads. */
export interface SentRequestEvent {
  requestId: string;
  tabId: number;
  /** The origin that made the request (Chrome); a site's service worker's requests have its origin and tabId −1. */
  initiator?: string | undefined;
  type?: string | undefined;
  requestHeaders?: HttpHeader[] | undefined;
  /** When the request went out, ms since the epoch. */
  timeStamp?: number | undefined;
}

/** The response-side event fields AuthLens reads: what evidence is made of, and where it belongs. */
export interface ResponseEvent extends ObservedResponse {
  requestId: string;
  tabId: number;
  frameId: number;
  /** Set by the recorder for a request a site's service worker made, attributed to the tab it serves. */
  serviceWorker?: true;
}

/** `webRequest.onBeforeRequest`'s fields for a top-level document posted as a form (`requestBody`). */
export interface PostedEvent {
  requestId: string;
  tabId: number;
  method: string;
  type: string;
  /** The form's fields: each a list of values (the types of some versions say a string). */
  requestBody?: { formData?: Record<string, unknown> | undefined } | null | undefined;
}

/** `webRequest.onBeforeRedirect`'s fields for a top-level document. */
export interface RedirectEvent {
  requestId: string;
  tabId: number;
  url: string;
  redirectUrl: string;
  statusCode: number;
  type: string;
}

/** An `onErrorOccurred` event: the request ended without a response AuthLens saw. */
export interface RequestEndEvent extends NetworkErrorEvent {
  requestId: string;
  tabId: number;
}

type Filter = { urls: string[]; types?: string[]; tabId?: number };

interface WebRequestEvent<T> {
  addListener(callback: (details: T) => void, filter: Filter, extraInfoSpec?: string[]): void;
  removeListener(callback: (details: T) => void): void;
}

/** The slice of `webRequest` AuthLens listens to. */
export interface WebRequestPort {
  onSendHeaders: WebRequestEvent<SentRequestEvent>;
  onHeadersReceived: WebRequestEvent<ResponseEvent>;
  onErrorOccurred: WebRequestEvent<RequestEndEvent>;
  onBeforeRedirect: WebRequestEvent<RedirectEvent>;
  onBeforeRequest: WebRequestEvent<PostedEvent>;
}

/** Handlers for a request's headers, its response, and its end without one. */
export interface RequestHandlers {
  onSendHeaders: (details: SentRequestEvent) => void;
  onHeadersReceived: (details: ResponseEvent) => void;
  onErrorOccurred: (details: RequestEndEvent) => void;
}

/**
 * What AuthLens watches in every tab, for the request types people sign in with: each request's
 * headers (`Authorization`, `Proxy-Authorization`; Firefox includes `Cookie`), each response's
 * status and headers, and requests that end in an error. Must run synchronously at the worker's
 * top level, or Chrome will not wake a stopped worker for the events (developer.chrome.com,
 * "Register listeners").
 *
 * None asks for `extraHeaders` (Chrome's opt-in to `Cookie`, `Set-Cookie`, CORS preflights and
 * answers that fail CORS): Chrome then stops each request to ask the extension for its headers,
 * which costs every page in every tab (docs/performance.md), so that is done only for a tab the
 * person asks AuthLens to look closer at ({@link createCloseLook}), and the cookies a request
 * carried are otherwise read from the jar. A request-header listener without it costs nothing
 * measurable on a real network (docs/performance.md, the 40 ms rows).
 */
export function watchRequests(webRequest: WebRequestPort, handlers: RequestHandlers & { onBeforeRedirect: (details: RedirectEvent) => void; onPosted: (details: PostedEvent) => void }): void {
  const filter = { urls: ["<all_urls>"], types: [...SIGN_IN_TYPES] };
  webRequest.onSendHeaders.addListener(handlers.onSendHeaders, filter, ["requestHeaders"]);
  webRequest.onHeadersReceived.addListener(handlers.onHeadersReceived, filter, ["responseHeaders"]);
  webRequest.onErrorOccurred.addListener(handlers.onErrorOccurred, filter);
  // Top-level redirects only, to follow a navigation the site turns into a sign-in: rare, and nothing else is asked for.
  webRequest.onBeforeRedirect.addListener(handlers.onBeforeRedirect, { urls: ["<all_urls>"], types: ["main_frame"] });
  // Top-level form posts' fields, for a SAML provider's answer (its SAMLResponse), to the addresses apps receive it at
  // (SimpleSAMLphp's saml2-acs.php, Spring's /login/saml2/sso/, Shibboleth's /Shibboleth.sso/SAML2/POST, /saml/acs…):
  // a listener for every page load cost 1–2% of each (docs/performance.md).
  webRequest.onBeforeRequest.addListener(handlers.onPosted, { urls: SAML_ENDPOINTS, types: ["main_frame"] }, ["requestBody"]);
}

/**
 * A closer look at chosen tabs: their request headers (Authorization, Cookie), `Set-Cookie` and CORS
 * preflights, through listeners filtered to each tab. `extraHeaders` is Chrome's opt-in to the
 * cookie headers and to preflights; Firefox shows those without it and rejects the value, so it is
 * asked for only where the browser declares it. Listeners added at run time are not kept for a
 * stopped worker: the worker adds them again when it starts (background/look-closer.ts).
 * `types`: the request types looked at (the WebSocket watch takes handshakes alone).
 */
export function createCloseLook(webRequest: WebRequestPort, handlers: RequestHandlers, supportsExtraHeaders: boolean, types: readonly string[] = SIGN_IN_TYPES) {
  const extra = supportsExtraHeaders ? ["extraHeaders"] : [];
  const tabs = new Map<number, RequestHandlers>();
  return {
    has: (tabId: number) => tabs.has(tabId),
    add(tabId: number): void {
      if (tabs.has(tabId)) return;
      // A tab's own functions: a browser ignores a function added twice to one event.
      const own: RequestHandlers = { onSendHeaders: (d) => handlers.onSendHeaders(d), onHeadersReceived: (d) => handlers.onHeadersReceived(d), onErrorOccurred: (d) => handlers.onErrorOccurred(d) };
      const filter = { urls: ["<all_urls>"], types: [...types], tabId };
      webRequest.onSendHeaders.addListener(own.onSendHeaders, filter, ["requestHeaders", ...extra]);
      webRequest.onHeadersReceived.addListener(own.onHeadersReceived, filter, ["responseHeaders", ...extra]);
      webRequest.onErrorOccurred.addListener(own.onErrorOccurred, filter);
      tabs.set(tabId, own);
    },
    remove(tabId: number): void {
      const own = tabs.get(tabId);
      if (!own) return;
      webRequest.onSendHeaders.removeListener(own.onSendHeaders);
      webRequest.onHeadersReceived.removeListener(own.onHeadersReceived);
      webRequest.onErrorOccurred.removeListener(own.onErrorOccurred);
      tabs.delete(tabId);
    },
  };
}

export type CloseLook = ReturnType<typeof createCloseLook>;

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

/** Where service providers receive a SAML answer: addresses that name SAML in their path. */
export const SAML_ENDPOINTS = ["*://*/*saml*", "*://*/*SAML*", "*://*/*Saml*"];

/** Request types people sign in with: documents, frames, fetch/XHR and the rest ("other": CORS preflights, beacons). */
export const SIGN_IN_TYPES = ["main_frame", "sub_frame", "xmlhttprequest", "other", "ping", "websocket"] as const;
/** Request types AuthLens watches for a refused status only, when the person turns it on. */
export const SUBRESOURCE_TYPES = ["image", "script", "stylesheet", "font", "media", "object", "csp_report"] as const;

/**
 * Chrome declares `extraHeaders` in this enum; Firefox does not have the value at all. Where it is
 * declared, the browser hides `Cookie`, `Set-Cookie` and CORS preflights from listeners without it.
 */
export function browserSupportsExtraHeaders(): boolean {
  const options = (globalThis as { chrome?: { webRequest?: { OnSendHeadersOptions?: Record<string, string> } } }).chrome?.webRequest
    ?.OnSendHeadersOptions;
  return options?.EXTRA_HEADERS === "extraHeaders";
}
