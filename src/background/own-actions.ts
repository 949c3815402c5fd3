import { OWN_ACTION_MS, type After, type OwnActionKind } from "../core/fixes/outcome";

/** A cookie as the jar names it: what an own change is recognised by. */
export interface CookieKey {
  name: string;
  domain: string;
  path: string;
}

/** How long a page AuthLens reloaded or opened may take to commit. */
const LOAD_MS = 30_000;
/** How long after AuthLens removes or puts back cookies the browser's reports of that are taken as its own. */
const OWN_COOKIE_MS = 5000;

const keyOf = (c: CookieKey) => `${c.name}\n${c.domain}\n${c.path}`;

/**
 * What AuthLens itself just did in each tab (a fix, an undo, the reload of a closer look) and the
 * cookie changes it is about to make. What follows from them is never evidence: the cookie-change
 * log and the session timeline drop AuthLens's own changes, and a failure that follows its own
 * action in a tab is marked `after` it and counts no repeat. Memory only: an action's effects
 * arrive within seconds, while the worker is running anyway.
 */
export function createOwnActions(now: () => number = Date.now) {
  /** Each tab's last own action, and when the page it loaded (a reload, a sign-in page) committed. */
  const actions = new Map<number, { after: After; committedAt: number | null }>();
  let cookies: { key: string; removed: boolean; until: number }[] = [];

  return {
    /** Called just before AuthLens acts in a tab. */
    note(tabId: number, kind: OwnActionKind): void {
      actions.set(tabId, { after: { kind, at: now() }, committedAt: null });
    },
    /** A top-level page committed in the tab: the one AuthLens's action loaded, if it just acted. */
    committed(tabId: number): void {
      const action = actions.get(tabId);
      if (action && action.committedAt === null && now() - action.after.at <= LOAD_MS) action.committedAt = now();
    },
    /**
     * The action a failure seen at `time` in the tab followed: within {@link OWN_ACTION_MS} of the
     * page it loaded committing (however slowly it loaded), or of the action itself where it loaded
     * none (a cookie fix without a reload) or that page has not committed yet.
     */
    before(tabId: number, time: number): After | null {
      const action = actions.get(tabId);
      if (!action || time < action.after.at) return null;
      const from = action.committedAt ?? action.after.at;
      return time - from <= OWN_ACTION_MS && time - action.after.at <= LOAD_MS + OWN_ACTION_MS ? action.after : null;
    },
    /** Called just before AuthLens removes (`removed`) or puts back cookies. */
    expectCookies(changed: readonly CookieKey[], removed: boolean): void {
      const until = now() + OWN_COOKIE_MS;
      cookies = [...cookies.filter((c) => c.until > now()), ...changed.map((c) => ({ key: keyOf(c), removed, until }))];
    },
    /** Whether a change the browser reports (cookies.onChanged) is one AuthLens made. */
    isOwnChange(change: CookieKey & { removed: boolean }): boolean {
      const key = keyOf(change);
      // Putting a cookie back may first report the one it overwrites as removed.
      return cookies.some((c) => c.until > now() && c.key === key && (c.removed ? change.removed : true));
    },
    forgetTab(tabId: number): void {
      actions.delete(tabId);
    },
  };
}

export type OwnActions = ReturnType<typeof createOwnActions>;
