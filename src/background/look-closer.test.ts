import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeStorageArea } from "../test/fake-storage";
import { LOOK_CLOSER_MS } from "../messaging/protocol";
import { createLookCloser } from "./look-closer";

function setup({ url = "https://app.example.com/dashboard", area = fakeStorageArea() } = {}) {
  const watched = new Set<number>();
  const reloaded: number[] = [];
  let now = Date.parse("2026-11-22T12:00:00Z");
  const lookCloser = createLookCloser({
    area,
    closeLook: { add: (tabId) => void watched.add(tabId), remove: (tabId) => void watched.delete(tabId) },
    tabs: {
      get: async (tabId) => (tabId === 404 ? Promise.reject(new Error("No tab with id: 404")) : { url }),
      reload: async (tabId) => void reloaded.push(tabId),
    },
    now: () => now,
    logError: () => undefined,
  });
  return { lookCloser, watched, reloaded, area, advance: (ms: number) => (now += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("look closer", () => {
  it("watches the tab closely, reloads it, and says until when", async () => {
    const { lookCloser, watched, reloaded } = setup();
    const result = await lookCloser.start(3);
    expect(result).toMatchObject({ ok: true, reloaded: true });
    expect(result.message).toContain("while it stays on example.com");
    expect([...watched]).toEqual([3]);
    expect(reloaded).toEqual([3]);
    expect(await lookCloser.until(3)).toBe(Date.parse("2026-11-22T12:00:00Z") + LOOK_CLOSER_MS);
    expect(await lookCloser.until(4)).toBeNull();
  });

  it("ends when the tab leaves the site or closes, not when it moves within the site", async () => {
    const { lookCloser, watched } = setup();
    await lookCloser.start(3);
    await lookCloser.onTopLevelCommitted(3, "https://login.example.com/");
    expect(watched.has(3)).toBe(true);
    await lookCloser.onTopLevelCommitted(3, "https://other.org/");
    expect(watched.has(3)).toBe(false);
    expect(await lookCloser.until(3)).toBeNull();
    await lookCloser.start(5);
    await lookCloser.onTabRemoved(5);
    expect(watched.size).toBe(0);
  });

  it("ends by itself after its time", async () => {
    vi.useFakeTimers();
    const { lookCloser, watched } = setup();
    const started = lookCloser.start(3);
    await vi.advanceTimersByTimeAsync(10); // the fake storage's own timers
    await started;
    expect(watched.size).toBe(1);
    await vi.advanceTimersByTimeAsync(LOOK_CLOSER_MS + 10);
    expect(watched.size).toBe(0);
  });

  it("comes back after a worker restart while it runs; an expired one is dropped", async () => {
    const area = fakeStorageArea();
    const first = setup({ area });
    await first.lookCloser.start(3);
    await first.lookCloser.start(4);
    // A new worker: same storage, nothing in memory.
    const second = setup({ area });
    second.advance(60_000);
    await second.lookCloser.restore();
    expect([...second.watched].sort()).toEqual([3, 4]);
    const third = setup({ area });
    third.advance(LOOK_CLOSER_MS + 1);
    await third.lookCloser.restore();
    expect(third.watched.size).toBe(0);
    expect(await third.lookCloser.until(3)).toBeNull();
  });

  it("refuses a closed tab or a page that is not on the web, and ignores a malformed stored value", async () => {
    expect(await setup().lookCloser.start(404)).toEqual({ ok: false, message: "That tab is closed." });
    const chromePage = setup({ url: "chrome://settings/" });
    expect((await chromePage.lookCloser.start(3)).ok).toBe(false);
    expect(chromePage.watched.size).toBe(0);
    const area = fakeStorageArea();
    await area.set({ lookCloser: { "3": { site: 7, until: "soon" }, x: null, "-1": { site: null, until: 1 } } });
    const tampered = setup({ area });
    await tampered.lookCloser.restore();
    expect(tampered.watched.size).toBe(0);
  });
});
