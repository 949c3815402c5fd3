import { text, type MessageKey, type Text } from "../report/text";

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

const CAUSE_NAMES: Record<CauseId, MessageKey> = {
  "missing-credentials": "causeMissingCredentials",
  "session-expired": "causeSessionExpired",
  "stale-cookie": "causeStaleCookie",
  "token-expired": "causeTokenExpired",
  "token-invalid": "causeTokenInvalid",
  "wrong-credentials": "causeWrongCredentials",
  "insufficient-permissions": "causeInsufficientPermissions",
  "cors-preflight": "causeCorsPreflight",
  "cookies-blocked": "causeCookiesBlocked",
  "clock-skew": "causeClockSkew",
  "proxy-auth": "causeProxyAuth",
  csrf: "causeCsrf",
  unknown: "causeUnknown",
};

/** The short name of a cause, as the popup, the banner and the report show it. */
export const causeName = (cause: CauseId): Text => text(CAUSE_NAMES[cause]);

const causeSet: ReadonlySet<string> = new Set(CAUSE_IDS);

/** True when `value` is one of the cause ids. */
export function isCauseId(value: unknown): value is CauseId {
  return typeof value === "string" && causeSet.has(value);
}
