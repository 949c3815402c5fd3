import { causeName, type CauseId } from "../core/cause";
import { resourceTypeName } from "../core/resource-type";
import type { ActionFix } from "../messaging/protocol";
import { say, t } from "../platform/i18n";

/** The short name of a cause, as the popup and the banner show it. */
export function causeLabel(cause: CauseId): string {
  return say(causeName(cause));
}

/** The label of a fix button; each begins with the words people look for ("Clear cookies", "Remove stale cookie", …). */
export function fixLabel(fix: ActionFix, site: string | null): string {
  switch (fix) {
    case "clear-site-cookies":
      return site ? t("fixClearCookies", site) : t("fixClearCookiesThisSite");
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

/** What kind of request failed, in words ("Fetch/XHR", "Page"); an unknown type as the browser named it. */
export function resourceTypeLabel(type: string): string {
  return say(resourceTypeName(type));
}
