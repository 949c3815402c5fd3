import { EMPTY_TAB_RECORD, parseTabRecord, type TabRecord } from "../core/tab-record";

/** The slice of a `storage.StorageArea` the store uses (a Map-backed fake in unit tests). */
export interface StorageAreaPort {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Storage key of a tab's record. Declared once: nothing else names it. */
const tabKey = (tabId: number) => `tab:${tabId}`;
const TAB_KEY = /^tab:(\d+)$/;

/**
 * Per-tab failure records in `storage.session`: in memory only, kept while the browser runs,
 * so they survive the worker being stopped. Updates to one tab run one at a time, so two
 * failures arriving together never overwrite each other.
 */
export interface TabStore {
  read(tabId: number): Promise<TabRecord>;
  /** Applies `change` to the stored record and returns what was written. An empty record is removed. */
  update(tabId: number, change: (record: TabRecord) => TabRecord): Promise<TabRecord>;
  remove(tabId: number): Promise<void>;
  /** Whether a record exists for the tab, without a storage read after the first call. */
  has(tabId: number): Promise<boolean>;
}

export function createTabStore(area: StorageAreaPort): TabStore {
  const queues = new Map<number, Promise<unknown>>();
  let known: Promise<Set<number>> | null = null;

  const knownTabs = () =>
    (known ??= area.get(null).then((all) => {
      const ids = new Set<number>();
      for (const key of Object.keys(all)) {
        const match = TAB_KEY.exec(key);
        if (match) ids.add(Number(match[1]));
      }
      return ids;
    }));

  /** Runs `task` after every earlier task for the same tab, whatever their outcome. */
  function serialize<T>(tabId: number, task: () => Promise<T>): Promise<T> {
    const run = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return run;
  }

  async function read(tabId: number): Promise<TabRecord> {
    const key = tabKey(tabId);
    const stored = await area.get(key);
    return key in stored ? parseTabRecord(stored[key]) : EMPTY_TAB_RECORD;
  }

  return {
    read: (tabId) => serialize(tabId, () => read(tabId)),
    update: (tabId, change) =>
      serialize(tabId, async () => {
        const next = change(await read(tabId));
        const ids = await knownTabs();
        if (next.failures.length === 0) {
          await area.remove(tabKey(tabId));
          ids.delete(tabId);
        } else {
          await area.set({ [tabKey(tabId)]: next });
          ids.add(tabId);
        }
        return next;
      }),
    remove: (tabId) =>
      serialize(tabId, async () => {
        (await knownTabs()).delete(tabId);
        await area.remove(tabKey(tabId));
      }),
    // Queued behind the tab's pending updates, so a failure being stored counts as present.
    has: (tabId) => serialize(tabId, async () => (await knownTabs()).has(tabId)),
  };
}
