import { looksLikeSession, SESSION_ENDING_WINDOW_MS, type SessionCookieEvent } from "../core/sign-in/session-cookies";
import type { CookieChangedPort, IgnoredChange } from "./cookie-changes";
import type { CookieRejection } from "../core/cookies/set-cookie";

/** The slice of `storage.session` the timeline is kept in, so it outlives a worker stop. */
export interface TimelineAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Storage key of the timeline. Declared once: nothing else names it. */
const KEY = "sessionTimeline";
const MAX_EVENTS = 300;
/** Changes are written together, a moment later: a site setting several cookies costs one write. */
const SAVE_DELAY_MS = 1000;

function isEvent(value: unknown): value is SessionCookieEvent {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.name === "string" &&
    typeof e.domain === "string" &&
    typeof e.hostOnly === "boolean" &&
    typeof e.path === "string" &&
    typeof e.removed === "boolean" &&
    typeof e.cause === "string" &&
    typeof e.time === "number" &&
    (typeof e.expiredAt === "number" || e.expiredAt === null) &&
    (e.refused === undefined || typeof e.refused === "string")
  );
}

/**
 * The session timeline: changes to sign-in cookies (by name: `sessionid`, `connect.sid`, …; never
 * a value), kept for {@link SESSION_ENDING_WINDOW_MS} in `storage.session` (memory only), at most
 * 300. It lets a diagnosis say "your sessionid cookie expired at 10:42, 3 minutes before this".
 * AuthLens's own changes (`ignored`) are left out.
 * Must be created at the worker's top level.
 */
export function createSessionTimeline(onChanged: CookieChangedPort, area: TimelineAreaPort, logError: (message: string, error: unknown) => void, now: () => number = Date.now, ignored: IgnoredChange = () => false) {
  let events: SessionCookieEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const loaded = area.get(KEY).then(
    (stored) => {
      const kept = Array.isArray(stored[KEY]) ? (stored[KEY] as unknown[]).filter(isEvent) : [];
      // Heard while the stored ones were read: newest last.
      events = [...kept, ...events].slice(-MAX_EVENTS);
    },
    (error: unknown) => logError("could not read the session timeline", error),
  );
  const save = () => {
    timer = null;
    const cutoff = now() - SESSION_ENDING_WINDOW_MS;
    events = events.filter((e) => e.time >= cutoff).slice(-MAX_EVENTS);
    area.set({ [KEY]: events }).catch((error: unknown) => logError("could not keep the session timeline", error));
  };
  onChanged.addListener(({ removed, cause, cookie }) => {
    // AuthLens's own clears and undos end or start no session of the person's.
    if (!looksLikeSession(cookie.name) || ignored({ name: cookie.name, domain: cookie.domain, path: cookie.path, removed })) return;
    const expiry = cookie.expirationDate;
    events.push({
      name: cookie.name.slice(0, 128),
      domain: cookie.domain,
      hostOnly: cookie.hostOnly,
      path: cookie.path,
      removed,
      cause,
      time: now(),
      expiredAt: cause === "expired" && typeof expiry === "number" ? Math.round(expiry * 1000) : null,
    });
    if (events.length > MAX_EVENTS * 2) events = events.slice(-MAX_EVENTS);
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  });
  return {
    /**
     * A sign-in cookie a response set that the browser would not store (seen where `Set-Cookie` is
     * shown: Chrome's page loads and closer looks, Firefox's every response). `cookies.onChanged`
     * says nothing of those.
     */
    refused(cookie: { name: string; domain: string; hostOnly: boolean; path: string; reason: CookieRejection }): void {
      if (!looksLikeSession(cookie.name)) return;
      events.push({ name: cookie.name.slice(0, 128), domain: cookie.domain, hostOnly: cookie.hostOnly, path: cookie.path, removed: false, cause: "refused", time: now(), expiredAt: null, refused: cookie.reason });
      if (events.length > MAX_EVENTS * 2) events = events.slice(-MAX_EVENTS);
      timer ??= setTimeout(save, SAVE_DELAY_MS);
    },
    /** Every event kept, oldest first, once the stored ones are read. */
    async events(): Promise<readonly SessionCookieEvent[]> {
      await loaded;
      return events;
    },
  };
}

export type SessionTimeline = ReturnType<typeof createSessionTimeline>;
