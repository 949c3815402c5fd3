import type { Failure } from "../core/failure";
import type { RecentFailure } from "../messaging/protocol";
import type { StorageAreaPort, TabStore } from "./tab-store";

/** How long a failure stays in the list of recent ones. */
export const RECENT_MS = 24 * 60 * 60_000;
/** At most this many are kept: the newest. */
export const MAX_RECENT = 300;
const RECENT_KEY = "recent";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
};

/** A failure as the recent list keeps it: its host, cause and time, nothing of its address beyond the host. */
export const recentOf = (failure: Failure, tabId: number): RecentFailure => ({ id: failure.id, time: failure.time, host: hostOf(failure.url), site: failure.site, cause: failure.cause, confidence: failure.confidence, tabId });

function isRecent(value: unknown): value is RecentFailure {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Record<string, unknown>;
  return typeof r.id === "string" && typeof r.time === "number" && typeof r.host === "string" && typeof r.cause === "string" && typeof r.confidence === "number" && typeof r.tabId === "number";
}

/**
 * The failures of every tab in the last {@link RECENT_MS}, in `storage.session` (in memory: gone
 * when the browser closes), newest last in storage. Writes run one at a time.
 */
export function createRecentFailures(area: StorageAreaPort, now: () => number = Date.now) {
  let queue: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<RecentFailure[]> => {
    const stored = (await area.get(RECENT_KEY))[RECENT_KEY];
    const cutoff = now() - RECENT_MS;
    return Array.isArray(stored) ? stored.filter(isRecent).filter((r) => r.time >= cutoff) : [];
  };
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    add: (items: readonly RecentFailure[]) =>
      serial(async () => {
        if (!items.length) return;
        const known = await read();
        const ids = new Set(known.map((r) => r.id));
        await area.set({ [RECENT_KEY]: [...known, ...items.filter((r) => !ids.has(r.id))].slice(-MAX_RECENT) });
      }),
    /** Newest first. */
    list: async () => (await read()).reverse(),
    clear: () =>
      serial(async () => {
        const count = (await read()).length;
        await area.remove(RECENT_KEY);
        return count;
      }),
  };
}

export type RecentFailures = ReturnType<typeof createRecentFailures>;

/** The tab store, with every failure it newly stores also added to the recent list (the recorder stays unaware of it). */
export function withRecentList(store: TabStore, recent: RecentFailures, logError: (message: string, error: unknown) => void): TabStore {
  return {
    ...store,
    async update(tabId, change) {
      let added: Failure[] = [];
      const written = await store.update(tabId, (record) => {
        const next = change(record);
        const before = new Set(record.failures.map((f) => f.id));
        added = next.failures.filter((f) => !before.has(f.id));
        return next;
      });
      if (added.length) void recent.add(added.map((f) => recentOf(f, tabId))).catch((error: unknown) => logError("could not add to the recent failures", error));
      return written;
    },
  };
}
