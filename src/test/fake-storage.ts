import type { StorageAreaPort } from "../platform/tab-store";
import { createSealer, newSealingKey } from "../platform/sealer";

/** An in-memory `storage.StorageArea` with a little latency, so races show up in tests. */
export function fakeStorageArea({ latencyMs = 0, quotaBytes = Infinity } = {}) {
  const data: Record<string, unknown> = {};
  const tick = () => new Promise((resolve) => setTimeout(resolve, latencyMs));
  const clone = <T>(value: T): T => structuredClone(value);
  const area: StorageAreaPort & { data: Record<string, unknown>; failNextSet: Error | null; quotaBytes: number } = {
    data,
    failNextSet: null,
    quotaBytes,
    async get(keys) {
      await tick();
      const wanted = keys === null ? Object.keys(data) : Array.isArray(keys) ? keys : [keys];
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, clone(data[k])]));
    },
    async set(items) {
      await tick();
      if (area.failNextSet) {
        const error = area.failNextSet;
        area.failNextSet = null;
        throw error;
      }
      const next = { ...data, ...clone(items) };
      // Chrome measures each key and its JSON value; refuses the whole write when over.
      const bytes = Object.entries(next).reduce((sum, [k, v]) => sum + k.length + JSON.stringify(v).length, 0);
      if (bytes > area.quotaBytes) throw new Error("Session storage quota bytes exceeded. Values were not stored.");
      Object.assign(data, clone(items));
    },
    async remove(keys) {
      await tick();
      for (const key of Array.isArray(keys) ? keys : [keys]) delete data[key];
    },
  };
  return area;
}

/** A real AES-GCM sealer with a key made for the test (WebCrypto, as in the worker). */
export function testSealer() {
  const key = newSealingKey();
  return createSealer(() => key);
}
