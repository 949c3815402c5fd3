import type { StorageAreaPort } from "../platform/tab-store";
import { createSealer, newSealingKey } from "../platform/sealer";

/** An in-memory `storage.StorageArea` with a little latency, so races show up in tests. */
export function fakeStorageArea({ latencyMs = 0 } = {}) {
  const data: Record<string, unknown> = {};
  const tick = () => new Promise((resolve) => setTimeout(resolve, latencyMs));
  const clone = <T>(value: T): T => structuredClone(value);
  const area: StorageAreaPort & { data: Record<string, unknown>; failNextSet: Error | null } = {
    data,
    failNextSet: null,
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
