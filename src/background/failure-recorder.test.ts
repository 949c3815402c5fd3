import { describe, expect, it } from "vitest";
import { diagnose } from "../test/diagnose";
import { createTabStore } from "../platform/tab-store";
import { createCloseLook, createSubresourceWatch, SIGN_IN_TYPES, SUBRESOURCE_TYPES, watchRequests, type PostedEvent, type RedirectEvent, type RequestEndEvent, type ResponseEvent, type SentRequestEvent, type WebRequestPort } from "../platform/web-request";
import type { SessionCookieEvent } from "../core/sign-in/session-cookies";
import { headers, makeNetworkError, makeRequest, makeResponse } from "../test/builders";
import { fakeStorageArea } from "../test/fake-storage";
import { createFailureRecorder } from "./failure-recorder";
import type { JarCookie } from "../core/cookies/cookie-jar";
import type { CookieChange } from "../core/cookies/jar-evidence";
import { createFixWatch } from "./fix-watch";
import { createOwnActions } from "./own-actions";
import { createSignInPages } from "../platform/sign-in-pages";
import { createRecoveryWatch } from "./recovery-watch";

/** A webRequest event that keeps its listeners with their filters, and fires each matching one, as the real one does. */
function mockEvent<T extends { tabId?: number; type?: string }>() {
  const event = {
    listeners: [] as { callback: (details: T) => void; tabId: number | undefined; types: string[] | undefined; extraInfoSpec: string[] }[],
    addListener(callback: (details: T) => void, filter: { types?: string[]; tabId?: number }, extraInfoSpec: string[] = []) {
      event.listeners.push({ callback, tabId: filter.tabId, types: filter.types, extraInfoSpec });
    },
    removeListener(callback: (details: T) => void) {
      event.listeners = event.listeners.filter((l) => l.callback !== callback);
    },
    /** What each listener asked for: its filter's tab and types, and its extra info. */
    get calls() {
      return event.listeners.map(({ tabId, types, extraInfoSpec }) => ({ ...(tabId === undefined ? {} : { tabId }), types, extraInfoSpec }));
    },
    fire(details: T) {
      for (const l of event.listeners) if ((l.tabId === undefined || l.tabId === details.tabId) && (!l.types || l.types.includes(details.type ?? "xmlhttprequest"))) l.callback(details);
    },
  };
  return event;
}

function setup({ watchingSockets = undefined as ((tabId: number) => boolean) | undefined, handledMs = 0, extraHeaders = true, jar = [] as JarCookie[] | null, statuses = [401, 403, 407, 419, 440], ignoredSites = [] as string[], openTabs = null as Set<number> | null, changes = [] as CookieChange[], sessionEvents = [] as SessionCookieEvent[] } = {}) {
  const notified: number[] = [];
  const socketWatches: number[] = [];
  const refusedCookies: { name: string; domain: string; hostOnly: boolean; path: string; reason: string }[] = [];
  const area = fakeStorageArea();
  const store = createTabStore(area);
  const badges = new Map<number, number>();
  const badgeCalls: number[] = [];
  const errors: string[] = [];
  let n = 0;
  const webRequest = { onSendHeaders: mockEvent<SentRequestEvent & { type?: string }>(), onHeadersReceived: mockEvent<ResponseEvent>(), onErrorOccurred: mockEvent<RequestEndEvent>(), onBeforeRedirect: mockEvent<RedirectEvent>(), onBeforeRequest: mockEvent<PostedEvent>() };
  const port = webRequest as unknown as WebRequestPort;
  const closeLook = createCloseLook(port, { onSendHeaders: (d) => recorder.closeLook.onSendHeaders(d), onHeadersReceived: (d) => recorder.closeLook.onHeadersReceived(d), onErrorOccurred: (d) => recorder.closeLook.onErrorOccurred(d) }, extraHeaders);
  const badge = { show: async (tabId: number, count: number) => void (badgeCalls.push(tabId), badges.set(tabId, count)) };
  const fixWatch = createFixWatch({ area: fakeStorageArea(), store, badge, changed: (tabId) => void notified.push(tabId), logError: (message) => errors.push(message) });
  const ownActions = createOwnActions();
  const signInPages = createSignInPages(fakeStorageArea(), (message) => errors.push(message));
  const recovery = createRecoveryWatch({ store, badge, changed: (tabId, { banner }) => void (banner && notified.push(tabId)), logError: (message) => errors.push(message) });
  const recorder = createFailureRecorder({
    store,
    badge,
    fixWatch,
    ownActions,
    signInPages,
    recovery,
    handledMs,
    diagnose,
    readJar: async () => jar,
    cookieChanges: () => changes,
    lookingCloser: (tabId) => closeLook.has(tabId),
    hidesCookieHeaders: extraHeaders,
    preferences: async () => ({ statuses, ignoredSites }),
    notifyTab: (tabId) => void notified.push(tabId),
    reportChanged: () => undefined,
    newId: () => `id-${++n}`,
    tabExists: async (tabId) => openTabs?.has(tabId) ?? true,
    tabUrl: async () => null,
    sessionEvents: async () => sessionEvents,
    cookieRefused: (c) => void refusedCookies.push(c),
    watchSockets: (tabId) => void socketWatches.push(tabId),
    ...(watchingSockets ? { watchingSockets } : {}),
    logError: (message) => errors.push(message),
    batchMs: 5,
  });
  watchRequests(port, recorder.everyTab);
  return { socketWatches, refusedCookies, area, store, badges, badgeCalls, errors, recorder, webRequest, notified, closeLook, fixWatch, ownActions, signInPages };
}

