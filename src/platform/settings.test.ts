import { describe, expect, it } from "vitest";
import { fakeStorageArea } from "../test/fake-storage";
import { createSettingsStore, DEFAULT_SETTINGS, parseSettings } from "./settings";

describe("settings", () => {
  it("falls back to defaults for anything missing or of the wrong shape (an older version's data)", () => {
    expect(parseSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("on")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings({ reloadAfterFix: "yes", bannerEnabled: 0, statuses: "401", ignoredSites: {} })).toEqual(DEFAULT_SETTINGS);
  });

  it("keeps valid values, normalises sites and drops invalid entries", () => {
    expect(parseSettings({ reloadAfterFix: false, statuses: [401, 999, 401, "403", 407], ignoredSites: [" Example.COM ", "not a site", 3, "example.com"], bannerOffSites: ["intranet"] })).toEqual({
      ...DEFAULT_SETTINGS,
      reloadAfterFix: false,
      statuses: [401, 407],
      ignoredSites: ["example.com"],
      bannerOffSites: ["intranet"],
    });
  });

  it("reads back what it wrote, and survives a storage error", async () => {
    const area = fakeStorageArea();
    const store = createSettingsStore(area);
    await store.update((s) => ({ ...s, bannerOffSites: ["example.com"] }));
    expect((await store.read()).bannerOffSites).toEqual(["example.com"]);
    const broken = createSettingsStore({ get: () => Promise.reject(new Error("storage unavailable")), set: () => Promise.resolve(), remove: () => Promise.resolve() });
    expect(await broken.read()).toEqual(DEFAULT_SETTINGS);
  });

  it("moves settings an older version kept in storage.sync to this device, and leaves no copy for the sync service", async () => {
    const local = fakeStorageArea();
    const sync = fakeStorageArea();
    await sync.set({ settings: { reloadAfterFix: false, ignoredSites: ["intranet.example"] } });
    const store = createSettingsStore(local, sync);
    expect(await store.read()).toMatchObject({ reloadAfterFix: false, ignoredSites: ["intranet.example"] });
    expect(await sync.get("settings")).toEqual({});
    expect((await local.get("settings")).settings).toMatchObject({ reloadAfterFix: false, ignoredSites: ["intranet.example"] });
    // Once moved, what is on this device wins; the sync area is not read again.
    await sync.set({ settings: { reloadAfterFix: true } });
    expect((await store.read()).reloadAfterFix).toBe(false);
  });
});
