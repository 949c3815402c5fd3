import type { CookieSnapshot } from "../core/cookie-snapshot";
import type { UndoSummary } from "../messaging/protocol";
import type { StorageAreaPort } from "./tab-store";

/** A clear that can be undone: the cookies as they were just before they were removed. */
export interface UndoEntry {
  id: string;
  tabId: number;
  site: string;
  /** ms since the epoch. */
  createdAt: number;
  cookies: CookieSnapshot[];
}


/** How long Undo stays available. */
export const UNDO_TTL_MS = 30 * 60_000;

const undoKey = (id: string) => `undo:${id}`;
const UNDO_KEY = /^undo:/;

/**
 * Undo snapshots in `storage.session`: memory only (never written to disk), kept while the browser
 * runs, so Undo survives the worker being stopped. Entries older than {@link UNDO_TTL_MS} are dropped.
 */
export function createUndoStore(area: StorageAreaPort, now: () => number = Date.now) {
  const isEntry = (value: unknown): value is UndoEntry =>
    typeof value === "object" && value !== null && typeof (value as UndoEntry).id === "string" && Array.isArray((value as UndoEntry).cookies) && typeof (value as UndoEntry).createdAt === "number";

  async function all(): Promise<UndoEntry[]> {
    const stored = await area.get(null);
    const live: UndoEntry[] = [];
    const expired: string[] = [];
    for (const [key, value] of Object.entries(stored)) {
      if (!UNDO_KEY.test(key)) continue;
      if (isEntry(value) && now() - value.createdAt < UNDO_TTL_MS) live.push(value);
      else expired.push(key);
    }
    if (expired.length) await area.remove(expired);
    return live;
  }

  return {
    /** Saves a snapshot before anything is removed. */
    save: (entry: UndoEntry) => area.set({ [undoKey(entry.id)]: entry }),
    async take(id: string): Promise<UndoEntry | null> {
      const entry = (await all()).find((e) => e.id === id) ?? null;
      return entry;
    },
    forget: (id: string) => area.remove(undoKey(id)),
    async forTab(tabId: number): Promise<UndoSummary[]> {
      return (await all())
        .filter((e) => e.tabId === tabId)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((e) => ({ id: e.id, site: e.site, count: e.cookies.length, expiresAt: e.createdAt + UNDO_TTL_MS }));
    },
  };
}

export type UndoStore = ReturnType<typeof createUndoStore>;