const cookie = (overrides: Partial<JarCookie> = {}): JarCookie => ({ name: "sid", domain: "app.example.com", hostOnly: true, path: "/", secure: true, httpOnly: true, sameSite: "lax", session: false, partitioned: false, ...overrides });

describe("failure recorder", () => {
  it("by default listens to request headers, responses and errors of sign-in request types, without extraHeaders", () => {
    const { webRequest } = setup();
    expect(webRequest.onSendHeaders.calls).toEqual([{ types: [...SIGN_IN_TYPES], extraInfoSpec: ["requestHeaders"] }]);
    expect(webRequest.onHeadersReceived.calls).toEqual([{ types: [...SIGN_IN_TYPES], extraInfoSpec: ["responseHeaders"] }]);
    expect(webRequest.onErrorOccurred.calls).toEqual([{ types: [...SIGN_IN_TYPES], extraInfoSpec: [] }]);
    // Top-level redirects, to follow a navigation the site turns into a sign-in.
    expect(webRequest.onBeforeRedirect.calls).toEqual([{ types: ["main_frame"], extraInfoSpec: [] }]);
  });

  it("looking closer at a tab adds extraHeaders listeners filtered to that tab, and takes them away after", () => {
    const { webRequest, closeLook } = setup();
    closeLook.add(9);
    closeLook.add(9);
    expect(webRequest.onSendHeaders.calls[1]).toEqual({ tabId: 9, types: [...SIGN_IN_TYPES], extraInfoSpec: ["requestHeaders", "extraHeaders"] });
    expect(webRequest.onHeadersReceived.calls[1]).toEqual({ tabId: 9, types: [...SIGN_IN_TYPES], extraInfoSpec: ["responseHeaders", "extraHeaders"] });
    expect(webRequest.onErrorOccurred.calls[1]).toEqual({ tabId: 9, types: [...SIGN_IN_TYPES], extraInfoSpec: [] });
    expect(webRequest.onSendHeaders.calls).toHaveLength(2);
    // Firefox shows cookie headers without it, and rejects the value.
    const firefox = setup({ extraHeaders: false });
    firefox.closeLook.add(9);
    expect(firefox.webRequest.onSendHeaders.calls.map((c) => c.extraInfoSpec)).toEqual([["requestHeaders"], ["requestHeaders"]]);
    closeLook.remove(9);
    expect([webRequest.onSendHeaders.calls.length, webRequest.onErrorOccurred.calls.length, webRequest.onHeadersReceived.calls.length]).toEqual([1, 1, 1]);
  });

  it("watches images, scripts, styles and fonts only while the setting is on", () => {
    const { webRequest, recorder } = setup();
    const watch = createSubresourceWatch(webRequest, recorder.everyTab.onHeadersReceived, true);
    watch.set(true);
    watch.set(true);
    expect(webRequest.onHeadersReceived.calls.slice(1)).toEqual([{ types: [...SUBRESOURCE_TYPES], extraInfoSpec: ["responseHeaders", "extraHeaders"] }]);
    watch.set(false);
    expect(webRequest.onHeadersReceived.calls).toHaveLength(1);
  });

  it("by default records a 401 with its Authorization seen and the cookies presumed from the jar (Chrome hides Cookie)", async () => {
    const { webRequest, recorder, store, badges } = setup({ jar: [cookie({ name: "connect.sid", secure: false })] });
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Authorization", "Basic YWxpY2U6c2VjcmV0"], ["Accept", "*/*"]) }));
    webRequest.onHeadersReceived.fire(makeResponse({ responseHeaders: headers(["Date", "Sun, 22 Nov 2026 12:00:00 GMT"], ["WWW-Authenticate", 'Basic realm="app"']) }));
    await recorder.idle();
    const { failures } = await store.read(7);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ url: "https://app.example.com/api/me", status: 401, cause: "wrong-credentials" });
    expect(failures[0]?.details.sent).toMatchObject({ seen: true, cookieNames: ["connect.sid"], cookiesFrom: "jar", authorizationScheme: "Basic" });
    expect(failures[0]?.details.response.setCookiesFrom).toBe("jar-changes");
    expect(JSON.stringify(failures)).not.toContain("YWxpY2U6c2VjcmV0");
    expect(badges.get(7)).toBe(1);
  });

  it("in Firefox, which shows Cookie and Set-Cookie to every listener, sees them by default", async () => {
    const { webRequest, recorder, store } = setup({ extraHeaders: false });
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Cookie", "sid=old; sid=new"]) }));
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.details.sent).toMatchObject({ seen: true, cookieNames: ["sid", "sid"], cookiesFrom: "header" });
    expect(failure?.details.response.setCookiesFrom).toBe("header");
    expect(failure?.cause).toBe("stale-cookie");
  });

  it("marks a request whose headers it did not see (it began before the worker listened) as unseen, claiming nothing about them", async () => {
    const { webRequest, recorder, store } = setup();
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.details.sent).toMatchObject({ seen: false, authorizationScheme: null });
    expect(failure?.evidence.map((e) => e.seen)).toContain("Request headers not seen");
    expect(failure?.confidence).toBeLessThanOrEqual(0.6);
  });

  it("notices a cross-origin fetch Chrome failed as it fails CORS, apart from the failures: no badge, no banner", async () => {
    const { webRequest, recorder, store, badges, notified } = setup();
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU3ODA4MDB9.c2ln"]) }));
    webRequest.onErrorOccurred.fire(makeNetworkError());
    await recorder.idle();
    const record = await store.read(7);
    expect(record.failures).toEqual([]);
    expect(record.blocked).toHaveLength(1);
    expect(record.blocked?.[0]).toMatchObject({ url: "https://api.example.net/v1/me", initiator: "https://app.example.com", error: "net::ERR_FAILED", sent: { authorizationScheme: "Bearer", token: { kind: "jwt", claims: { exp: 1795780800 } } } });
    expect(JSON.stringify(record)).not.toContain("c2ln");
    expect(badges.size).toBe(0);
    expect(notified).toEqual([]);
  });

  it.each([
    ["a same-origin call", { url: "https://app.example.com/api/me" }],
    ["another network error", { error: "net::ERR_CONNECTION_REFUSED" }],
    ["a page load", { type: "main_frame" }],
    ["a call with no tab", { tabId: -1 }],
  ])("does not notice %s as blocked", async (_what, overrides) => {
    const { webRequest, recorder, area } = setup();
    webRequest.onErrorOccurred.fire(makeNetworkError(overrides));
    await recorder.idle();
    expect(area.data).toEqual({});
  });

  it("leaves blocked calls to the failures in Firefox, which shows every answer", async () => {
    const { webRequest, recorder, area } = setup({ extraHeaders: false });
    webRequest.onErrorOccurred.fire(makeNetworkError());
    await recorder.idle();
    expect(area.data).toEqual({});
  });

  it("a refusal seen closer replaces the blocked call it explains", async () => {
    const { webRequest, recorder, store, closeLook } = setup();
    webRequest.onErrorOccurred.fire(makeNetworkError({ requestId: "1" }));
    await recorder.idle();
    expect((await store.read(7)).blocked).toHaveLength(1);
    closeLook.add(7);
    webRequest.onSendHeaders.fire(makeRequest({ requestId: "2" }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", url: "https://api.example.net/v1/me", initiator: "https://app.example.com" }));
    await recorder.idle();
    const record = await store.read(7);
    expect(record.blocked).toBeUndefined();
    expect(record.failures.map((f) => f.url)).toEqual(["https://api.example.net/v1/me"]);
  });

  it("a request sent before a closer look began is not credited with the Cookie header it was not seen with", async () => {
    const { webRequest, recorder, store, closeLook } = setup();
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Accept", "*/*"]) }));
    closeLook.add(7);
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.details.sent).toMatchObject({ seen: true, cookiesFrom: "jar" });
    expect(failure?.details.response.setCookiesFrom).toBe("header");
  });

  it("reads what the 401 did to the jar from its changes, where Set-Cookie is hidden", async () => {
    const time = makeResponse().timeStamp;
    const removed: CookieChange = { ...cookie({ name: "sessionid", secure: false }), removed: true, cause: "expired_overwrite", time: time + 20 };
    const { webRequest, recorder, store } = setup({ jar: [], changes: [removed] });
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.cause).toBe("session-expired");
    expect(failure?.details.response.setCookies.map((c) => [c.name, c.clears])).toEqual([["sessionid", true]]);
  });

  it("looking closer, records a 401 with what its request carried", async () => {
    const { webRequest, recorder, store, closeLook } = setup();
    closeLook.add(7);
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Cookie", "sid=secret"]) }));
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const { failures } = await store.read(7);
    // Once: the default listener leaves a tab looked closer at to the closer look's own.
    expect(failures).toHaveLength(1);
    expect(failures[0]?.details.sent).toMatchObject({ seen: true, cookieNames: ["sid"], cookiesFrom: "header" });
    expect(failures[0]?.details.response.setCookiesFrom).toBe("header");
  });

  it("a failure seen closer replaces the less well seen ones of its address; other addresses stay", async () => {
    const { webRequest, recorder, store, closeLook } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "1" }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", url: "https://app.example.com/api/other" }));
    await recorder.idle();
    closeLook.add(7);
    webRequest.onSendHeaders.fire(makeRequest({ requestId: "3", requestHeaders: headers(["Authorization", "Bearer x.y.z"]) }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "3" }));
    await recorder.idle();
    const { failures } = await store.read(7);
    expect(failures.map((f) => [f.url, f.details.sent.cookiesFrom])).toEqual([
      ["https://app.example.com/api/other", "jar"],
      ["https://app.example.com/api/me", "header"],
    ]);
  });

  it.each([200, 204, 302, 304, 400, 404, 500])("records nothing, and touches no storage, for a %i", async (statusCode) => {
    const { webRequest, recorder, area, badges, closeLook } = setup();
    let storageCalls = 0;
    for (const method of ["get", "set", "remove"] as const) {
      const real = area[method].bind(area) as (...args: unknown[]) => Promise<never>;
      area[method] = (...args: unknown[]) => (storageCalls++, real(...args));
    }
    webRequest.onSendHeaders.fire(makeRequest());
    webRequest.onHeadersReceived.fire(makeResponse({ statusCode }));
    // And looking closer: the request's headers are held until its response, then let go.
    closeLook.add(8);
    webRequest.onSendHeaders.fire(makeRequest({ requestId: "2", tabId: 8 }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", tabId: 8, statusCode }));
    await recorder.idle();
    expect(storageCalls).toBe(0);
    expect(badges.size).toBe(0);
  });

  it.each([401, 403, 407, 419, 440])("records a %i", async (statusCode) => {
    const { webRequest, recorder, store } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ statusCode }));
    await recorder.idle();
    expect((await store.read(7)).failures.map((f) => f.status)).toEqual([statusCode]);
  });

  it("ignores requests with no tab (a site's service worker, the browser itself)", async () => {
    const { webRequest, recorder, area } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ tabId: -1 }));
    await recorder.idle();
    expect(area.data).toEqual({});
  });

  it("forgets a request's headers once it completes or fails, so nothing piles up", async () => {
    const { webRequest, recorder, store, closeLook } = setup();
    closeLook.add(7);
    webRequest.onSendHeaders.fire(makeRequest({ requestId: "a", requestHeaders: headers(["Authorization", "Bearer x.y.z"]) }));
    webRequest.onErrorOccurred.fire(makeNetworkError({ requestId: "a", error: "net::ERR_ABORTED" }));
    // A later event with the same id (which Chrome would not send) must not see the old headers.
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "a" }));
    await recorder.idle();
    expect((await store.read(7)).failures[0]?.details.sent.authorizationScheme).toBeNull();
  });

  it("starts over when the tab's page moves to another site, and keeps failures within a site", async () => {
    const { webRequest, recorder, store, badges } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ type: "main_frame", url: "https://app.example.com/" }));
    await recorder.idle();
    await recorder.onTopLevelCommitted(7, "https://www.example.com/login");
    expect((await store.read(7)).failures).toHaveLength(1);
    expect(badges.get(7)).toBe(1);
    await recorder.onTopLevelCommitted(7, "https://other.org/");
    expect((await store.read(7)).failures).toHaveLength(0);
    expect(badges.get(7)).toBe(0);
  });

  it("puts the banner back on the site's next page (a reload), not on another site's", async () => {
    const { webRequest, recorder, notified } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ type: "main_frame", url: "https://app.example.com/" }));
    await recorder.idle();
    notified.length = 0;
    await recorder.onTopLevelCommitted(7, "https://app.example.com/");
    await recorder.onTopLevelCommitted(7, "https://www.example.com/help");
    expect(notified).toEqual([7, 7]);
    await recorder.onTopLevelCommitted(7, "https://other.org/");
    await recorder.onTopLevelCommitted(8, "https://app.example.com/"); // a tab with no record
    expect(notified).toEqual([7, 7]);
  });

  it("forgets a closed tab", async () => {
    const { webRequest, recorder, area } = setup();
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    await recorder.onTabRemoved(7);
    expect(area.data).toEqual({});
  });

  it("keeps nothing for a tab that closed before its failure was stored", async () => {
    const openTabs = new Set([7]);
    const { webRequest, recorder, area, badges } = setup({ openTabs });
    webRequest.onHeadersReceived.fire(makeResponse());
    openTabs.delete(7);
    await recorder.onTabRemoved(7);
    await recorder.idle();
    expect(area.data).toEqual({});
    expect(badges.has(7)).toBe(false);
  });

  it("reports a storage failure instead of throwing from the listener", async () => {
    const { webRequest, recorder, area, errors } = setup();
    area.failNextSet = new Error("IO error: the storage backend is gone");
    expect(() => webRequest.onHeadersReceived.fire(makeResponse())).not.toThrow();
    await recorder.idle();
    expect(errors).toEqual(["could not record the 401 for a xmlhttprequest request"]);
  });

  it("weighs the site's cookie jar: a shadowing cookie makes it a stale-cookie diagnosis", async () => {
    const { webRequest, recorder, store, closeLook } = setup({ jar: [cookie({ domain: ".example.com", hostOnly: false }), cookie({ path: "/api" })] });
    closeLook.add(7);
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Cookie", "sid=old; sid=new"]) }));
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.cause).toBe("stale-cookie");
    expect(failure?.details.jar?.duplicateNames).toEqual(["sid"]);
    expect(failure?.details.jar?.applicable.map((c) => c.path)).toEqual(["/api", "/"]);
  });

  it("counts repeated refusals of one address as a sign-in loop", async () => {
    const { webRequest, recorder, store } = setup({ jar: [cookie()] });
    for (let i = 0; i < 3; i++) {
      webRequest.onHeadersReceived.fire(makeResponse({ requestId: `r${i}`, timeStamp: Date.parse("2026-11-22T12:00:00Z") + i * 1000 }));
    }
    await recorder.idle();
    const failures = (await store.read(7)).failures;
    expect(failures.map((f) => f.details.repeats)).toEqual([0, 1, 2]);
    expect(failures[2]?.fixes[0]).toBe("clear-site-cookies");
  });

  it("records only the statuses the person chose, and nothing for ignored sites", async () => {
    const some = setup({ statuses: [401] });
    some.webRequest.onHeadersReceived.fire(makeResponse({ statusCode: 403 }));
    some.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", statusCode: 401 }));
    await some.recorder.idle();
    expect((await some.store.read(7)).failures.map((f) => f.status)).toEqual([401]);
    const ignoring = setup({ ignoredSites: ["example.com"] });
    ignoring.webRequest.onHeadersReceived.fire(makeResponse());
    await ignoring.recorder.idle();
    expect(ignoring.area.data).toEqual({});
  });

  it("records the failures a page makes together in one storage write, one badge update and one word to the page", async () => {
    const { webRequest, recorder, store, area, badgeCalls, notified } = setup();
    let writes = 0;
    const set = area.set.bind(area);
    area.set = (items) => (writes++, set(items));
    for (let i = 0; i < 5; i++) webRequest.onHeadersReceived.fire(makeResponse({ requestId: `r${i}`, url: `https://app.example.com/api/${i}` }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "other-tab", tabId: 8 }));
    await recorder.idle();
    expect((await store.read(7)).failures.map((f) => f.url)).toEqual([0, 1, 2, 3, 4].map((i) => `https://app.example.com/api/${i}`));
    expect(writes).toBe(2); // one per tab
    expect(badgeCalls.sort()).toEqual([7, 8]);
    expect(notified.sort()).toEqual([7, 8]);
  });

  it("tells the page's content script about failures of the page or its fetches, not of images", async () => {
    const { webRequest, recorder, notified } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ type: "image" }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", type: "xmlhttprequest" }));
    await recorder.idle();
    expect(notified).toEqual([7]);
  });

  describe("sign-in redirects", () => {
    const page = "https://app.example.com/notes/";
    const login = "https://app.example.com/accounts/login/?next=/notes/";
    /** A top-level navigation to `page` that the site answers with 302 to its login page. */
    function redirectToLogin(webRequest: ReturnType<typeof setup>["webRequest"], requestId = "nav1") {
      webRequest.onSendHeaders.fire(makeRequest({ requestId }));
      webRequest.onHeadersReceived.fire(makeResponse({ requestId, url: page, type: "main_frame", statusCode: 302, statusLine: "HTTP/1.1 302 Found", responseHeaders: headers(["Location", "/accounts/login/?next=/notes/"]) }));
      webRequest.onBeforeRedirect.fire({ requestId, tabId: 7, url: page, redirectUrl: login, statusCode: 302, type: "main_frame" });
    }

    it("records a page the site answered with a redirect to its sign-in page, once it commits there", async () => {
      const { webRequest, recorder, store, badges } = setup({ jar: [] });
      redirectToLogin(webRequest);
      await recorder.onTopLevelCommitted(7, login, ["server_redirect"]);
      await recorder.idle();
      const [failure] = (await store.read(7)).failures;
      expect(failure).toMatchObject({ url: page, status: 302, resourceType: "main_frame", cause: "missing-credentials" });
      expect(failure?.details.redirect).toMatchObject({ by: "server", chain: ["app.example.com/notes/", "app.example.com/accounts/login/?next"] });
      expect(failure?.fixes[0]).toBe("sign-in");
      expect(failure?.details.signIn).toEqual({ url: page, from: "again" });
      expect(badges.get(7)).toBe(1);
    });

    it("says the session ended when the site deleted its session cookie on the way", async () => {
      const removed: CookieChange = { ...cookie({ name: "sessionid" }), removed: true, cause: "expired_overwrite", time: makeResponse().timeStamp + 10 };
      const { webRequest, recorder, store } = setup({ jar: [cookie({ name: "csrftoken" })], changes: [removed] });
      redirectToLogin(webRequest);
      await recorder.onTopLevelCommitted(7, login, ["server_redirect"]);
      await recorder.idle();
      const [failure] = (await store.read(7)).failures;
      expect(failure?.cause).toBe("session-expired");
      expect(failure?.summary).toContain('deleted your "sessionid" cookie');
    });

    it("says when the session cookie expired, from the session timeline", async () => {
      const at = makeResponse().timeStamp;
      const expired: SessionCookieEvent = { name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", removed: true, cause: "expired", time: at - 170_000, expiredAt: at - 180_000 };
      const { webRequest, recorder, store } = setup({ jar: [], sessionEvents: [expired] });
      redirectToLogin(webRequest);
      await recorder.onTopLevelCommitted(7, login, ["server_redirect"]);
      await recorder.idle();
      const [failure] = (await store.read(7)).failures;
      expect(failure?.cause).toBe("session-expired");
      expect(failure?.summary).toBe('Your session on app.example.com ended: your "sessionid" cookie expired 3 minutes before this.');
      expect(failure?.details.sessionEnding).toEqual({ name: "sessionid", how: "expired", time: at - 180_000 });
    });

    it("records nothing for a redirect that is not to a sign-in page, nor for one from a sign-out", async () => {
      const { webRequest, recorder, area } = setup();
      webRequest.onBeforeRedirect.fire({ requestId: "a", tabId: 7, url: "https://app.example.com/notes", redirectUrl: "https://app.example.com/notes/", statusCode: 301, type: "main_frame" });
      await recorder.onTopLevelCommitted(7, "https://app.example.com/notes/", ["server_redirect"]);
      webRequest.onBeforeRedirect.fire({ requestId: "b", tabId: 7, url: "https://app.example.com/logout", redirectUrl: "https://app.example.com/login", statusCode: 302, type: "main_frame" });
      await recorder.onTopLevelCommitted(7, "https://app.example.com/login", ["server_redirect"]);
      await recorder.idle();
      expect(area.data).toEqual({});
    });

    it("forgets the site's sign-in redirects once a sign-in finishes", async () => {
      const { webRequest, recorder, store, badges } = setup();
      redirectToLogin(webRequest);
      await recorder.onTopLevelCommitted(7, login, ["server_redirect"]);
      await recorder.idle();
      expect((await store.read(7)).failures).toHaveLength(1);
      // The sign-in form is posted, and the site sends the person on to the page they asked for.
      webRequest.onBeforeRedirect.fire({ requestId: "post", tabId: 7, url: login, redirectUrl: page, statusCode: 302, type: "main_frame" });
      await recorder.onTopLevelCommitted(7, page, ["server_redirect"]);
      await recorder.idle();
      expect((await store.read(7)).failures).toHaveLength(0);
      expect(badges.get(7)).toBe(0);
    });

    it("records Chrome giving up on a loop between an app and its identity provider, as one failure", async () => {
      const { webRequest, recorder, store } = setup();
      const hops = ["https://id.example.org/auth?client_id=a&response_type=code&redirect_uri=x&scope=openid", "https://app.example.com/callback?code=c&state=s", page];
      let from = page;
      for (let i = 0; i < 9; i++) {
        const to = hops[i % 3]!;
        webRequest.onBeforeRedirect.fire({ requestId: "loop", tabId: 7, url: from, redirectUrl: to, statusCode: 302, type: "main_frame" });
        from = to;
      }
      webRequest.onErrorOccurred.fire(makeNetworkError({ requestId: "loop", url: page, type: "main_frame", error: "net::ERR_TOO_MANY_REDIRECTS", initiator: undefined }));
      // Chrome then shows its error page: not a navigation the watch judges again.
      await recorder.onTopLevelCommitted(7, page, null);
      await recorder.idle();
      const failures = (await store.read(7)).failures;
      expect(failures).toHaveLength(1);
      expect(failures[0]?.summary).toMatch(/^Sign-in loop between app.example.com and id.example.org/);
      expect(failures[0]?.fixes[0]).toBe("clear-site-cookies");
      expect(failures[0]?.confidence).toBeLessThanOrEqual(0.5);
    });
  });
});

