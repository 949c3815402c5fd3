import { describe, expect, it } from "vitest";
import { makeEvidence } from "../test/builders";
import { fakeStorageArea } from "../test/fake-storage";
import { diagnose } from "../test/diagnose";
import { toFailure } from "../core/failure";
import { appendFailure } from "../core/tab-record";
import { createTabStore } from "./tab-store";

const failure = (id: string) => {
  const evidence = makeEvidence();
  return toFailure(id, 0, evidence, diagnose(evidence));
};

describe("createTabStore", () => {
  it("loses no failure when many arrive at once for one tab", async () => {
    const area = fakeStorageArea({ latencyMs: 1 });
    const store = createTabStore(area);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update(3, (r) => appendFailure(r, failure(`f${i}`)))));
    expect((await store.read(3)).failures.map((f) => f.id)).toEqual(Array.from({ length: 20 }, (_, i) => `f${i}`));
  });

  it("removes a record that becomes empty, and knows which tabs have one", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area);
    expect(await store.has(1)).toBe(false);
    await store.update(1, (r) => appendFailure(r, failure("a")));
    expect(await store.has(1)).toBe(true);
    expect(Object.keys(area.data)).toEqual(["tab:1"]);
    await store.update(1, (r) => ({ ...r, failures: [] }));
    expect(await store.has(1)).toBe(false);
    expect(area.data).toEqual({});
  });

  it("reads a tab's record from storage once, then from what it wrote; a failed write is read again", async () => {
    const area = fakeStorageArea();
    const gets: unknown[] = [];
    const get = area.get.bind(area);
    area.get = (keys) => (gets.push(keys), get(keys));
    const store = createTabStore(area);
    await store.update(4, (r) => appendFailure(r, failure("a")));
    const afterFirst = gets.filter((k) => k === "tab:4").length;
    await store.read(4);
    await store.update(4, (r) => appendFailure(r, failure("b")));
    expect((await store.read(4)).failures.map((f) => f.id)).toEqual(["a", "b"]);
    expect(gets.filter((k) => k === "tab:4")).toHaveLength(afterFirst);
    area.failNextSet = new Error("storage unavailable");
    await expect(store.update(4, (r) => appendFailure(r, failure("c")))).rejects.toThrow("storage unavailable");
    // Not what failed to be written: what storage holds.
    expect((await store.read(4)).failures.map((f) => f.id)).toEqual(["a", "b"]);
    expect(gets.filter((k) => k === "tab:4")).toHaveLength(afterFirst + 1);
  });

  it("finds records written before the worker restarted", async () => {
    const area = fakeStorageArea();
    await createTabStore(area).update(9, (r) => appendFailure(r, failure("a")));
    const restarted = createTabStore(area);
    expect(await restarted.has(9)).toBe(true);
    expect((await restarted.read(9)).failures).toHaveLength(1);
  });

  it("goes on after a failed write", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area);
    area.failNextSet = new Error("IO error: the storage backend is gone");
    await expect(store.update(2, (r) => appendFailure(r, failure("lost")))).rejects.toThrow("IO error");
    await store.update(2, (r) => appendFailure(r, failure("kept")));
    expect((await store.read(2)).failures.map((f) => f.id)).toEqual(["kept"]);
  });
});

describe("createTabStore bounds", () => {
  const at = (id: string, time: number) => ({ ...failure(id), time });

  it("keeps at most the global cap across tabs, dropping the oldest anywhere first", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area, 10);
    for (let i = 0; i < 6; i++) await store.update(1, (r) => appendFailure(r, at(`a${i}`, 100 + i)));
    for (let i = 0; i < 6; i++) await store.update(2, (r) => appendFailure(r, at(`b${i}`, 200 + i)));
    expect((await store.read(1)).failures.map((f) => f.id)).toEqual(["a2", "a3", "a4", "a5"]);
    expect((await store.read(2)).failures.map((f) => f.id)).toEqual(["b0", "b1", "b2", "b3", "b4", "b5"]);
  });

  it("on a quota error, makes room from other tabs' oldest failures and stores the newest", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area);
    for (let i = 0; i < 8; i++) await store.update(1, (r) => appendFailure(r, at(`old${i}`, i)));
    const size = JSON.stringify(area.data).length;
    area.quotaBytes = size + 600; // room for about one more failure
    await store.update(2, (r) => appendFailure(r, at("new0", 1000)));
    await store.update(2, (r) => appendFailure(r, at("new1", 1001)));
    expect((await store.read(2)).failures.map((f) => f.id)).toEqual(["new0", "new1"]);
    const kept = (await store.read(1)).failures.map((f) => f.id);
    expect(kept.length).toBeLessThan(8);
    expect(kept).toContain("old7"); // the oldest went first
  });

  it("with one tab alone over the quota, keeps its newest failures", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area);
    area.quotaBytes = 5000;
    for (let i = 0; i < 30; i++) await store.update(3, (r) => appendFailure(r, at(`f${i}`, i)));
    const ids = (await store.read(3)).failures.map((f) => f.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.at(-1)).toBe("f29");
  });

  it("drops the oldest by time even when a tab stored them out of order", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area, 3);
    await store.update(1, (r) => appendFailure(appendFailure(r, at("newer", 500)), at("older", 100)));
    await store.update(2, (r) => appendFailure(r, at("b", 600)));
    await store.update(2, (r) => appendFailure(r, at("c", 700)));
    expect((await store.read(1)).failures.map((f) => f.id)).toEqual(["newer"]);
  });

  it("tries the first full read again after it failed, and keeps its counts when a remove fails", async () => {
    const area = fakeStorageArea();
    const get = area.get.bind(area);
    let failGets = 1;
    area.get = (keys) => (keys === null && failGets-- > 0 ? Promise.reject(new Error("storage is busy")) : get(keys));
    const store = createTabStore(area);
    await expect(store.has(1)).rejects.toThrow("busy");
    await store.update(1, (r) => appendFailure(r, failure("a")));
    expect(await store.has(1)).toBe(true);
    const remove = area.remove.bind(area);
    area.remove = () => Promise.reject(new Error("IO error"));
    await expect(store.remove(1)).rejects.toThrow("IO error");
    expect(await store.has(1)).toBe(true);
    area.remove = remove;
  });

  it("forgets the records of tabs that are gone", async () => {
    const area = fakeStorageArea();
    const store = createTabStore(area);
    await store.update(1, (r) => appendFailure(r, failure("a")));
    await store.update(2, (r) => appendFailure(r, failure("b")));
    await store.retainOnly([2, 7]);
    expect(Object.keys(area.data)).toEqual(["tab:2"]);
    expect(await store.has(1)).toBe(false);
  });
});
