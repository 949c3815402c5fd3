/** Classifier rules for a navigation that ended in a sign-in instead of the page asked for. */
import type { FailureEvidence } from "../diagnosis/evidence";
import type { Finding } from "../diagnosis/finding";
import type { Reason } from "../diagnosis/diagnosis";
import { duration, list, plural, text } from "../report/text";
import { looksLikeSession } from "./session-cookies";

/** Clock skew past which a loop is more likely the clock than the cookie. */
const LOOP_SKEW_MS = 5 * 60_000;

/** Round and round: Chrome gave up on the redirects, or the page sent the person to sign in three times in two minutes. */
export function signInLoop(e: FailureEvidence, host: string): Finding | null {
  const redirect = e.redirect;
  if (!redirect || redirect.oauthError || (redirect.by !== "loop" && e.repeats < 2)) return null;
  const hosts = redirect.loop?.hosts ?? [...new Set([host, redirect.signIn?.host].filter((h): h is string => Boolean(h)))];
  const between = list(hosts);
  const loopReason: Reason =
    redirect.by === "loop"
      ? redirect.loop?.redirects
        ? { seen: plural("seenLoopStopped", redirect.loop.redirects, between), meaning: text("meaningLoopStopped") }
        : { seen: text("seenLoopStoppedMany", between), meaning: text("meaningLoopStopped") }
      : { seen: plural("seenSentToSignIn", e.repeats + 1), meaning: text("meaningLoop") };
  const fixes = ["clear-site-cookies" as const, "sign-in" as const, "reload" as const];
  const stale = (e.jar?.duplicateNames ?? []).filter(looksLikeSession);
  if (stale.length > 0) {
    return {
      cause: "stale-cookie",
      confidence: 0.7,
      summary: text("summaryLoopStale", between, stale[0]!),
      reasons: [loopReason, { seen: text("seenTwoCookiesInJar", stale[0]!), meaning: text("meaningLoopStale") }],
      fixes: ["clear-site-cookies", "remove-stale-cookie", "sign-in", "reload"],
    };
  }
  if (e.clockSkewMs !== null && Math.abs(e.clockSkewMs) >= LOOP_SKEW_MS) {
    return {
      cause: "clock-skew",
      confidence: 0.6,
      summary: text("summaryLoopClock", between),
      reasons: [loopReason, { seen: text(e.clockSkewMs > 0 ? "seenServerClockAhead" : "seenServerClockBehind", duration(e.clockSkewMs)), meaning: text("meaningLoopClock") }],
      fixes,
    };
  }
  return {
    cause: "cookies-blocked",
    confidence: 0.5,
    summary: text("summaryLoopCookies", between),
    reasons: [loopReason, { seen: text("seenLikelihoodOrder"), meaning: text("meaningLoopCauses") }],
    fixes,
  };
}

/** Codes that mean the provider needs the person to sign in, or to say yes (OpenID Connect Core §3.1.2.6). */
const SIGN_IN_NEEDED = new Set(["login_required", "interaction_required", "consent_required", "account_selection_required"]);

/** An OAuth/OpenID error the provider sent back, which left the person on an error or sign-in page. */
export function oauthError(e: FailureEvidence, host: string): Finding | null {
  const error = e.redirect?.oauthError;
  if (!error) return null;
  const saml = error.error.startsWith("saml:") ? error.error.slice(5) : null;
  const said = `${saml !== null ? `SAML status ${saml}` : `error=${error.error}`}${error.description ? ` ("${cleanDescription(error.description)}")` : ""}`;
  const reason = { seen: text("seenSentBackWith", host, said), meaning: text("meaningProviderAnswer") };
  // SAML 2.0 Core §3.2.2.2: NoPassive, the provider would have to ask the person to sign in; RequestDenied, it will not answer; AuthnFailed, it could not sign them in.
  if (saml === "RequestDenied") return { cause: "insufficient-permissions", confidence: 0.85, summary: text("summaryProviderDenied", host), reasons: [reason] };
  if (saml === "NoPassive") return { cause: "missing-credentials", confidence: 0.85, summary: text("summaryProviderNeedsSignIn", host), reasons: [reason] };
  if (saml === "AuthnFailed") return { cause: "wrong-credentials", confidence: 0.5, summary: text("summaryProviderAuthnFailed", host), reasons: [reason] };
  if (error.error === "access_denied") {
    return { cause: "insufficient-permissions", confidence: 0.85, summary: text("summaryProviderDenied", host), reasons: [reason] };
  }
  if (SIGN_IN_NEEDED.has(error.error)) {
    return { cause: "missing-credentials", confidence: 0.85, summary: text(error.error === "consent_required" ? "summaryProviderNeedsConsent" : "summaryProviderNeedsSignIn", host), reasons: [reason] };
  }
  return { cause: "unknown", confidence: 0.5, summary: text("summaryProviderError", host, said), reasons: [{ ...reason, meaning: text("meaningProviderSetUp") }], fixes: ["copy-report", "reload"] };
}

/** A description as it may be shown: no e-mail address, nothing that looks like a token. */
function cleanDescription(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, "(e-mail)")
    .replace(/[A-Za-z0-9_\-.]{32,}/g, "(hidden)")
    .slice(0, 200);
}

/** The site sent the person to its sign-in page instead of the page asked for. */
export function signInRedirect(e: FailureEvidence, host: string): Finding | null {
  const redirect = e.redirect;
  if (!redirect || redirect.oauthError) return null;
  const to = redirect.signIn?.host ?? host;
  const client = redirect.by === "client";
  const meaning = to === host ? (client ? text("meaningClientRedirect") : text("meaningServerRedirect", e.status)) : client ? text("meaningClientRedirectTo", to) : text("meaningServerRedirectTo", e.status, to);
  const chainReason = { seen: text("seenRedirected", redirect.chain.join(" → ")), meaning };
  const cleared = e.response.setCookies.filter((c) => c.clears && looksLikeSession(c.name)).map((c) => c.name);
  if (cleared.length > 0) {
    return {
      cause: "session-expired",
      confidence: 0.85,
      summary: text("summaryRedirectDeleted", host, cleared[0]!),
      reasons: [chainReason, { seen: text("seenDeletedAsRedirected", cleared.join(", ")), meaning: text("meaningSiteEndedSession") }],
    };
  }
  if (redirect.sessionEnded) {
    return {
      cause: "session-expired",
      confidence: 0.8,
      summary: text("summarySessionEndedByApp", host),
      reasons: [chainReason, { seen: text("seenSessionEndedMarker", redirect.sessionEnded), meaning: text("meaningSessionEndedMarker") }],
    };
  }
  const sessions = e.sent.cookieNames.filter(looksLikeSession);
  if (sessions.length > 0 && !e.sent.cookiesUncertain) {
    return {
      cause: "session-expired",
      confidence: 0.7,
      summary: text("summaryRedirectDespiteCookie", host, sessions[0]!),
      reasons: [chainReason, { seen: text("seenJarCookiesPlain", e.sent.cookieNames.join(", ")), meaning: text("meaningNoLongerAccepted") }],
    };
  }
  return {
    cause: "missing-credentials",
    confidence: 0.7,
    summary: to === host ? text("summaryRedirectOwn", host) : text("summaryRedirectTo", host, to),
    reasons: [
      chainReason,
      { seen: e.sent.cookieNames.length ? text("seenNoSignInCookie", e.sent.cookieNames.join(", ")) : text("seenNoJarCookies"), meaning: text("meaningNotSignedInHere") },
    ],
  };
}
