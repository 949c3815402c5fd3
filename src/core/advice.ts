import type { CauseId } from "./cause";
import type { FixId } from "./fix";
import type { MessageKey } from "./text";

/** What a person should know and try for each cause: message ids (`what` takes the refusing host as $1). */
export interface Advice {
  what: MessageKey;
  tryFirst: MessageKey;
  fixes: FixId[];
}

export const ADVICE: Record<CauseId, Advice> = {
  "missing-credentials": { what: "whatMissingCredentials", tryFirst: "tryMissingCredentials", fixes: ["sign-in-again", "reload"] },
  "session-expired": { what: "whatSessionExpired", tryFirst: "trySessionExpired", fixes: ["sign-in-again", "reload", "clear-site-cookies"] },
  "stale-cookie": { what: "whatStaleCookie", tryFirst: "tryStaleCookie", fixes: ["remove-stale-cookie", "clear-site-cookies", "reload"] },
  "token-expired": { what: "whatTokenExpired", tryFirst: "tryTokenExpired", fixes: ["reload", "sign-in-again"] },
  "token-invalid": { what: "whatTokenInvalid", tryFirst: "tryTokenInvalid", fixes: ["sign-in-again", "clear-site-cookies", "retry-incognito"] },
  "wrong-credentials": { what: "whatWrongCredentials", tryFirst: "tryWrongCredentials", fixes: ["sign-in-again"] },
  "insufficient-permissions": { what: "whatInsufficientPermissions", tryFirst: "tryInsufficientPermissions", fixes: ["contact-site", "sign-in-again"] },
  "cors-preflight": { what: "whatCorsPreflight", tryFirst: "tryCorsPreflight", fixes: ["contact-site"] },
  "cookies-blocked": { what: "whatCookiesBlocked", tryFirst: "tryCookiesBlocked", fixes: ["reload", "contact-site"] },
  "clock-skew": { what: "whatClockSkew", tryFirst: "tryClockSkew", fixes: ["reload"] },
  "proxy-auth": { what: "whatProxyAuth", tryFirst: "tryProxyAuth", fixes: ["sign-in-again", "contact-site"] },
  csrf: { what: "whatCsrf", tryFirst: "tryCsrf", fixes: ["reload", "sign-in-again"] },
  unknown: { what: "whatUnknown", tryFirst: "tryUnknown", fixes: ["reload", "retry-incognito"] },
};
