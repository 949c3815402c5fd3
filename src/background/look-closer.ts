import { registrableDomain } from "../core/site";
import { duration } from "../core/report/text";
import { LOOK_CLOSER_MS, type FixResult } from "../messaging/protocol";
import { t } from "../platform/i18n";
import type { CloseLook } from "../platform/web-request";

/** The slice of `storage.session` the closer looks are kept in, so they outlive a worker stop. */
export interface SessionAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface LookCloserDeps {
  area: SessionAreaPort;
  closeLook: Pick<CloseLook, "add" | "remove">;
  tabs: { get(tabId: number): Promise<{ url?: string | undefined }>; reload(tabId: number): Promise<void> };
  now?: () => number;
  logError: (message: string, error: unknown) => void;
  /** Told before the look reloads the tab: what that reload brings is AuthLens's own doing. */
  willReload?: (tabId: number) => void;
}

/** A tab AuthLens looks closer at: its site when the look began, and until when. */
interface Look {
  site: string | null;
  until: number;
}

/** Storage key of the closer looks. Declared once: nothing else names it. */
const KEY = "lookCloser";

function parseLooks(value: unknown): Map<number, Look> {
  const looks = new Map<number, Look>();
  if (typeof value !== "object" || value === null) return looks;
  for (const [key, look] of Object.entries(value)) {
    const tabId = Number(key);
    const { site, until } = (look ?? {}) as Partial<Look>;
    if (Number.isInteger(tabId) && tabId >= 0 && (typeof site === "string" || site === null) && typeof until === "number") looks.set(tabId, { site, until });
  }
  return looks;
}

/**
 * The closer look a person asks for in the popup: for one tab, for ten minutes or until the tab
 * leaves its site, AuthLens also reads `Cookie`, `Set-Cookie`, CORS preflights and answers that fail
 * CORS (Chrome's `extraHeaders`), which cost every page load when watched everywhere. Starting one reloads the tab, so
 * its refused requests are made, and seen, again.
 */
export function createLookCloser({ area, closeLook, tabs, now = Date.now, logError, willReload }: LookCloserDeps) {
  let looks: Promise<Map<number, Look>> | null = null;
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  const load = () =>
    (looks ??= area.get(KEY).then(
      (stored) => parseLooks(stored[KEY]),
      () => new Map<number, Look>(),
    ));
  const save = async (map: Map<number, Look>) => area.set({ [KEY]: Object.fromEntries(map) });

  function watch(tabId: number, until: number): void {
    closeLook.add(tabId);
    clearTimeout(timers.get(tabId));
    // A worker stopped meanwhile drops the timer; it ends expired looks when it starts again.
    timers.set(
      tabId,
      setTimeout(() => void stop(tabId).catch((error: unknown) => logError("could not end a closer look", error)), Math.max(0, until - now())),
    );
  }

  async function stop(tabId: number): Promise<void> {
    closeLook.remove(tabId);
    clearTimeout(timers.get(tabId));
    timers.delete(tabId);
    const map = await load();
    if (map.delete(tabId)) await save(map);
  }

  return {
    async start(tabId: number): Promise<FixResult> {
      const tab = await tabs.get(tabId).catch(() => null);
      if (!tab) return { ok: false, message: t("tabClosed") };
      if (!tab.url || !/^https?:/.test(tab.url)) return { ok: false, message: t("lookCloserWebOnly") };
      const site = registrableDomain(tab.url);
      const until = now() + LOOK_CLOSER_MS;
      const map = await load();
      map.set(tabId, { site, until });
      await save(map);
      watch(tabId, until);
      willReload?.(tabId);
      await tabs.reload(tabId);
      return {
        ok: true,
        message: site ? t("lookCloserStartedOn", duration(LOOK_CLOSER_MS), site) : t("lookCloserStarted", duration(LOOK_CLOSER_MS)),
        reloaded: true,
      };
    },
    async stop(tabId: number): Promise<FixResult> {
      await stop(tabId);
      return { ok: true, message: t("lookCloserStopped") };
    },
    /** Until when AuthLens looks closer at the tab, or null. */
    async until(tabId: number): Promise<number | null> {
      const look = (await load()).get(tabId);
      return look && look.until > now() ? look.until : null;
    },
    /** At worker start: the listeners of every look still running come back; expired ones end. */
    async restore(): Promise<void> {
      const map = await load();
      for (const [tabId, look] of [...map]) {
        if (look.until > now()) watch(tabId, look.until);
        else await stop(tabId);
      }
    },
    /** A look ends when its tab's page moves to another site. */
    async onTopLevelCommitted(tabId: number, url: string): Promise<void> {
      const look = (await load()).get(tabId);
      if (look && look.site !== registrableDomain(url)) await stop(tabId);
    },
    onTabRemoved: (tabId: number) => stop(tabId),
  };
}

export type LookCloser = ReturnType<typeof createLookCloser>;
