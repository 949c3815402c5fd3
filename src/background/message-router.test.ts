import { describe, expect, it, vi } from "vitest";
import { diagnose } from "../test/diagnose";
import { toFailure } from "../core/failure";
import { appendFailure } from "../core/tab-record";
import { createTabStore } from "../platform/tab-store";
import { makeEvidence } from "../test/builders";
import { fakeStorageArea } from "../test/fake-storage";
import type { Fixer } from "./fixer";
import { createMessageRouter } from "./message-router";
import { createSettingsStore } from "../platform/settings";
import { createRecentFailures, withRecentList } from "../platform/recent-failures";

const ID = "abcdefghijklmnopabcdefghijklmnop";
const ORIGIN = `chrome-extension://${ID}/`;
const popup = { id: ID, url: `${ORIGIN}src/popup/index.html` };

async function setup({ typed = false, policy = {} }: { typed?: boolean; policy?: Record<string, unknown> } = {}) {
  const recent = createRecentFailures(fakeStorageArea(), () => 10_000);
  const store = withRecentList(createTabStore(fakeStorageArea()), recent, () => undefined);
  const notified: number[] = [];
  const badges = new Map<number, number>();
  const fixes: unknown[] = [];
  const fixer = {
    apply: async (...args: unknown[]) => (fixes.push(args), { ok: true, message: "done" }),
    undo: async (...args: unknown[]) => (fixes.push(["undo", ...args]), { ok: true, message: "undone" }),
    undoList: async () => [],
  } as unknown as Fixer;
  const settings = createSettingsStore(fakeStorageArea(), undefined, { get: async () => policy });
  const opened: number[] = [];
  const looks = new Map<number, number>();
  const lookCloser = {
    start: async (tabId: number) => (looks.set(tabId, 123), { ok: true, message: "looking" }),
    stop: async (tabId: number) => (looks.delete(tabId), { ok: true, message: "stopped" }),
    until: async (tabId: number) => looks.get(tabId) ?? null,
  };
  const route = createMessageRouter({
    store,
    badge: { show: async (t, c) => void badges.set(t, c) },
    fixer,
    lookCloser,
    settings,
    openDetails: async (tabId) => void opened.push(tabId),
    typedInto: async () => typed,
    extensionId: ID,
    extensionOrigin: ORIGIN,
    tabUrl: async (tabId) => (tabId === 5 ? "https://app.example.com/inbox" : null),
    recent,
    notifyTab: (tabId) => void notified.push(tabId),
  });
  for (const id of ["old", "new"]) {
    const evidence = makeEvidence();
    await store.update(5, (r) => appendFailure(r, toFailure(id, 0, evidence, diagnose(evidence))));
  }
  return { route, store, badges, fixes, settings, opened, looks, notified };
}

