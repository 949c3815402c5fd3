import { isFailure, type Failure } from "./failure";

/** The failures seen in one tab since it last moved to another site. */
export interface TabRecord {
  /** Registrable domain of the tab's top-level page (e.g. "example.co.uk"), or null before one is known. */
  site: string | null;
  /** Oldest first, at most {@link MAX_FAILURES_PER_TAB}. */
  failures: Failure[];
}

export const MAX_FAILURES_PER_TAB = 50;

export const EMPTY_TAB_RECORD: TabRecord = { site: null, failures: [] };

/**
 * Adds a failure, dropping the oldest beyond the cap. A failure whose request headers were seen
 * (AuthLens looked closer) replaces the earlier ones of its method and URL whose were not: they are
 * the same refusal, less well seen. Returns a new record.
 */
export function appendFailure(record: TabRecord, failure: Failure, cap = MAX_FAILURES_PER_TAB): TabRecord {
  const superseded = (f: Failure) => failure.details.sent.seen && f.details.sent.seen === false && f.url === failure.url && f.method === failure.method;
  const failures = [...record.failures.filter((f) => !superseded(f)), failure];
  return { ...record, failures: failures.length > cap ? failures.slice(failures.length - cap) : failures };
}

/**
 * The record after the tab's top-level page moved to `site`. Failures are kept while the tab stays
 * on one site, because a broken sign-in spans pages (an API 401, then a redirect to /login);
 * moving to another site starts a fresh record.
 */
export function enterSite(record: TabRecord, site: string | null): TabRecord {
  if (record.site === site) return record;
  return { site, failures: record.site === null ? record.failures : [] };
}

/** Reads a stored record, keeping what is well-formed and dropping the rest. */
export function parseTabRecord(value: unknown): TabRecord {
  if (typeof value !== "object" || value === null) return EMPTY_TAB_RECORD;
  const { site, failures } = value as { site?: unknown; failures?: unknown };
  return {
    site: typeof site === "string" ? site : null,
    failures: Array.isArray(failures) ? failures.filter(isFailure).slice(-MAX_FAILURES_PER_TAB) : [],
  };
}

/** Window in which refusals of one address count as a loop. */
const LOOP_WINDOW_MS = 2 * 60_000;

/** How many earlier failures of the same URL and status the record holds from the last two minutes. */
export function countRepeats(failures: readonly Failure[], failure: Pick<Failure, "url" | "status" | "time">): number {
  return failures.filter((f) => f.url === failure.url && f.status === failure.status && failure.time - f.time <= LOOP_WINDOW_MS).length;
}
