import { answeredNormally, endpointOf, openCount, withOutcome, withoutOutcome, type FixWatch } from "../core/fixes/outcome";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";

/** The slice of `storage.session` the watches are kept in, so they outlive a worker stop. */
export interface WatchAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface FixWatchDeps {
  area: WatchAreaPort;
  store: TabStore;
  badge: Badge;
  /** Tells open popups and the tab's banner that the tab's failures changed. */
  changed: (tabId: number) => void;
  logError: (message: string, error: unknown) => void;
  now?: () => number;
}

/** Storage key of the watches. Declared once: nothing else names it. */
const KEY = "fixWatches";
/** The types whose answers settle a fix: the page and its calls, as AuthLens watches them. */
const SETTLING_TYPES: ReadonlySet<string> = new Set(["main_frame", "sub_frame", "xmlhttprequest", "websocket"]);

function isWatch(value: unknown): value is FixWatch {
  if (typeof value !== "object" || value === null) return false;
  const w = value as Partial<FixWatch>;
  return typeof w.tabId === "number" && typeof w.fix === "string" && typeof w.at === "number" && typeof w.until === "number" && Array.isArray(w.failureIds) && Array.isArray(w.endpoints);
}

/**
 * Closes the loop after a fix: watches the tab's next answers to the requests that failed. One
 * answered normally marks the failures fixed (the badge drops them, popup and banner say so); one
 * refused again ends the watch, and the recorder says the fix did not help. A tab with no fix
 * being watched costs a map lookup per response.
 */
export function createFixWatch({ area, store, badge, changed, logError, now = Date.now }: FixWatchDeps) {
  const watches = new Map<number, FixWatch>();
  const save = () => area.set({ [KEY]: [...watches.values()] }).catch((error: unknown) => logError("could not keep the fix watches", error));

  /** The tab's watch, if one is running. */
  function running(tabId: number): FixWatch | null {
    const watch = watches.get(tabId);
    if (!watch) return null;
    if (watch.until > now()) return watch;
    watches.delete(tabId);
    void save();
    return null;
  }

  async function settleFixed(watch: FixWatch): Promise<void> {
    try {
      if (!(await store.has(watch.tabId))) return;
      const next = await store.update(watch.tabId, (record) => ({ ...record, failures: withOutcome(record.failures, watch, "fixed", now()) }));
      await badge.show(watch.tabId, openCount(next.failures));
      changed(watch.tabId);
    } catch (error) {
      logError("could not mark a failure fixed", error);
    }
  }

  return {
    /** Starts watching after a fix, replacing the tab's earlier watch, and marks its failures as waiting. */
    async start(watch: FixWatch): Promise<void> {
      watches.set(watch.tabId, watch);
      await save();
      const next = await store.update(watch.tabId, (record) => ({ ...record, failures: withOutcome(record.failures, watch, "waiting", now()) }));
      await badge.show(watch.tabId, openCount(next.failures));
    },
    /** Ends a watch whose fix could not be carried out: its failures stand as they were. */
    async cancel(watch: FixWatch): Promise<void> {
      if (watches.get(watch.tabId) === watch) watches.delete(watch.tabId);
      await save();
      await store.update(watch.tabId, (record) => ({ ...record, failures: withoutOutcome(record.failures, watch) }));
    },
    /** A response in a tab: one of the watched requests answered normally settles the fix. Synchronous when nothing is watched. */
    onResponse(details: { tabId: number; method: string; url: string; statusCode: number; type: string }): void {
      if (!watches.has(details.tabId) || !answeredNormally(details.statusCode) || !SETTLING_TYPES.has(details.type)) return;
      const watch = running(details.tabId);
      const endpoint = endpointOf(details.method, details.url);
      if (!watch || endpoint === null || !watch.endpoints.includes(endpoint)) return;
      watches.delete(details.tabId);
      void save();
      void settleFixed(watch);
    },
    /** A refusal about to be recorded: when it is of a watched request, the fix did not help. Returns the watch it ends. */
    refused(tabId: number, method: string, url: string, time: number): FixWatch | null {
      const watch = running(tabId);
      const endpoint = endpointOf(method, url);
      if (!watch || endpoint === null || time < watch.at || !watch.endpoints.includes(endpoint)) return null;
      watches.delete(tabId);
      void save();
      return watch;
    },
    /** Whether the tab's running watch covers a failure (a sign-in that finished answers it). */
    covering(tabId: number, failureId: string): FixWatch | null {
      const watch = running(tabId);
      return watch?.failureIds.includes(failureId) ? watch : null;
    },
    /** Settles a watch as fixed by something other than a response (a sign-in that finished). */
    fixed(watch: FixWatch): Promise<void> {
      watches.delete(watch.tabId);
      void save();
      return settleFixed(watch);
    },
    /** At worker start: the watches still running come back. */
    async restore(): Promise<void> {
      const stored = await area.get(KEY);
      const list = Array.isArray(stored[KEY]) ? (stored[KEY] as unknown[]).filter(isWatch) : [];
      for (const watch of list) if (watch.until > now() && !watches.has(watch.tabId)) watches.set(watch.tabId, watch);
    },
    onTabRemoved(tabId: number): void {
      if (watches.delete(tabId)) void save();
    },
  };
}

export type FixWatcher = ReturnType<typeof createFixWatch>;
