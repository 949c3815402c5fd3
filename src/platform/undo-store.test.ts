import { describe, expect, it } from "vitest";
import { fakeStorageArea, testSealer } from "../test/fake-storage";
import type { CookieSnapshot } from "../core/cookies/cookie-snapshot";
import { createSealer, newSealingKey } from "./sealer";
import { createUndoStore, MAX_UNDO_ENTRIES, UNDO_TTL_MS } from "./undo-store";

const SECRET = "undo-planted-secret-7f3a";
const cookie = (over: Partial<CookieSnapshot> = {}): CookieSnapshot => ({
  name: "sid",
  value: SECRET,
  domain: ".example.com",
  hostOnly: false,
  path: "/",
  secure: true,
  httpOnly: true,
  sameSite: "lax",
  session: false,
  expirationDate: 1_900_000_000,
  storeId: "0",
  ...over,
});

describe("createUndoStore", () => {
  it("keeps no cookie value readable in storage, and gives every field back", async () => {
    const area = fakeStorageArea();
    const store = createUndoStore(area, testSealer());
    const partitioned = cookie({ name: "__Host-p", hostOnly: true, domain: "app.example.com", session: true, partitionKey: { topLevelSite: "https://shop.test", hasCrossSiteAncestor: false } });
    delete partitioned.expirationDate;
    await store.save({ id: "u1", tabId: 4, site: "example.com", createdAt: Date.now(), cookies: [cookie(), partitioned] });
    const stored = JSON.stringify(area.data);
    expect(stored).toContain("u1");
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(btoa(SECRET));
    expect(await store.forTab(4)).toEqual([expect.objectContaining({ id: "u1", site: "example.com", count: 2 })]);
    expect((await store.take("u1"))?.cookies).toEqual([cookie(), partitioned]);
  });

  it("cannot open a snapshot sealed under another key (a key that was lost), and says so with null", async () => {
    const area = fakeStorageArea();
    await createUndoStore(area, testSealer()).save({ id: "u1", tabId: 4, site: "example.com", createdAt: Date.now(), cookies: [cookie()] });
    const otherKey = newSealingKey();
    expect(await createUndoStore(area, createSealer(() => otherKey)).take("u1")).toBeNull();
  });

  it("drops stored entries of the wrong shape (an older version's) and cookies that are malformed", async () => {
    const area = fakeStorageArea();
    const sealer = testSealer();
    const store = createUndoStore(area, sealer);
    area.data["undo:old"] = { id: "old", tabId: 4, site: "example.com", createdAt: Date.now(), cookies: [cookie()] };
    area.data["undo:garbage"] = "not an entry";
    const sealed = await sealer.seal(JSON.stringify([cookie(), { name: "x" }, cookie({ sameSite: "sideways" as never }), 42]));
    area.data["undo:mixed"] = { id: "mixed", tabId: 4, site: "example.com", createdAt: Date.now(), count: 4, sealed };
    area.data["undo:tampered"] = { id: "tampered", tabId: 4, site: "example.com", createdAt: Date.now(), count: 1, sealed: { iv: "AAAA", data: "!!" } };
    expect((await store.forTab(4)).map((e) => e.id).sort()).toEqual(["mixed", "tampered"]);
    expect(Object.keys(area.data).sort()).toEqual(["undo:mixed", "undo:tampered"]);
    expect((await store.take("mixed"))?.cookies).toEqual([cookie()]);
    expect(await store.take("tampered")).toBeNull();
    expect(Object.keys(area.data)).toEqual(["undo:mixed"]); // what can never be opened is no longer offered
  });

  it("expires entries after the TTL and keeps at most the newest MAX_UNDO_ENTRIES", async () => {
    let now = 1_000_000;
    const area = fakeStorageArea();
    const store = createUndoStore(area, testSealer(), () => now);
    for (let i = 0; i < MAX_UNDO_ENTRIES + 5; i++) await store.save({ id: `u${i}`, tabId: 1, site: "example.com", createdAt: now + i, cookies: [cookie()] });
    now += MAX_UNDO_ENTRIES + 5;
    const ids = (await store.forTab(1)).map((e) => e.id);
    expect(ids).toHaveLength(MAX_UNDO_ENTRIES);
    expect(ids[0]).toBe(`u${MAX_UNDO_ENTRIES + 4}`);
    expect(ids).not.toContain("u0");
    now += UNDO_TTL_MS;
    expect(await store.forTab(1)).toEqual([]);
    expect(Object.keys(area.data)).toEqual([]);
  });
});
