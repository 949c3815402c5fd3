import { causeName, type CauseId } from "../core/diagnosis/cause";
import type { FixSubject } from "../core/failure";
import type { FixId } from "../core/fixes/fix";
import type { OwnActionKind } from "../core/fixes/outcome";
import { resourceTypeName } from "../core/headers/resource-type";
import { duration } from "../core/report/text";
import { format, say, t, type MessageKey } from "../platform/i18n";
import { ACTION_NAMES } from "../core/report/report-text";

/** The short name of a cause, as the popup and the banner show it. */
export function causeLabel(cause: CauseId): string {
  return say(causeName(cause));
}

const HEADLINES: Record<CauseId, MessageKey> = {
  "missing-credentials": "headlineMissingCredentials",
  "session-expired": "headlineSessionExpired",
  "stale-cookie": "headlineStaleCookie",
  "token-expired": "headlineTokenExpired",
  "token-invalid": "headlineTokenInvalid",
  "wrong-credentials": "headlineWrongCredentials",
  "insufficient-permissions": "headlineInsufficientPermissions",
  "cors-preflight": "headlineCorsPreflight",
  "cookies-blocked": "headlineCookiesBlocked",
  "clock-skew": "headlineClockSkew",
  "proxy-auth": "headlineProxyAuth",
  csrf: "headlineCsrf",
  unknown: "headlineUnknown",
};

/** A card's one-line headline: the cause in a non-developer's words, with no host and no status code (the summary below says where). */
export function causeHeadline(cause: CauseId): string {
  return t(HEADLINES[cause]);
}

/** How sure AuthLens is, in words a person reads at a glance; the figure is in the card's details. */
export function confidenceWords(confidence: number): string {
  return t(confidence >= 0.8 ? "confidenceHigh" : confidence >= 0.6 ? "confidenceMedium" : "confidenceLow");
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/**
 * The label of a fix button, the same on every surface; each begins with the words people look
 * for ("Sign in", "Clear cookies", …), and a fix that costs something says what.
 */
export function fixLabel(fix: FixId, failure: FixSubject): string {
  switch (fix) {
    case "sign-in": {
      const target = failure.details.signIn;
      return target?.from === "again" ? t("fixSignInAgain") : t("fixSignIn", hostOf(target?.url ?? failure.url));
    }
    case "sign-in-new-tab":
      return t("fixSignInNewTab");
    case "enter-password":
      return t("fixEnterPassword");
    case "clear-site-cookies":
      return failure.site ? t("fixClearCookies", failure.site) : t("fixClearCookiesThisSite");
    case "remove-stale-cookie":
      return t("fixRemoveStale");
    case "retry-incognito":
      return t("fixIncognito");
    case "reload":
      return t("fixReload");
    case "copy-report":
      return t(failure.cause === "proxy-auth" ? "fixCopyReportIt" : "fixCopyReportAdmin");
    case "set-clock": {
      const skew = failure.details.clockSkewMs;
      return skew ? t("fixSetClockBy", format(duration(Math.abs(skew)))) : t("fixSetClock");
    }
    case "open-own-tab":
      return t("fixOpenOwnTab", hostOf(failure.url));
    case "allow-cookies":
      return t("fixAllowCookies", failure.site ?? hostOf(failure.url));
  }
}

/** The short name of a fix or of AuthLens's own action, for "After …" and "… did not help". */
export function actionName(kind: OwnActionKind): string {
  return t(ACTION_NAMES[kind]);
}

/** What kind of request failed, in words ("Fetch/XHR", "Page"); an unknown type as the browser named it. */
export function resourceTypeLabel(type: string): string {
  return say(resourceTypeName(type));
}