describe("closing the loop after a fix", () => {
  const at = () => Date.now();
  /** A refusal of the tab's API call, now, with a session cookie in the jar. */
  async function refuse(s: ReturnType<typeof setup>, requestId: string) {
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId, timeStamp: at(), responseHeaders: headers(["Date", new Date().toUTCString()]) }));
    await s.recorder.idle();
    return (await s.store.read(7)).failures;
  }

  it("marks the failure fixed when the same request next answers normally, and the badge drops it", async () => {
    const s = setup({ jar: [cookie({ name: "sessionid" })] });
    const [failure] = await refuse(s, "r1");
    expect(s.badges.get(7)).toBe(1);
    await s.fixWatch.start({ tabId: 7, fix: "sign-in", at: at(), until: at() + 60_000, failureIds: [failure!.id], endpoints: ["GET https://app.example.com/api/me"] });
    expect((await s.store.read(7)).failures[0]?.outcome).toMatchObject({ fix: "sign-in", state: "waiting" });
    // Another request answering normally settles nothing; the one that failed does.
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "r2", url: "https://app.example.com/api/other", statusCode: 200 }));
    await new Promise((r) => setTimeout(r, 20));
    expect((await s.store.read(7)).failures[0]?.outcome?.state).toBe("waiting");
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "r3", statusCode: 200 }));
    await expect.poll(async () => (await s.store.read(7)).failures[0]?.outcome?.state).toBe("fixed");
    expect(s.badges.get(7)).toBe(0);
    expect(s.notified).toContain(7);
  });

  it("when the site refuses the same request again, says the fix did not help and offers the next one first", async () => {
    const s = setup({ jar: [cookie({ name: "sessionid" })] });
    const [first] = await refuse(s, "r1");
    expect(first?.fixes[0]).toBe("sign-in");
    await s.fixWatch.start({ tabId: 7, fix: "sign-in", at: at() - 10, until: at() + 60_000, failureIds: [first!.id], endpoints: ["GET https://app.example.com/api/me"] });
    const [before, again] = await refuse(s, "r2");
    expect(before?.outcome).toMatchObject({ fix: "sign-in", state: "not-fixed" });
    expect(again?.after).toMatchObject({ kind: "sign-in", notHelped: true });
    expect(again?.fixes.at(-1)).toBe("sign-in");
    expect(again?.fixes[0]).not.toBe("sign-in");
    // The superseded card is not counted twice.
    expect(s.badges.get(7)).toBe(1);
  });

  it("takes a refusal that follows AuthLens's own reload as caused by it: marked after it, and no repeat", async () => {
    const s = setup({ jar: [cookie({ name: "sessionid" })] });
    await refuse(s, "r1");
    await refuse(s, "r2");
    s.ownActions.note(7, "undo");
    const failures = await refuse(s, "r3");
    expect(failures.map((f) => f.details.repeats)).toEqual([0, 1, 0]);
    expect(failures[2]?.after).toMatchObject({ kind: "undo" });
    // The cause says no loop: two refusals by the person are not three.
    expect(failures[2]?.evidence.some((e) => /times in two minutes/.test(e.seen))).toBe(false);
  });
});

