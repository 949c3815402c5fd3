/**
 * One ranked list of fixes per failure, from its cause and evidence: the first is the one that
 * resolves that situation, no fix the explanation rules out is offered, and clearing a site's
 * cookies (which signs the person out of all of it) comes first only where the evidence says the
 * cookies are the problem. Every surface shows this list as it is (docs/report.md#fixes). Pure.
 */
import type { CauseId } from "../diagnosis/cause";
import type { FailureEvidence } from "../diagnosis/evidence";
import type { FixId } from "./fix";
import { TAB_LEAVING_FIXES } from "./fix";

/** Challenges the browser answers itself, with its own sign-in window. */
const PROMPT_SCHEMES = new Set(["basic", "digest"]);

/** The evidence the ranking reads. */
export type RankingEvidence = Pick<FailureEvidence, "status" | "sent" | "response" | "jar" | "embeddedIn" | "crossSite" | "resourceType" | "repeats" | "redirect">;

/**
 * The site's own frame inside another site's page (its document, or a call it makes itself):
 * in a tab of its own, the browser sends it its cookies. A call another site's page makes to it
 * stays cross-site wherever the person opens the site.
 */
export const framedBySite = (e: Pick<FailureEvidence, "embeddedIn" | "crossSite" | "resourceType">) => Boolean(e.embeddedIn) && (e.resourceType === "sub_frame" || !e.crossSite);

/** The browser asked for a username and password in its own window (HTTP Basic or Digest). */
function browserAsks(e: RankingEvidence): boolean {
  // A page's call that carried the name and password in its address (a web client's own form) is answered for it: the browser does not ask.
  if (e.sent.addressCredentials) return false;
  return e.response.challenges.some((c) => PROMPT_SCHEMES.has(c.scheme.toLowerCase())) || PROMPT_SCHEMES.has(e.sent.authorizationScheme?.toLowerCase() ?? "");
}

function cookiesBlockedFixes(e: RankingEvidence): FixId[] {
  const withheld = new Set((e.jar?.applicable ?? []).flatMap((c) => (c.withheld ? [c.withheld] : [])));
  // The site's sign-in cookie lives in its own tab's partition: that tab has it.
  if (e.jar?.keptApart?.length && framedBySite(e)) return ["open-own-tab", "copy-report"];
  // Inside another site's page the browser keeps SameSite cookies away whatever the settings: the site's own tab gets them.
  if (withheld.has("samesite") && framedBySite(e)) return ["open-own-tab", "copy-report"];
  if (withheld.has("third-party")) return framedBySite(e) ? ["allow-cookies", "open-own-tab"] : ["allow-cookies", "reload"];
  // A cookie the browser refuses to store (SameSite=None without Secure, a bad prefix or domain) is refused whatever the person allows.
  return ["copy-report"];
}

/** The fixes for a cause, most promising first, for what this evidence shows. */
function byCause(cause: CauseId, e: RankingEvidence): FixId[] {
  switch (cause) {
    case "missing-credentials":
      return browserAsks(e) ? ["enter-password", "reload"] : ["sign-in", "reload"];
    case "session-expired":
      return ["sign-in", "reload", "clear-site-cookies"];
    case "stale-cookie":
      return ["remove-stale-cookie", "clear-site-cookies", "sign-in"];
    case "token-expired":
      // Apps fetch a fresh token when their page loads.
      return ["reload", "sign-in"];
    case "token-invalid":
      return ["sign-in", "retry-incognito", "clear-site-cookies"];
    case "wrong-credentials":
      // The password itself was refused: a private window or cleared cookies send the same one.
      return browserAsks(e) ? ["enter-password"] : ["sign-in"];
    case "insufficient-permissions":
      return ["copy-report", "sign-in"];
    case "cors-preflight":
      return ["copy-report"];
    case "cookies-blocked":
      return cookiesBlockedFixes(e);
    case "clock-skew":
      return ["set-clock", "reload"];
    case "proxy-auth":
      return ["copy-report", "enter-password"];
    case "csrf":
      return ["reload", "sign-in"];
    case "unknown":
      return ["reload", "retry-incognito", "copy-report"];
  }
}

/** In a sign-in loop the site's cookies are what keeps it going: clearing them comes first. */
const LOOPING: ReadonlySet<CauseId> = new Set(["session-expired", "token-invalid", "missing-credentials"]);

/**
 * The ranked fixes of a failure. `chosen`: fixes a classifier rule picked for evidence of its own
 * (a loop, a provider's error), which replace the cause's.
 */
export function rankFixes(cause: CauseId, e: RankingEvidence, chosen?: readonly FixId[]): FixId[] {
  if (chosen) return [...new Set(chosen)];
  const fixes = byCause(cause, e);
  if (e.repeats >= 2 && LOOPING.has(cause)) return ["clear-site-cookies", ...fixes.filter((f) => f !== "clear-site-cookies")];
  return fixes;
}

/** What AuthLens knows of the page in the tab when it offers fixes. */
export interface PageState {
  /** Text typed into the page's fields, or a guard against leaving it: reloading or leaving would lose it. */
  unsavedInput: boolean;
}

/**
 * The fixes as offered on a page holding typed text: a first fix that would reload or leave the
 * page gives way to signing in in a new tab, after which the person tries again on this page.
 * The others stay, and the worker asks before any of them reloads (nothing typed is lost).
 */
export function fixesForPage(fixes: readonly FixId[], page: PageState | null): FixId[] {
  const [first] = fixes;
  if (!page?.unsavedInput || first === undefined || !TAB_LEAVING_FIXES.has(first)) return [...fixes];
  return ["sign-in-new-tab", ...fixes.filter((f) => f !== "sign-in-new-tab")];
}
