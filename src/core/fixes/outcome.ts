/**
 * What became of a failure once AuthLens tried a fix for it, and what AuthLens itself caused: its
 * own clears, reloads, undos and closer looks are never evidence (docs/report.md#fixes). Pure.
 */
import type { Failure } from "../failure";
import type { FixId } from "./fix";

/** Something AuthLens did in a tab: a fix, putting cookies back, or the reload of a closer look. */
export type OwnActionKind = FixId | "undo" | "look-closer";

/** A failure seen just after AuthLens's own action in its tab, which caused it. */
export interface After {
  kind: OwnActionKind;
  at: number;
  /** The fix was tried for this very request, and the site refused it again. */
  notHelped?: true;
}

/** What became of a failure a fix was tried for. */
export interface FixOutcome {
  fix: FixId;
  /** When the fix was carried out. */
  at: number;
  /**
   * `waiting`: for the site's next answer to the same request; `fixed`: it answered normally;
   * `not-fixed`: it refused again (the newer failure says what to try next).
   */
  state: "waiting" | "fixed" | "not-fixed";
  /** When the site's answer settled it. */
  settledAt?: number;
}

/** How long after AuthLens's own action a failure in that tab is taken to be caused by it. */
export const OWN_ACTION_MS = 10_000;

/** How long AuthLens watches for the site's answer after a fix (time enough to type a password). */
export const FIX_WATCH_MS = 15 * 60_000;

/** Fixes whose success shows in the tab's next answers; the others happen elsewhere (a report sent, another window). */
const WATCHED: ReadonlySet<FixId> = new Set<FixId>(["sign-in", "sign-in-new-tab", "enter-password", "remove-stale-cookie", "clear-site-cookies", "reload", "set-clock", "allow-cookies"]);

export const isWatchedFix = (fix: FixId) => WATCHED.has(fix);

/**
 * True while a failure stands for the person: no fix settled it, the page did not handle it
 * itself, and the moment the page has to do so (`quietUntil`) is over.
 */
export const isOpen = (f: Pick<Failure, "outcome" | "handled" | "quietUntil">, now: number = Date.now()) =>
  (!f.outcome || f.outcome.state === "waiting") && !f.handled && !(f.quietUntil !== undefined && now < f.quietUntil);

/** The failures the badge counts. */
export const openCount = (failures: readonly Pick<Failure, "outcome" | "handled" | "quietUntil">[], now: number = Date.now()) => failures.filter((f) => isOpen(f, now)).length;

/** A request as the watch compares them: method, origin and path (query and fragment aside: they are redacted). */
export function endpointOf(method: string, url: string): string | null {
  try {
    const { origin, pathname } = new URL(url);
    return `${method.toUpperCase()} ${origin}${pathname}`;
  } catch {
    return null;
  }
}

/** An answer that shows the site accepted the request: a success, or "not modified". */
export const answeredNormally = (status: number) => (status >= 200 && status < 300) || status === 304;

/** The fixes to offer after `tried` did not help: the same, with the one tried last. */
export function nextFixes(fixes: readonly FixId[], tried: FixId): FixId[] {
  return fixes.includes(tried) ? [...fixes.filter((f) => f !== tried), tried] : [...fixes];
}

/** A fix being watched in one tab: which failures it was for, and which requests answering normally settle it. */
export interface FixWatch {
  tabId: number;
  fix: FixId;
  at: number;
  until: number;
  failureIds: string[];
  endpoints: string[];
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * The watch for a fix of `failure`: it stands for every open failure of its cause and host in the
 * tab (what the popup shows as one card), and any of their requests answering normally settles it.
 */
export function watchFor(tabId: number, failures: readonly Failure[], failure: Failure, fix: FixId, now: number): FixWatch {
  const group = failures.filter((f) => f.id === failure.id || (isOpen(f) && f.cause === failure.cause && hostOf(f.url) === hostOf(failure.url)));
  const endpoints = [...new Set(group.flatMap((f) => endpointOf(f.method, f.url) ?? []))];
  return { tabId, fix, at: now, until: now + FIX_WATCH_MS, failureIds: group.map((f) => f.id), endpoints };
}

/** The failures with the watch's outcome set: waiting while it runs, then fixed or not. */
export function withOutcome(failures: readonly Failure[], watch: FixWatch, state: FixOutcome["state"], now: number): Failure[] {
  const outcome: FixOutcome = state === "waiting" ? { fix: watch.fix, at: watch.at, state } : { fix: watch.fix, at: watch.at, state, settledAt: now };
  return failures.map((f) => (watch.failureIds.includes(f.id) && (state === "waiting" || f.outcome?.state !== "fixed") ? { ...f, outcome } : f));
}

/** The failures as they were before a watch that was cancelled (its fix could not be carried out). */
export function withoutOutcome(failures: readonly Failure[], watch: FixWatch): Failure[] {
  return failures.map((f) => {
    if (!watch.failureIds.includes(f.id) || f.outcome?.at !== watch.at || f.outcome.state !== "waiting") return f;
    const { outcome: _outcome, ...rest } = f;
    return rest;
  });
}