describe("422", () => {
  const statuses = [401, 403, 407, 419, 422, 440];
  it("is kept only as an anti-forgery refusal: a page's change sent with a session cookie and no anti-forgery header", async () => {
    const s = setup({ statuses, jar: [cookie({ name: "_notes_session" })] });
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "a" }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "a", method: "POST", statusCode: 422 }));
    // A form the site could not accept: a change that carried its anti-forgery token, or a read.
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "b", requestHeaders: headers(["X-CSRF-Token", "planted"]) }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "b", method: "POST", statusCode: 422, url: "https://app.example.com/api/notes" }));
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "c" }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "c", method: "GET", statusCode: 422, url: "https://app.example.com/api/search" }));
    await s.recorder.idle();
    expect((await s.store.read(7)).failures.map((f) => [f.method, f.url, f.cause])).toEqual([["POST", "https://app.example.com/api/me", "csrf"]]);
  });

  it("is dropped when nothing says anti-forgery (no session cookie went)", async () => {
    const s = setup({ statuses, jar: [] });
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "a" }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "a", method: "POST", statusCode: 422 }));
    await s.recorder.idle();
    expect((await s.store.read(7)).failures).toEqual([]);
  });
});

describe("refusals the page handles itself", () => {
  const at = () => Date.now();
  const token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDAwMDB9.c2ln"; // expired long ago
  const refuse = (s: ReturnType<typeof setup>, requestId: string, url = "https://app.example.com/api/data", authorization: string | null = token) => {
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId, requestHeaders: authorization ? headers(["Authorization", authorization]) : headers(["Accept", "*/*"]) }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId, url, timeStamp: at(), responseHeaders: headers(["Date", new Date().toUTCString()]) }));
  };

  it("an app that renews its expired token and tries again within moments: handled, no badge, no banner", async () => {
    const s = setup({ handledMs: 3000, jar: [cookie({ name: "sessionid" })] });
    refuse(s, "r1");
    await s.recorder.idle();
    expect(s.badges.get(7)).toBe(0);
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "r2", url: "https://app.example.com/api/data", statusCode: 200, timeStamp: at() }));
    await expect.poll(async () => (await s.store.read(7)).failures[0]?.handled?.how).toBe("renewed");
    await new Promise((r) => setTimeout(r, 150));
    expect(s.badges.get(7)).toBe(0);
    expect(s.notified).toEqual([]);
  });

  it("a page whose retry is answered before its refusal is recorded (the recorder still reading the jar) is handled all the same", async () => {
    const s = setup({ handledMs: 3000, jar: [cookie({ name: "sessionid" })] });
    refuse(s, "r1");
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "r2", url: "https://app.example.com/api/data", statusCode: 200, timeStamp: at() }));
    await s.recorder.idle();
    await expect.poll(async () => (await s.store.read(7)).failures[0]?.handled?.how).toBe("renewed");
    await new Promise((r) => setTimeout(r, 150));
    expect(s.badges.get(7)).toBe(0);
    expect(s.notified).toEqual([]);
  });

  it("a refusal the page does not answer goes on the badge and the banner once its moment is over", async () => {
    const s = setup({ handledMs: 40, jar: [cookie({ name: "sessionid" })] });
    refuse(s, "r1");
    await s.recorder.idle();
    expect(s.badges.get(7)).toBe(0);
    await expect.poll(() => s.badges.get(7)).toBe(1);
    expect(s.notified).toContain(7);
    expect((await s.store.read(7)).failures[0]?.handled).toBeUndefined();
  });

  it("a signed-out visitor's page checking for a session: handled at once, told of nowhere", async () => {
    const s = setup({ handledMs: 3000, jar: [] });
    refuse(s, "r1", "https://app.example.com/api/me", null);
    await s.recorder.idle();
    const [failure] = (await s.store.read(7)).failures;
    expect(failure).toMatchObject({ cause: "missing-credentials", handled: { how: "probe" } });
    expect(s.badges.get(7)).toBe(0);
  });

  it("is not a probe where this browser held a session for the site: the person is told", async () => {
    const ended: SessionCookieEvent = { name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", removed: true, cause: "expired", time: at() - 60_000, expiredAt: at() - 60_000 };
    const s = setup({ handledMs: 40, jar: [], sessionEvents: [ended] });
    refuse(s, "r1", "https://app.example.com/api/me", null);
    await s.recorder.idle();
    expect((await s.store.read(7)).failures[0]?.handled).toBeUndefined();
    await expect.poll(() => s.badges.get(7)).toBe(1);
  });
});

