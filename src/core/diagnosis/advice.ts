import type { CauseId } from "./cause";
import type { MessageKey } from "../report/text";

/** What a person should know and try for each cause: message ids (`what` takes the refusing host as $1). The fixes are ranked in fixes/rank-fixes.ts. */
export interface Advice {
  what: MessageKey;
  tryFirst: MessageKey;
}

export const ADVICE: Record<CauseId, Advice> = {
  "missing-credentials": { what: "whatMissingCredentials", tryFirst: "tryMissingCredentials" },
  "session-expired": { what: "whatSessionExpired", tryFirst: "trySessionExpired" },
  "stale-cookie": { what: "whatStaleCookie", tryFirst: "tryStaleCookie" },
  "token-expired": { what: "whatTokenExpired", tryFirst: "tryTokenExpired" },
  "token-invalid": { what: "whatTokenInvalid", tryFirst: "tryTokenInvalid" },
  "wrong-credentials": { what: "whatWrongCredentials", tryFirst: "tryWrongCredentials" },
  "insufficient-permissions": { what: "whatInsufficientPermissions", tryFirst: "tryInsufficientPermissions" },
  "cors-preflight": { what: "whatCorsPreflight", tryFirst: "tryCorsPreflight" },
  "cookies-blocked": { what: "whatCookiesBlocked", tryFirst: "tryCookiesBlocked" },
  "clock-skew": { what: "whatClockSkew", tryFirst: "tryClockSkew" },
  "proxy-auth": { what: "whatProxyAuth", tryFirst: "tryProxyAuth" },
  csrf: { what: "whatCsrf", tryFirst: "tryCsrf" },
  unknown: { what: "whatUnknown", tryFirst: "tryUnknown" },
};
