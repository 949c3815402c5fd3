import type { CauseId } from "../core/cause";
import type { ActionFix } from "../messaging/protocol";
import { t, type MessageKey } from "../platform/i18n";

const CAUSE_KEYS: Record<CauseId, MessageKey> = {
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

/** The short name of a cause, as the popup and the banner show it. */
export function causeLabel(cause: CauseId): string {
  return t(CAUSE_KEYS[cause]);
}

/** The label of a fix button; each begins with the words people look for ("Clear cookies", "Remove stale cookie", …). */
export function fixLabel(fix: ActionFix, site: string | null): string {
  switch (fix) {
    case "clear-site-cookies":
      return t("fixClearCookies", site ?? "this site");
    case "remove-stale-cookie":
      return t("fixRemoveStale");
    case "retry-incognito":
      return t("fixIncognito");
    case "reload":
      return t("fixReload");
    case "sign-in-again":
      return t("fixSignInAgain");
  }
}

const TYPE_KEYS: Record<string, MessageKey> = {
  main_frame: "typeMainFrame",
  sub_frame: "typeSubFrame",
  xmlhttprequest: "typeXhr",
  image: "typeImage",
  imageset: "typeImage",
  script: "typeScript",
  stylesheet: "typeStylesheet",
  font: "typeFont",
  media: "typeMedia",
  other: "typeOther",
  ping: "typePing",
  beacon: "typePing",
  websocket: "typeWebsocket",
  csp_report: "typeCspReport",
  object: "typeObject",
};

/** What kind of request failed, in words ("Fetch/XHR", "Page"); an unknown type as the browser named it. */
export function resourceTypeLabel(type: string): string {
  const key = TYPE_KEYS[type];
  return key ? t(key) : type;
}
