import { parseCookieSnapshot, type CookieSnapshot } from "../core/cookies/cookie-snapshot";
import type { UndoSummary } from "../messaging/protocol";
import type { Sealed, Sealer } from "./sealer";
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

/** What is stored: the entry's summary in the clear, its cookies (values included) sealed. */
interface StoredUndo {
  id: string;
  tabId: number;
  site: string;
  createdAt: number;
  count: number;
  sealed: Sealed;
}

/** How long Undo stays available. */
export const UNDO_TTL_MS = 30 * 60_000;
/** At most this many undoable clears are kept; the oldest goes first. */
export const MAX_UNDO_ENTRIES = 20;

const undoKey = (id: string) => `undo:${id}`;
const UNDO_KEY = /^undo:/;

function isStoredUndo(value: unknown): value is StoredUndo {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<StoredUndo>;
  return typeof v.id === "string" && typeof v.tabId === "number" && typeof v.site === "string" && typeof v.createdAt === "number" && typeof v.count === "number" && typeof v.sealed === "object";
}

/**
 * Undo snapshots in `storage.session`: memory only (never written to disk), kept while the browser
 * runs, so Undo survives the worker being stopped. Cookie values are sealed (see sealer.ts), so no
 * storage area ever holds one readable. Entries older than {@link UNDO_TTL_MS}, beyond
 * {@link MAX_UNDO_ENTRIES}, or of an older shape are dropped.
 */
export function createUndoStore(area: StorageAreaPort, sealer: Sealer, now: () => number = Date.now) {
  async function all(): Promise<StoredUndo[]> {
    const stored = await area.get(null);
    const live: StoredUndo[] = [];
    const dropped: string[] = [];
    for (const [key, value] of Object.entries(stored)) {
      if (!UNDO_KEY.test(key)) continue;
      if (isStoredUndo(value) && now() - value.createdAt < UNDO_TTL_MS) live.push(value);
      else dropped.push(key);
    }
    live.sort((a, b) => b.createdAt - a.createdAt);
    dropped.push(...live.splice(MAX_UNDO_ENTRIES).map((e) => undoKey(e.id)));
    if (dropped.length) await area.remove(dropped);
    return live;
  }

  return {
    /** Saves a snapshot before anything is removed. */
    async save({ cookies, ...summary }: UndoEntry): Promise<void> {
      const sealed = await sealer.seal(JSON.stringify(cookies));
      await area.set({ [undoKey(summary.id)]: { ...summary, count: cookies.length, sealed } satisfies StoredUndo });
      await all(); // enforces the cap
    },
    /** The entry with its cookies, or null when it expired, was undone, or cannot be read back. */
    async take(id: string): Promise<UndoEntry | null> {
      const stored = (await all()).find((e) => e.id === id);
      if (!stored) return null;
      const plain = await sealer.open(stored.sealed);
      const parsed: unknown = plain === null ? null : safeJson(plain);
      if (!Array.isArray(parsed)) {
        await area.remove(undoKey(id)); // it can never be opened: stop offering it
        return null;
      }
      const cookies = parsed.map(parseCookieSnapshot).filter((c): c is CookieSnapshot => c !== null);
      return { id: stored.id, tabId: stored.tabId, site: stored.site, createdAt: stored.createdAt, cookies };
    },
    forget: (id: string) => area.remove(undoKey(id)),
    async forTab(tabId: number): Promise<UndoSummary[]> {
      return (await all()).filter((e) => e.tabId === tabId).map((e) => ({ id: e.id, site: e.site, count: e.count, createdAt: e.createdAt, expiresAt: e.createdAt + UNDO_TTL_MS }));
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export type UndoStore = ReturnType<typeof createUndoStore>;
