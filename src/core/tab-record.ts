import { isBlockedRequest, MAX_BLOCKED_PER_TAB, type BlockedRequest } from "./diagnosis/blocked-request";
import { readFailure, type Failure } from "./failure";
import { seenInFull } from "./diagnosis/seen-in-full";

/** The failures seen in one tab since it last moved to another site. */
export interface TabRecord {
  /** Registrable domain of the tab's top-level page (e.g. "example.co.uk"), or null before one is known. */
  site: string | null;
  /** Oldest first, at most {@link MAX_FAILURES_PER_TAB}. */
  failures: Failure[];
  /** Calls to other origins whose answer the browser hid (most likely CORS), oldest first; absent when none. */
  blocked?: BlockedRequest[];
}

export const MAX_FAILURES_PER_TAB = 50;

export const EMPTY_TAB_RECORD: TabRecord = { site: null, failures: [] };

/** True when the record holds nothing worth keeping. */
export const isEmptyRecord = (record: TabRecord) => record.failures.length === 0 && (record.blocked?.length ?? 0) === 0;

/**
 * Adds a failure, dropping the oldest beyond the cap. A failure seen in full (AuthLens looked
 * closer, or the browser shows everything) replaces the earlier ones of its method and URL that
 * were not, and the blocked calls it explains: they are the same refusal, less well seen. Returns
 * a new record.
 */
export function appendFailure(record: TabRecord, failure: Failure, cap = MAX_FAILURES_PER_TAB): TabRecord {
  const full = seenInFull(failure.details);
  const same = (f: { url: string; method: string }) => f.url === failure.url && f.method === failure.method;
  const failures = [...record.failures.filter((f) => !(full && !seenInFull(f.details) && same(f))), failure];
  const blocked = record.blocked?.filter((b) => !(full && same(b))) ?? [];
  return { site: record.site, failures: failures.length > cap ? failures.slice(failures.length - cap) : failures, ...(blocked.length ? { blocked } : {}) };
}

/** Adds a blocked call, dropping the oldest beyond {@link MAX_BLOCKED_PER_TAB}. Returns a new record. */
export function appendBlocked(record: TabRecord, blocked: BlockedRequest): TabRecord {
  return { ...record, blocked: [...(record.blocked ?? []), blocked].slice(-MAX_BLOCKED_PER_TAB) };
}

/**
 * The record after the tab's top-level page moved to `site`. Failures are kept while the tab stays
 * on one site, because a broken sign-in spans pages (an API 401, then a redirect to /login);
 * moving to another site starts a fresh record.
 */
export function enterSite(record: TabRecord, site: string | null): TabRecord {
  if (record.site === site) return record;
  return record.site === null ? { ...record, site } : { site, failures: [] };
}

/**
 * A record as it is stored: its failures as one JSON text. Chrome weighs `storage.session` by the
 * values it holds, each field of each failure counted on its own; one text per tab weighs about
 * its length (docs/performance.md: 5.6 KB a failure as fields, 2.1 KB as text).
 */
export function toStoredRecord(record: TabRecord): { site: string | null; failures: string; blocked?: BlockedRequest[] } {
  return { site: record.site, failures: JSON.stringify(record.failures), ...(record.blocked?.length ? { blocked: record.blocked } : {}) };
}

/** A stored list of failures: the JSON text this version writes, or the array older versions wrote. */
function storedFailures(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return [];
  }
}

/** Reads a stored record, keeping what is well-formed and dropping the rest. */
export function parseTabRecord(value: unknown): TabRecord {
  if (typeof value !== "object" || value === null) return EMPTY_TAB_RECORD;
  const { site, blocked } = value as { site?: unknown; blocked?: unknown };
  const failures = storedFailures((value as { failures?: unknown }).failures);
  const calls = Array.isArray(blocked) ? blocked.filter(isBlockedRequest).slice(-MAX_BLOCKED_PER_TAB) : [];
  return {
    site: typeof site === "string" ? site : null,
    failures: Array.isArray(failures) ? failures.flatMap((f) => readFailure(f) ?? []).slice(-MAX_FAILURES_PER_TAB) : [],
    ...(calls.length ? { blocked: calls } : {}),
  };
}

/** Window in which refusals of one address count as a loop. */
const LOOP_WINDOW_MS = 2 * 60_000;

/**
 * How many earlier failures of the same URL and status the record holds from the last two minutes.
 * Failures AuthLens caused (the reload of a fix, an undo, a closer look) are no repeat, and count none.
 */
export function countRepeats(failures: readonly Failure[], failure: Pick<Failure, "url" | "status" | "time" | "after">): number {
  if (failure.after) return 0;
  return failures.filter((f) => !f.after && f.url === failure.url && f.status === failure.status && failure.time - f.time <= LOOP_WINDOW_MS).length;
}
