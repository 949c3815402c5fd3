import { describe, expect, it } from "vitest";
import { makeEvidence } from "../test/builders";
import { fakeStorageArea } from "../test/fake-storage";
import { classify } from "../core/classify";
import { toFailure } from "../core/failure";
import { appendFailure } from "../core/tab-record";
import { createTabStore } from "./tab-store";

const failure = (id: string) => {
  const evidence = makeEvidence();
  return toFailure(id, 0, evidence, classify(evidence));
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
    area.failNextSet = new Error("QUOTA_BYTES quota exceeded");
    await expect(store.update(2, (r) => appendFailure(r, failure("lost")))).rejects.toThrow("QUOTA");
    await store.update(2, (r) => appendFailure(r, failure("kept")));
    expect((await store.read(2)).failures.map((f) => f.id)).toEqual(["kept"]);
  });
});
