import { answeredNormally, openCount } from "../core/fixes/outcome";
import type { Failure } from "../core/failure";
import { recoveryOf } from "../core/diagnosis/handled";
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
 * Gives a page a moment to handle its own refusals: until a refused call's `quietUntil` (core/diagnosis/handled.ts), the
 * page's is refused, the same address answering normally marks it handled (the app renewed its
 * token, or tried again) and nobody is told; once the moment is over, what still stands goes on
 * the badge and the banner. A tab with nothing pending costs a map lookup per response.
 */
export function createRecoveryWatch({ store, badge, changed, logError, now = Date.now }: RecoveryWatchDeps) {
  const pending = new Map<number, Map<string, string[]>>();
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  // Refusals heard but not yet recorded (the recorder reads the jar first), and when the page's next try answered normally:
  // a page that retries at once can have its answer before the refusal is recorded.
  const heard = new Map<number, Map<string, { at: number; answered: boolean }>>();

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
    /** A refusal as it is heard, before it is recorded: the page's answer to its next try may come first. */
    heard(tabId: number, url: string): void {
      const key = pathKey(url);
      if (!key) return;
      const byPath = heard.get(tabId) ?? new Map<string, { at: number; answered: boolean }>();
      const at = now();
      // Refusals that were never recorded (a site ignored, a status not watched) are forgotten after a while.
      for (const [k, v] of byPath) if (at - v.at > 10_000) byPath.delete(k);
      byPath.set(key, { at, answered: false });
      heard.set(tabId, byPath);
    },
    /** Refusals just recorded that the page may still handle itself (`quietUntil` set). */
    expect(tabId: number, failures: readonly Failure[]): void {
      const quiet = failures.filter((f) => f.quietUntil !== undefined);
      if (quiet.length === 0) return;
      const byPath = pending.get(tabId) ?? new Map<string, string[]>();
      const early = heard.get(tabId);
      const already: string[] = [];
      for (const f of quiet) {
        const key = pathKey(f.url);
        if (!key) continue;
        if (early?.get(key)?.answered) already.push(f.id);
        else byPath.set(key, [...(byPath.get(key) ?? []), f.id]);
        early?.delete(key);
      }
      if (already.length > 0) void handled(tabId, already);
      if (byPath.size === 0) return;
      pending.set(tabId, byPath);
      clearTimeout(timers.get(tabId));
      const until = Math.max(...quiet.map((f) => f.quietUntil!));
      timers.set(tabId, setTimeout(() => void settle(tabId), Math.max(0, until - now()) + 50));
    },
    /** A response in a tab: the page's next try at a refused address, answered normally, handles it. */
    onResponse(details: { tabId: number; url: string; statusCode: number }): void {
      if (!answeredNormally(details.statusCode)) return;
      const early = heard.get(details.tabId);
      if (early) {
        const seen = early.get(pathKey(details.url) ?? "");
        if (seen) seen.answered = true;
      }
      const byPath = pending.get(details.tabId);
      if (!byPath) return;
      const key = pathKey(details.url);
      const ids = key ? byPath.get(key) : undefined;
      if (!key || !ids) return;
      byPath.delete(key);
      void handled(details.tabId, ids);
    },
    onTabRemoved(tabId: number): void {
      pending.delete(tabId);
      heard.delete(tabId);
      clearTimeout(timers.get(tabId));
      timers.delete(tabId);
    },
  };
}

export type RecoveryWatch = ReturnType<typeof createRecoveryWatch>;