describe("a site's service worker", () => {
  it("has its refused call (tabId −1, the worker's origin as initiator) recorded in the tab whose page it serves, marked so", async () => {
    const s = setup({ jar: [cookie({ name: "sessionid" })] });
    await s.recorder.onTopLevelCommitted(3, "https://other.example.org/");
    await s.recorder.onTopLevelCommitted(7, "https://app.example.com/inbox");
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "w1", tabId: -1, initiator: "https://app.example.com", type: "xmlhttprequest" }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "w1", tabId: -1, frameId: -1, initiator: "https://app.example.com" }));
    await s.recorder.idle();
    const [failure] = (await s.store.read(7)).failures;
    expect(failure).toMatchObject({ url: "https://app.example.com/api/me", cause: "session-expired", details: { serviceWorker: true, sent: { seen: true } } });
    expect((await s.store.read(3)).failures).toEqual([]);
  });

  it("records nothing for a worker whose site no tab shows, nor for the browser's own requests", async () => {
    const s = setup();
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "w1", tabId: -1, initiator: "https://app.example.com" }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "w2", tabId: -1, initiator: undefined }));
    await s.recorder.idle();
    expect(s.errors).toEqual([]);
    expect(s.badges.size).toBe(0);
  });
});

describe("a WebSocket handshake", () => {
  it("refused (Chrome hides its answer: net::ERR_FAILED) is kept as a call whose answer was hidden, and is seen whole once AuthLens looks closer", async () => {
    const s = setup({ jar: [cookie({ name: "sid" })] });
    await s.recorder.onTopLevelCommitted(7, "https://app.example.com/chat");
    const socket = { type: "websocket", url: "wss://app.example.com/socket", initiator: "https://app.example.com" };
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "s1", ...socket }));
    s.webRequest.onErrorOccurred.fire(makeNetworkError({ requestId: "s1", ...socket, method: "GET", error: "net::ERR_FAILED" }));
    await s.recorder.idle();
    const record = await s.store.read(7);
    expect(record.failures).toEqual([]);
    expect(record.blocked).toMatchObject([{ url: "wss://app.example.com/socket", kind: "websocket" }]);
    expect(s.badges.get(7) ?? 0).toBe(0);
    // The tab's next handshakes are watched with extraHeaders, for a while.
    expect(s.socketWatches).toEqual([7]);
    // Looking closer (or that watch): the page opens it again, and its answer is there.
    s.closeLook.add(7);
    s.webRequest.onSendHeaders.fire(makeRequest({ requestId: "s2", ...socket, requestHeaders: [{ name: "Cookie", value: "sid=abc" }] }));
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "s2", ...socket, statusCode: 401, responseHeaders: [] }));
    await s.recorder.idle();
    const [failure] = (await s.store.read(7)).failures;
    expect(failure).toMatchObject({ url: "wss://app.example.com/socket", resourceType: "websocket", details: { sent: { cookiesFrom: "header", cookieNames: ["sid"] } } });
  });

  it("heard by both a closer look and the tab's socket watch, or by the default listeners too, is recorded once", async () => {
    let watched = false;
    const s = setup({ jar: [cookie({ name: "sid" })], watchingSockets: () => watched });
    await s.recorder.onTopLevelCommitted(7, "https://app.example.com/chat");
    watched = true;
    const socket = { requestId: "s3", type: "websocket", url: "wss://app.example.com/socket", statusCode: 401, responseHeaders: [] };
    // The default listener sees it too once any extraHeaders listener exists: it leaves it to the watch's.
    s.webRequest.onHeadersReceived.fire(makeResponse(socket));
    s.recorder.closeLook.onHeadersReceived(makeResponse(socket));
    s.recorder.closeLook.onHeadersReceived(makeResponse(socket));
    await s.recorder.idle();
    expect((await s.store.read(7)).failures).toHaveLength(1);
  });
});

