/**
 * Builders for webRequest events and evidence, shared by every unit test: a realistic default,
 * overridden field by field (`makeResponse({ statusCode: 401, type: "xmlhttprequest" })`).
 */
import type { CookieSnapshot } from "../core/cookie-snapshot";
import type { FailureEvidence } from "../core/evidence";
import { gatherEvidence } from "../core/evidence";
import type { HttpHeader } from "../core/http-header";
import type { ResponseEvent, SentRequestEvent } from "../platform/web-request";

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

export function makeRequest(overrides: Partial<SentRequestEvent> = {}): SentRequestEvent {
  return {
    requestId: "1001",
    tabId: 7,
    requestHeaders: headers(["Accept", "application/json"], ["User-Agent", "Mozilla/5.0"]),
    ...overrides,
  };
}

/**
 * Evidence as the worker gathers it from a response and the headers its request carried: seen, as
 * when AuthLens looks closer at a tab, or `null` for a request whose headers were not watched (the
 * default), whose `Set-Cookie` Chrome then hides too unless `setCookie` says otherwise (Firefox).
 */
export function makeEvidence(response: Partial<ResponseEvent> = {}, requestHeaders: HttpHeader[] | null = makeRequest().requestHeaders ?? [], setCookie = requestHeaders !== null): FailureEvidence {
  return gatherEvidence(makeResponse(response), { request: requestHeaders, setCookie });
}

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
