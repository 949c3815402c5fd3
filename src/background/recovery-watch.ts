import { answeredNormally, openCount } from "../core/fixes/outcome";
import type { Failure } from "../core/failure";
import { recoveryOf } from "../core/handled";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";

export interface RecoveryWatchDeps {
  store: TabStore;
  badge: Badge;
  /** Tells the tab's page (its banner) and open popups that the tab's failures changed. */
  changed: (tabId: number, { banner }: { banner: boolean }) => void;
  logError: (message: string, error: unknown) => void;
  now?: () => number;
}

/** A request as the page tries it again: origin and path (a retry may change the query, or the method of a guest-session check). */
function pathKey(url: string): string | null {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname}`;
  } catch {
    return null;
  }
}

/**
 * Gives a page a moment to handle its own refusals: until a refused call's `quietUntil` (core/handled.ts), the
 * page's is refused, the same address answering normally marks it handled (the app renewed its
 * token, or tried again) and nobody is told; once the moment is over, what still stands goes on
 * the badge and the banner. A tab with nothing pending costs a map lookup per response.
 */
export function createRecoveryWatch({ store, badge, changed, logError, now = Date.now }: RecoveryWatchDeps) {
  const pending = new Map<number, Map<string, string[]>>();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();

  async function settle(tabId: number): Promise<void> {
    pending.delete(tabId);
    timers.delete(tabId);
    try {
      if (!(await store.has(tabId))) return;
      const { failures } = await store.read(tabId);
      await badge.show(tabId, openCount(failures, now()));
      changed(tabId, { banner: true });
    } catch (error) {
      logError("could not tell the person of a refusal the page did not handle", error);
    }
  }

  async function handled(tabId: number, ids: readonly string[]): Promise<void> {
    try {
      const at = now();
      const next = await store.update(tabId, (record) => ({ ...record, failures: record.failures.map((f) => (ids.includes(f.id) && !f.handled ? { ...f, handled: { how: recoveryOf(f), at } } : f)) }));
      await badge.show(tabId, openCount(next.failures, at));
      changed(tabId, { banner: false });
    } catch (error) {
      logError("could not mark a refusal handled by the page", error);
    }
  }

  return {
    /** Refusals just recorded that the page may still handle itself (`quietUntil` set). */
    expect(tabId: number, failures: readonly Failure[]): void {
      const quiet = failures.filter((f) => f.quietUntil !== undefined);
      if (quiet.length === 0) return;
      const byPath = pending.get(tabId) ?? new Map<string, string[]>();
      for (const f of quiet) {
        const key = pathKey(f.url);
        if (key) byPath.set(key, [...(byPath.get(key) ?? []), f.id]);
      }
      pending.set(tabId, byPath);
      clearTimeout(timers.get(tabId));
      const until = Math.max(...quiet.map((f) => f.quietUntil!));
      timers.set(tabId, setTimeout(() => void settle(tabId), Math.max(0, until - now()) + 50));
    },
    /** A response in a tab: the page's next try at a refused address, answered normally, handles it. */
    onResponse(details: { tabId: number; url: string; statusCode: number }): void {
      const byPath = pending.get(details.tabId);
      if (!byPath || !answeredNormally(details.statusCode)) return;
      const key = pathKey(details.url);
      const ids = key ? byPath.get(key) : undefined;
      if (!key || !ids) return;
      byPath.delete(key);
      void handled(details.tabId, ids);
    },
    onTabRemoved(tabId: number): void {
      pending.delete(tabId);
      clearTimeout(timers.get(tabId));
      timers.delete(tabId);
    },
  };
}

export type RecoveryWatch = ReturnType<typeof createRecoveryWatch>;