describe("a sign-in cookie the browser refused", () => {
  it("is heard from a Set-Cookie where it is shown (Firefox; Chrome's closer look), sign-in cookies only", async () => {
    const s = setup({ extraHeaders: false });
    s.webRequest.onHeadersReceived.fire(
      makeResponse({ requestId: "p1", type: "main_frame", method: "POST", url: "http://app.example.com/login", statusCode: 302, responseHeaders: headers(["Location", "/"], ["Set-Cookie", "sessionid=abc; Path=/; Secure; HttpOnly"], ["Set-Cookie", "theme=dark; Secure"]) }),
    );
    await s.recorder.idle();
    expect(s.refusedCookies).toEqual([{ name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", reason: "secure-over-http" }]);
  });

  it("where Set-Cookie is hidden (Chrome): a sign-in form on http answered by a redirect, then a refusal with no sign-in cookie in the jar, is a sign-in the browser did not keep", async () => {
    const run = async (location: string, { url = "http://app.example.com/accounts/login/", jar = [] as JarCookie[] } = {}) => {
      const s = setup({ jar });
      const origin = new URL(url).origin;
      await s.recorder.onTopLevelCommitted(7, `${origin}/dashboard`);
      s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "p1", type: "main_frame", method: "POST", url, statusCode: 302, timeStamp: Date.now(), responseHeaders: headers(["Location", location]) }));
      s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "x1", url: `${origin}/api/me`, statusCode: 401, timeStamp: Date.now() + 50, responseHeaders: [] }));
      await s.recorder.idle();
      return (await s.store.read(7)).failures[0];
    };
    expect(await run("/dashboard")).toMatchObject({ cause: "cookies-blocked", confidence: 0.5, details: { refusedCookie: { name: "", reason: "not-kept" } } });
    // Back to the sign-in form (a wrong password), over https, or with a sign-in cookie in the jar: not this.
    expect((await run("/accounts/login/?error=1"))?.cause).not.toBe("cookies-blocked");
    expect((await run("/dashboard", { url: "https://app.example.com/accounts/login/" }))?.cause).not.toBe("cookies-blocked");
    expect((await run("/dashboard", { jar: [cookie({ name: "sessionid", secure: false })] }))?.cause).not.toBe("cookies-blocked");
  });

  it("is named in the refusal that follows, from the session timeline", async () => {
    const refused: SessionCookieEvent = { name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", removed: false, cause: "refused", time: Date.now() - 5_000, expiredAt: null, refused: "secure-over-http" };
    const s = setup({ sessionEvents: [refused] });
    await s.recorder.onTopLevelCommitted(7, "http://app.example.com/");
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "x1", url: "http://app.example.com/api/me", statusCode: 401, timeStamp: Date.now(), responseHeaders: [] }));
    await s.recorder.idle();
    const [failure] = (await s.store.read(7)).failures;
    expect(failure).toMatchObject({ cause: "cookies-blocked", fixes: ["copy-report"], details: { refusedCookie: { name: "sessionid", reason: "secure-over-http" } } });
  });
});

describe("a SAML provider's refusal", () => {
  it("posted to the app (its SAMLResponse's status), whose page then shows an error, is recorded like an OAuth error", async () => {
    const s = setup();
    const acs = "https://sp.example.com/saml/acs";
    await s.recorder.onTopLevelCommitted(7, "https://idp.example.org/sso");
    const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:NoPassive"/></samlp:StatusCode></samlp:Status></samlp:Response>`;
    s.webRequest.onBeforeRequest.fire({ requestId: "acs", tabId: 7, method: "POST", type: "main_frame", requestBody: { formData: { SAMLResponse: [Buffer.from(xml).toString("base64")], RelayState: ["https://sp.example.com/"] } } });
    s.webRequest.onHeadersReceived.fire(makeResponse({ requestId: "acs", type: "main_frame", method: "POST", url: acs, statusCode: 500, responseHeaders: [] }));
    await s.recorder.onTopLevelCommitted(7, acs);
    await s.recorder.idle();
    const [failure] = (await s.store.read(7)).failures;
    expect(failure).toMatchObject({ url: acs, cause: "missing-credentials", details: { redirect: { oauthError: { error: "saml:NoPassive" } } } });
  });
});
