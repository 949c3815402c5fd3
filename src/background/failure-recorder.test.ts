import { describe, expect, it } from "vitest";
import { classify } from "../core/classify";
import { createTabStore } from "../platform/tab-store";
import { createSubresourceWatch, SIGN_IN_TYPES, SUBRESOURCE_TYPES, watchWebRequests, type WebRequestPort } from "../platform/web-request";
import { headers, makeRequest, makeResponse } from "../test/builders";
import { fakeStorageArea } from "../test/fake-storage";
import { createFailureRecorder } from "./failure-recorder";
import type { JarCookie } from "../core/cookie-jar";

/** A webRequest event that records its listener and filter, as the real one would hold them. */
function mockEvent<T>() {
  const event = {
    listener: null as ((details: T) => void) | null,
    calls: [] as { types: string[] | undefined; extraInfoSpec: string[] }[],
    addListener(callback: (details: T) => void, filter: { types?: string[] }, extraInfoSpec: string[] = []) {
      event.listener = callback;
      event.calls.push({ types: filter.types, extraInfoSpec });
    },
    removed: 0,
    removeListener() {
      event.removed++;
    },
    fire(details: T) {
      event.listener?.(details);
    },
  };
  return event;
}

function setup({ extraHeaders = true, jar = [] as JarCookie[] | null, statuses = [401, 403, 407, 419, 440], ignoredSites = [] as string[], openTabs = null as Set<number> | null } = {}) {
  const notified: number[] = [];
  const area = fakeStorageArea();
  const store = createTabStore(area);
  const badges = new Map<number, number>();
  const errors: string[] = [];
  let n = 0;
  const recorder = createFailureRecorder({
    store,
    badge: { show: async (tabId, count) => void badges.set(tabId, count) },
    classify,
    readJar: async () => jar,
    preferences: async () => ({ statuses, ignoredSites }),
    notifyTab: (tabId) => void notified.push(tabId),
    newId: () => `id-${++n}`,
    tabExists: async (tabId) => openTabs?.has(tabId) ?? true,
    logError: (message) => errors.push(message),
  });
  const webRequest = { onSendHeaders: mockEvent(), onHeadersReceived: mockEvent(), onErrorOccurred: mockEvent() };
  watchWebRequests(webRequest as unknown as WebRequestPort, recorder, extraHeaders);
  return { area, store, badges, errors, recorder, webRequest, notified };
}

describe("failure recorder", () => {
  it("asks for extraHeaders only where the browser has it, and request headers only for sign-in request types", () => {
    const { webRequest } = setup();
    expect(webRequest.onSendHeaders.calls).toEqual([{ types: [...SIGN_IN_TYPES], extraInfoSpec: ["requestHeaders", "extraHeaders"] }]);
    expect(webRequest.onHeadersReceived.calls).toEqual([{ types: [...SIGN_IN_TYPES], extraInfoSpec: ["responseHeaders", "extraHeaders"] }]);
    expect(setup({ extraHeaders: false }).webRequest.onHeadersReceived.calls.map((c) => c.extraInfoSpec)).toEqual([["responseHeaders"]]);
  });

  it("watches images, scripts, styles and fonts only while the setting is on", () => {
    const { webRequest, recorder } = setup();
    const watch = createSubresourceWatch(webRequest as unknown as WebRequestPort, recorder.onHeadersReceived, true);
    watch.set(true);
    watch.set(true);
    expect(webRequest.onHeadersReceived.calls.slice(1)).toEqual([{ types: [...SUBRESOURCE_TYPES], extraInfoSpec: ["responseHeaders", "extraHeaders"] }]);
    watch.set(false);
    expect(webRequest.onHeadersReceived.removed).toBe(1);
  });

  it("records a 401 with what its request carried, and counts it on the badge", async () => {
    const { webRequest, recorder, store, badges } = setup();
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Cookie", "sid=secret"]) }));
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const { failures } = await store.read(7);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ url: "https://app.example.com/api/me", method: "GET", status: 401, resourceType: "xmlhttprequest", cause: "session-expired" });
    expect(failures[0]?.details.sent.cookieNames).toEqual(["sid"]);
    expect(badges.get(7)).toBe(1);
  });

  it.each([200, 204, 302, 304, 400, 404, 500])("records nothing, and touches no storage, for a %i", async (statusCode) => {
    const { webRequest, recorder, area, badges } = setup();
    let storageCalls = 0;
    for (const method of ["get", "set", "remove"] as const) {
      const real = area[method].bind(area) as (...args: unknown[]) => Promise<never>;
      area[method] = (...args: unknown[]) => (storageCalls++, real(...args));
    }
    webRequest.onSendHeaders.fire(makeRequest());
    webRequest.onHeadersReceived.fire(makeResponse({ statusCode }));
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
    webRequest.onSendHeaders.fire(makeRequest({ tabId: -1 }));
    webRequest.onHeadersReceived.fire(makeResponse({ tabId: -1 }));
    await recorder.idle();
    expect(area.data).toEqual({});
  });

  it("forgets a request's headers once it completes or fails, so nothing piles up", async () => {
    const { webRequest, recorder, store } = setup();
    webRequest.onSendHeaders.fire(makeRequest({ requestId: "a", requestHeaders: headers(["Authorization", "Bearer x.y.z"]) }));
    webRequest.onErrorOccurred.fire({ requestId: "a" });
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
    const cookie = (domain: string, hostOnly: boolean, path: string): JarCookie => ({ name: "sid", domain, hostOnly, path, secure: true, httpOnly: true, sameSite: "lax", session: false, partitioned: false });
    const { webRequest, recorder, store } = setup({ jar: [cookie(".example.com", false, "/"), cookie("app.example.com", true, "/api")] });
    webRequest.onSendHeaders.fire(makeRequest({ requestHeaders: headers(["Cookie", "sid=old; sid=new"]) }));
    webRequest.onHeadersReceived.fire(makeResponse());
    await recorder.idle();
    const [failure] = (await store.read(7)).failures;
    expect(failure?.cause).toBe("stale-cookie");
    expect(failure?.details.jar?.duplicateNames).toEqual(["sid"]);
    expect(failure?.details.jar?.applicable.map((c) => c.path)).toEqual(["/api", "/"]);
  });

  it("counts repeated refusals of one address as a sign-in loop", async () => {
    const { webRequest, recorder, store } = setup();
    for (let i = 0; i < 3; i++) {
      webRequest.onSendHeaders.fire(makeRequest({ requestId: `r${i}`, requestHeaders: headers(["Cookie", "sid=x"]) }));
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

  it("tells the page's content script about failures of the page or its fetches, not of images", async () => {
    const { webRequest, recorder, notified } = setup();
    webRequest.onHeadersReceived.fire(makeResponse({ type: "image" }));
    webRequest.onHeadersReceived.fire(makeResponse({ requestId: "2", type: "xmlhttprequest" }));
    await recorder.idle();
    expect(notified).toEqual([7]);
  });
});
