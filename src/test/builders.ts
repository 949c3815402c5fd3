/**
 * Builders for webRequest events and evidence, shared by every unit test: a realistic default,
 * overridden field by field (`makeResponse({ statusCode: 401, type: "xmlhttprequest" })`).
 */
import type { CookieSnapshot } from "../core/cookies/cookie-snapshot";
import type { FailureEvidence } from "../core/diagnosis/evidence";
import { gatherEvidence } from "../core/diagnosis/evidence";
import type { HttpHeader } from "../core/headers/http-header";
import type { RequestEndEvent, ResponseEvent, SentRequestEvent } from "../platform/web-request";

/** Headers written as a server sends them, in order. */
export const headers = (...pairs: [string, string][]): HttpHeader[] => pairs.map(([name, value]) => ({ name, value }));

export function makeResponse(overrides: Partial<ResponseEvent> = {}): ResponseEvent {
  return {
    requestId: "1001",
    tabId: 7,
    frameId: 0,
    url: "https://app.example.com/api/me",
    method: "GET",
    statusCode: 401,
    statusLine: "HTTP/1.1 401 Unauthorized",
    type: "xmlhttprequest",
    initiator: "https://app.example.com",
    timeStamp: Date.parse("2026-11-22T12:00:00Z"),
    responseHeaders: headers(["Date", "Sun, 22 Nov 2026 12:00:00 GMT"], ["Content-Type", "application/json"]),
    ...overrides,
  };
}

export function makeRequest(overrides: Partial<SentRequestEvent & { url: string; type: string }> = {}): SentRequestEvent {
  return {
    requestId: "1001",
    tabId: 7,
    requestHeaders: headers(["Accept", "application/json"], ["User-Agent", "Mozilla/5.0"]),
    ...overrides,
  };
}

/** A request that ended without a response AuthLens saw: by default, a cross-origin fetch Chrome failed its CORS check for. */
export function makeNetworkError(overrides: Partial<RequestEndEvent> = {}): RequestEndEvent {
  return {
    requestId: "1001",
    tabId: 7,
    frameId: 0,
    url: "https://api.example.net/v1/me",
    method: "GET",
    type: "xmlhttprequest",
    error: "net::ERR_FAILED",
    initiator: "https://app.example.com",
    timeStamp: Date.parse("2026-11-22T12:00:00Z"),
    ...overrides,
  };
}

/**
 * Evidence as the worker gathers it from a response and the headers its request carried. By
 * default everything is seen, as in Firefox or a tab AuthLens looks closer at in Chrome; `seen`
 * says otherwise: Chrome's default hides `Cookie` and `Set-Cookie` (`{ cookie: false, setCookie:
 * false }`), and `requestHeaders: null` is a request whose headers were not seen at all.
 */
export function makeEvidence(
  response: Partial<ResponseEvent> = {},
  requestHeaders: HttpHeader[] | null = makeRequest().requestHeaders ?? [],
  seen: { cookie?: boolean; setCookie?: boolean } = {},
): FailureEvidence {
  const cookie = seen.cookie ?? requestHeaders !== null;
  return gatherEvidence(makeResponse(response), { request: requestHeaders, cookie, setCookie: seen.setCookie ?? cookie });
}

/** What Chrome shows a listener without `extraHeaders`: request headers without `Cookie`, and no `Set-Cookie`. */
export const CHROME_DEFAULT = { cookie: false, setCookie: false } as const;

/** A cookie as the cookies API describes it, with a value and an expiry an hour ahead. */
export function makeCookie(overrides: Partial<CookieSnapshot> = {}): CookieSnapshot {
  return {
    name: "sid",
    value: "v",
    domain: "app.example.com",
    hostOnly: true,
    path: "/",
    secure: false,
    httpOnly: false,
    sameSite: "lax",
    session: false,
    expirationDate: 1795780800.5,
    storeId: "0",
    ...overrides,
  };
}
