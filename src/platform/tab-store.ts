import { EMPTY_TAB_RECORD, isEmptyRecord, MAX_FAILURES_PER_TAB, parseTabRecord, toStoredRecord, type TabRecord } from "../core/tab-record";

/** The slice of a `storage.StorageArea` the store uses (a Map-backed fake in unit tests). */
export interface StorageAreaPort {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** Storage key of a tab's record. Declared once: nothing else names it. */
const tabKey = (tabId: number) => `tab:${tabId}`;
const TAB_KEY = /^tab:(\d+)$/;

/** Failures kept across all tabs; beyond it, the oldest anywhere go first. */
export const MAX_STORED_FAILURES = 1000;
/** How many times a write that hit the storage quota is retried after making room. */
const QUOTA_RETRIES = 4;

/** Chrome: "Session storage quota bytes exceeded…"; Firefox: "QuotaExceededError". */
export const isQuotaError = (error: unknown) => /quota/i.test(error instanceof Error ? `${error.name} ${error.message}` : String(error));

/**
 * Per-tab failure records in `storage.session`: in memory only, kept while the browser runs,
 * so they survive the worker being stopped. Updates run one at a time, so two
 * failures arriving together never overwrite each other.
 */
export interface TabStore {
  read(tabId: number): Promise<TabRecord>;
  /**
   * Applies `change` to the stored record and returns what was written. An empty record is removed.
   * When the storage quota or {@link MAX_STORED_FAILURES} is reached, the oldest failures (of any
   * tab) are dropped to make room, never the newest.
   */
  update(tabId: number, change: (record: TabRecord) => TabRecord): Promise<TabRecord>;
  remove(tabId: number): Promise<void>;
  /** Whether a record exists for the tab, without a storage read after the first call. */
  has(tabId: number): Promise<boolean>;
  /** Removes the records of every tab not in `liveTabIds` (tabs closed while the worker was stopped). */
  retainOnly(liveTabIds: readonly number[]): Promise<void>;
}

export function createTabStore(area: StorageAreaPort, globalCap = MAX_STORED_FAILURES): TabStore {
  let queue: Promise<unknown> = Promise.resolve();
  /** Failures stored per tab, learnt from one read of the whole area. */
  let counts: Promise<Map<number, number>> | null = null;

  const storedCounts = () =>
    (counts ??= area.get(null).then(
      (all) => {
        const found = new Map<number, number>();
        for (const [key, value] of Object.entries(all)) {
          const match = TAB_KEY.exec(key);
          if (match) found.set(Number(match[1]), parseTabRecord(value).failures.length);
        }
        return found;
      },
      (error: unknown) => {
        counts = null; // a failed first read is tried again next time, not kept
        throw error;
      },
    ));

  /**
   * Runs `task` after every earlier task, whatever their outcome. One queue for all tabs: making
   * room for one tab's failure changes other tabs' records, and failures are rare enough that
   * one at a time costs nothing.
   */
  function serialize<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /**
   * The records as last read or written by this worker: the worker is their only writer, so a
   * record read once need not be read (and parsed) again on every failure and every report. Lost
   * with the worker, and then read again.
   */
  const cache = new Map<number, TabRecord>();

  async function read(tabId: number): Promise<TabRecord> {
    const cached = cache.get(tabId);
    if (cached) return cached;
    const key = tabKey(tabId);
    const stored = await area.get(key);
    const record = key in stored ? parseTabRecord(stored[key]) : EMPTY_TAB_RECORD;
    cache.set(tabId, record);
    return record;
  }

  /** Writes a record (or removes an empty one) and keeps the counts. Callers hold the queue. */
  async function write(tabId: number, record: TabRecord): Promise<void> {
    const known = await storedCounts();
    // Forgotten first: a write that fails leaves the cache to be read again from storage.
    cache.delete(tabId);
    if (isEmptyRecord(record)) {
      await area.remove(tabKey(tabId));
      known.delete(tabId);
    } else {
      await area.set({ [tabKey(tabId)]: toStoredRecord(record) });
      known.set(tabId, record.failures.length);
      cache.set(tabId, record);
    }
  }

  /** Failures stored by every tab but `tabId`. */
  const storedElsewhere = (known: Map<number, number>, tabId: number) => [...known].reduce((sum, [id, n]) => (id === tabId ? sum : sum + n), 0);

  /**
   * Drops the oldest `excess` failures across every tab but `except` (the one being written;
   * the caller holds the queue). Returns how many were dropped.
   */
  async function dropOldestElsewhere(except: number, excess: number): Promise<number> {
    const all = await area.get(null);
    const times: { tabId: number; id: string; time: number }[] = [];
    for (const [key, value] of Object.entries(all)) {
      const match = TAB_KEY.exec(key);
      const tabId = Number(match?.[1]);
      if (match && tabId !== except) for (const f of parseTabRecord(value).failures) times.push({ tabId, id: f.id, time: f.time });
    }
    times.sort((a, b) => a.time - b.time);
    // By id: a tab's list is in the order failures were stored, which is not always their time order.
    const doomed = new Map<number, Set<string>>();
    for (const { tabId, id } of times.slice(0, excess)) doomed.set(tabId, (doomed.get(tabId) ?? new Set()).add(id));
    let dropped = 0;
    for (const [tabId, ids] of doomed) {
      const record = await read(tabId);
      const kept = record.failures.filter((f) => !ids.has(f.id));
      dropped += record.failures.length - kept.length;
      await write(tabId, { ...record, failures: kept });
    }
    return dropped;
  }

  /** Writes `next`, making room first when the global cap is passed and again on a quota error. */
  async function writeWithRoom(tabId: number, next: TabRecord): Promise<TabRecord> {
    const others = storedElsewhere(await storedCounts(), tabId);
    if (others + next.failures.length > globalCap) await dropOldestElsewhere(tabId, others + next.failures.length - globalCap);
    let record = next;
    for (let attempt = 0; ; attempt++) {
      try {
        await write(tabId, record);
        return record;
      } catch (error) {
        if (!isQuotaError(error) || attempt >= QUOTA_RETRIES || record.failures.length === 0) throw error;
        // Make room: a quarter of what other tabs hold, oldest first; then this tab's own oldest half.
        const elsewhere = storedElsewhere(await storedCounts(), tabId);
        const dropped = elsewhere > 0 ? await dropOldestElsewhere(tabId, Math.max(1, Math.ceil(elsewhere / 4))) : 0;
        if (dropped === 0) record = { ...record, failures: record.failures.slice(Math.floor(record.failures.length / 2)) };
      }
    }
  }

  return {
    read: (tabId) => serialize(() => read(tabId)),
    update: (tabId, change) =>
      serialize(async () => {
        const next = change(await read(tabId));
        return writeWithRoom(tabId, next.failures.length > MAX_FAILURES_PER_TAB ? { ...next, failures: next.failures.slice(-MAX_FAILURES_PER_TAB) } : next);
      }),
    remove: (tabId) =>
      serialize(async () => {
        const known = await storedCounts();
        cache.delete(tabId);
        await area.remove(tabKey(tabId));
        known.delete(tabId);
      }),
    // Queued behind pending updates, so a failure being stored counts as present.
    has: (tabId) => serialize(async () => (await storedCounts()).has(tabId)),
    async retainOnly(liveTabIds) {
      const live = new Set(liveTabIds);
      const gone = [...(await storedCounts()).keys()].filter((id) => !live.has(id));
      await Promise.all(gone.map((id) => this.remove(id)));
    },
  };
}
