/** The fixed vocabulary of causes, shared by the report contract and the UI (docs/report.md). */
export const CAUSE_IDS = [
  "missing-credentials",
  "session-expired",
  "stale-cookie",
  "token-expired",
  "token-invalid",
  "wrong-credentials",
  "insufficient-permissions",
  "cors-preflight",
  "cookies-blocked",
  "clock-skew",
  "proxy-auth",
  "csrf",
  "unknown",
] as const;

export type CauseId = (typeof CAUSE_IDS)[number];

const causeSet: ReadonlySet<string> = new Set(CAUSE_IDS);

/** True when `value` is one of the cause ids. */
export function isCauseId(value: unknown): value is CauseId {
  return typeof value === "string" && causeSet.has(value);
}
