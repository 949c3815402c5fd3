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

  describe("an organisation's policy (managed storage)", () => {
    const managed = (value: Record<string, unknown>) => ({ get: () => Promise.resolve(value) });

    it("wins over the person's choices and adds its ignored sites to theirs; a field of the wrong type is left out", async () => {
      const local = fakeStorageArea();
      await local.set({ settings: { bannerEnabled: true, lookCloserAllowed: true, ignoredSites: ["mine.example"], statuses: [401] } });
      const store = createSettingsStore(local, undefined, managed({ bannerEnabled: false, lookCloserAllowed: "no", ignoredSites: ["Intranet.Corp.Example", "not a site"], statuses: [401, 403, 999] }));
      expect(await store.policy()).toEqual({ bannerEnabled: false, ignoredSites: ["intranet.corp.example"], statuses: [401, 403] });
      expect(await store.read()).toMatchObject({ bannerEnabled: false, lookCloserAllowed: true, ignoredSites: ["intranet.corp.example", "mine.example"], statuses: [401, 403] });
    });

    it("is not copied into the person's own settings, so nothing of it stays once it is lifted", async () => {
      const local = fakeStorageArea();
      await local.set({ settings: { bannerEnabled: true, ignoredSites: ["mine.example"] } });
      const store = createSettingsStore(local, undefined, managed({ bannerEnabled: false, ignoredSites: ["corp.example"] }));
      // The settings page writes back what it read, changed: the organisation's fields must not be kept as the person's.
      const shown = await store.read();
      await store.write({ ...shown, reloadAfterFix: false, bannerEnabled: false, ignoredSites: [...shown.ignoredSites, "other.example"] });
      await store.update((s) => ({ ...s, bannerOffSites: ["x.example"] }));
      expect((await local.get("settings")).settings).toMatchObject({ bannerEnabled: true, reloadAfterFix: false, ignoredSites: ["mine.example", "other.example"], bannerOffSites: ["x.example"] });
      const lifted = createSettingsStore(local, undefined, managed({}));
      expect(await lifted.read()).toMatchObject({ bannerEnabled: true, ignoredSites: ["mine.example", "other.example"] });
    });

    it("is none when the browser has no policy for AuthLens (Firefox rejects) or answers garbage", async () => {
      const local = fakeStorageArea();
      const rejecting = createSettingsStore(local, undefined, { get: () => Promise.reject(new Error("Managed storage manifest not found")) });
      expect(await rejecting.policy()).toEqual({});
      expect(await rejecting.read()).toEqual(DEFAULT_SETTINGS);
      expect(await createSettingsStore(local, undefined, { get: () => Promise.resolve(null as unknown as Record<string, unknown>) }).read()).toEqual(DEFAULT_SETTINGS);
    });

    it("survives a reset, which gives back the person's own settings for undo", async () => {
      const local = fakeStorageArea();
      await local.set({ settings: { reloadAfterFix: false, ignoredSites: ["mine.example"] } });
      const store = createSettingsStore(local, undefined, managed({ bannerEnabled: false }));
      const before = await store.reset();
      expect(before).toMatchObject({ reloadAfterFix: false, ignoredSites: ["mine.example"] });
      expect(await store.read()).toEqual({ ...DEFAULT_SETTINGS, bannerEnabled: false });
      await store.write(before);
      expect(await store.read()).toMatchObject({ reloadAfterFix: false, ignoredSites: ["mine.example"], bannerEnabled: false });
    });
  });
});