describe("message router", () => {
  it("answers the report contract, newest first", async () => {
    const { route } = await setup();
    const report = await route({ type: "report", tabId: 5 }, popup);
    expect(report).toMatchObject({ version: 1, tabId: 5 });
    expect("failures" in report && report.failures.map((f) => f.id)).toEqual(["new", "old"]);
    expect(await route({ type: "report", tabId: 6 }, popup)).toEqual({ version: 1, tabId: 6, failures: [], blocked: [], lookingCloserUntil: null });
  });

  it("starts and stops a closer look for the popup, and the report says until when", async () => {
    const { route, looks } = await setup();
    expect(await route({ type: "look-closer", tabId: 5, on: true }, popup)).toEqual({ ok: true, message: "looking" });
    expect(await route({ type: "report", tabId: 5 }, popup)).toMatchObject({ lookingCloserUntil: 123 });
    expect(await route({ type: "look-closer", tabId: 5, on: false }, popup)).toEqual({ ok: true, message: "stopped" });
    expect(looks.size).toBe(0);
    expect(await route({ type: "look-closer", tabId: 5 }, popup)).toEqual({ error: "Not an AuthLens message." });
  });

  it("refuses a closer look the organisation does not allow, and the report says so; a site it ignores cannot be resumed by the person", async () => {
    const { route, looks } = await setup({ policy: { lookCloserAllowed: false, ignoredSites: ["example.com"] } });
    expect(await route({ type: "look-closer", tabId: 5, on: true }, popup)).toEqual({ ok: false, message: "Your organisation does not allow Look closer." });
    expect(looks.size).toBe(0);
    expect(await route({ type: "report", tabId: 5 }, popup)).toMatchObject({ lookCloserAllowed: false, paused: "example.com", pausedByOrganisation: true });
    const open = await setup();
    expect(await open.route({ type: "report", tabId: 5 }, popup)).not.toHaveProperty("lookCloserAllowed");
  });

  it("pauses AuthLens on the tab's site and resumes it: the badge goes at once, the banner is told, the report says so", async () => {
    const { route, settings, badges, notified } = await setup();
    badges.set(5, 99);
    expect(await route({ type: "pause-site", tabId: 5, paused: true }, popup)).toEqual({ site: "example.com", paused: true });
    expect((await settings.read()).ignoredSites).toEqual(["example.com"]);
    // The badge is asked again at once with the tab's open count; a paused site's badge shows none of it (badge.test.ts).
    expect(badges.get(5)).toBe(2);
    badges.set(5, 99);
    expect(notified).toEqual([5]);
    expect(await route({ type: "report", tabId: 5 }, popup)).toMatchObject({ paused: "example.com" });
    expect(await route({ type: "pause-site", tabId: 5, paused: false }, popup)).toEqual({ site: "example.com", paused: false });
    expect((await settings.read()).ignoredSites).toEqual([]);
    expect(badges.get(5)).toBe(2);
    expect(await route({ type: "report", tabId: 5 }, popup)).not.toHaveProperty("paused");
    // A closed tab has no site to pause.
    expect(await route({ type: "pause-site", tabId: 9, paused: true }, popup)).toEqual({ site: null, paused: false });
  });

  it("keeps the person's answer to 'Was this right?' on the failure, and takes it back", async () => {
    const { route, store } = await setup();
    expect(await route({ type: "feedback", tabId: 5, failureId: "old", right: false }, popup)).toEqual({ saved: true });
    expect((await store.read(5)).failures.find((f) => f.id === "old")?.feedback).toBe("wrong");
    expect(await route({ type: "feedback", tabId: 5, failureId: "old", right: null }, popup)).toEqual({ saved: true });
    expect((await store.read(5)).failures.find((f) => f.id === "old")).not.toHaveProperty("feedback");
    expect(await route({ type: "feedback", tabId: 5, failureId: "nope", right: true }, popup)).toEqual({ saved: false });
    expect(await route({ type: "feedback", tabId: 5, failureId: "old", right: "yes" }, popup)).toEqual({ error: "Not an AuthLens message." });
  });

  it("lists the recent failures of every tab, newest first, and clears them on demand", async () => {
    const { route, store } = await setup();
    const evidence = makeEvidence();
    await store.update(7, (r) => appendFailure(r, toFailure("other-tab", 1, evidence, diagnose(evidence))));
    // The recent list is written after the tab's record, without holding it up.
    const listed = await vi.waitFor(async () => {
      const answer = await route({ type: "recent" }, popup);
      expect("recent" in answer && answer.recent.map((r) => [r.id, r.tabId])).toEqual([["other-tab", 7], ["new", 5], ["old", 5]]);
      return answer;
    });
    expect("recent" in listed && listed.recent[0]).not.toHaveProperty("url");
    expect(await route({ type: "clear-recent" }, popup)).toEqual({ cleared: 3 });
    expect(await route({ type: "recent" }, popup)).toEqual({ recent: [] });
  });

  it("clears a tab's failures and its badge", async () => {
    const { route, store, badges } = await setup();
    expect(await route({ type: "clear-failures", tabId: 5 }, popup)).toEqual({ cleared: 2 });
    expect((await store.read(5)).failures).toEqual([]);
    expect(badges.get(5)).toBe(0);
  });

  it.each([
    ["a content script in a web page", { id: ID, url: "https://evil.example/", tab: { id: 5 } }],
    ["another extension", { id: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", url: "chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/page.html" }],
    ["a sender with no URL", { id: ID }],
  ])("refuses %s", async (_, sender) => {
    const { route, store } = await setup();
    expect(await route({ type: "clear-failures", tabId: 5 }, sender)).toEqual({ error: "AuthLens answers only its own pages." });
    expect((await store.read(5)).failures).toHaveLength(2);
  });

  it.each([null, "report", { type: "report" }, { type: "report", tabId: -1 }, { type: "report", tabId: 1.5 }, { type: "eval", tabId: 1 }])("answers %j with an error, not an action", async (message) => {
    const { route } = await setup();
    expect(await route(message, popup)).toEqual({ error: "Not an AuthLens message." });
  });

  describe("our content script", () => {
    const inTab = (tabId: number, frameId = 0) => ({ id: ID, url: "https://app.example.com/page", tab: { id: tabId }, frameId });

    it("may fix its own tab, but not read its record (it can hold other sites' failures)", async () => {
      const { route, fixes } = await setup();
      expect(await route({ type: "report", tabId: 5 }, inTab(5))).toEqual({ error: "AuthLens answers only its own pages." });
      expect(await route({ type: "apply-fix", tabId: 5, failureId: "new", fix: "clear-site-cookies" }, inTab(5))).toEqual({ ok: true, message: "done" });
      expect(fixes).toEqual([[5, "new", "clear-site-cookies", { onlySite: "example.com" }]]);
    });

    it("tells the fixer the page's site, so cookie fixes cannot reach another site; pages are not limited", async () => {
      const { route, fixes } = await setup();
      await route({ type: "apply-fix", tabId: 5, failureId: "new", fix: "clear-site-cookies" }, { ...inTab(5), url: "https://evil.test/" });
      await route({ type: "apply-fix", tabId: 5, failureId: "new", fix: "clear-site-cookies" }, popup);
      expect(fixes).toEqual([
        [5, "new", "clear-site-cookies", { onlySite: "evil.test" }],
        [5, "new", "clear-site-cookies", {}],
      ]);
    });

    it.each([
      ["another tab's report", { type: "report", tabId: 6 }, inTab(5)],
      ["a fix in another tab", { type: "apply-fix", tabId: 6, failureId: "x", fix: "clear-site-cookies" }, inTab(5)],
      ["a fix from a sub-frame", { type: "apply-fix", tabId: 5, failureId: "x", fix: "clear-site-cookies" }, inTab(5, 3)],
      ["clearing the record", { type: "clear-failures", tabId: 5 }, inTab(5)],
      ["an undo, even in its own tab", { type: "undo", tabId: 5, undoId: "u1" }, inTab(5)],
      ["the list of undos", { type: "undo-list", tabId: 5 }, inTab(5)],
      ["a closer look (it costs every page load)", { type: "look-closer", tabId: 5, on: true }, inTab(5)],
      ["the state of a page (AuthLens runs a check in it)", { type: "page-state", tabId: 5 }, inTab(5)],
    ])("may not ask for %s", async (_, message, sender) => {
      const { route, fixes, store, looks } = await setup();
      expect(await route(message, sender)).toEqual({ error: "AuthLens answers only its own pages." });
      expect(fixes).toEqual([]);
      expect(looks.size).toBe(0);
      expect((await store.read(5)).failures).toHaveLength(2);
    });
  });

  it.each([
    { type: "apply-fix", tabId: 5, failureId: "x", fix: "format-disk" },
    { type: "apply-fix", tabId: 5, failureId: "", fix: "reload" },
    { type: "undo", tabId: 5 },
    { type: "apply-fix", tabId: 5, failureId: "x", fix: "reload", force: "yes" },
    { type: "apply-fix", tabId: 5, failureId: "x", fix: "sign-in-again" },
  ])("rejects the malformed fix request %j", async (message) => {
    const { route, fixes } = await setup();
    expect(await route(message, popup)).toEqual({ error: "Not an AuthLens message." });
    expect(fixes).toEqual([]);
  });

  describe("banner messages", () => {
    const inTab = (tabId: number, url = "https://app.example.com/page") => ({ id: ID, url, tab: { id: tabId }, frameId: 0 });

    it("give the content script its own tab's banner, and remember a dismissal for the page's site", async () => {
      const { route, settings } = await setup();
      const answer = await route({ type: "banner" }, inTab(5));
      expect(answer).toMatchObject({ banner: { tabId: 5, site: "example.com", failureId: "new", fix: "sign-in", state: "open", subject: { url: "https://app.example.com/api/me", site: "example.com" } } });
      expect(await route({ type: "banner" }, inTab(6))).toEqual({ banner: null }); // a tab with no record
      expect(await route({ type: "dismiss-banner" }, inTab(5))).toEqual({ dismissed: "example.com" });
      expect((await settings.read()).bannerOffSites).toEqual(["example.com"]);
      expect(await route({ type: "banner" }, inTab(5))).toEqual({ banner: null });
    });

    it("lead with the popup's first fix for the page: signing in in a new tab where the page holds typed text", async () => {
      const { route } = await setup({ typed: true });
      expect(await route({ type: "banner", typed: true }, inTab(5))).toMatchObject({ banner: { fix: "sign-in-new-tab" } });
      expect(await route({ type: "banner" }, inTab(5))).toMatchObject({ banner: { fix: "sign-in" } });
      expect(await route({ type: "page-state", tabId: 5 }, popup)).toEqual({ unsavedInput: true });
    });

    it("open details for the sender's tab only, and are not for extension pages", async () => {
      const { route, opened } = await setup();
      expect(await route({ type: "open-details", tabId: 9 }, inTab(5))).toEqual({ opened: true });
      expect(opened).toEqual([5]);
      expect(await route({ type: "banner" }, popup)).toEqual({ error: "AuthLens answers only its own pages." });
    });
  });
});
