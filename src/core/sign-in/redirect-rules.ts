/** Classifier rules for a navigation that ended in a sign-in instead of the page asked for. */
import type { FailureEvidence } from "../evidence";
import type { Finding } from "../finding";
import { looksLikeSession } from "./session-cookies";

/** Clock skew past which a loop is more likely the clock than the cookie. */
const LOOP_SKEW_MS = 5 * 60_000;

/** Round and round: Chrome gave up on the redirects, or the page sent the person to sign in three times in two minutes. */
export function signInLoop(e: FailureEvidence, host: string): Finding | null {
  const redirect = e.redirect;
  if (!redirect || redirect.oauthError || (redirect.by !== "loop" && e.repeats < 2)) return null;
  const hosts = redirect.loop?.hosts ?? [...new Set([host, redirect.signIn?.host].filter((h): h is string => Boolean(h)))];
  const loopReason =
    redirect.by === "loop"
      ? { seen: `The browser stopped after ${redirect.loop?.redirects ?? "many"} redirects between ${hosts.join(" and ")}`, meaning: "A sign-in loop: the site sent you to sign in, the sign-in sent you back, and the site did not see it." }
      : { seen: `Sent to sign in ${e.repeats + 1} times in two minutes`, meaning: "A sign-in loop: signing in again alone has not helped." };
  const fixes = ["clear-site-cookies" as const, "sign-in-again" as const, "reload" as const];
  const where = `Sign-in loop between ${hosts.join(" and ")}`;
  const stale = (e.jar?.duplicateNames ?? []).filter(looksLikeSession);
  if (stale.length > 0) {
    return {
      cause: "stale-cookie",
      confidence: 0.7,
      summary: `${where}: an old "${stale[0]}" cookie is probably sent in place of the one the sign-in just set.`,
      reasons: [loopReason, { seen: `Two "${stale[0]}" cookies in the jar for this address`, meaning: "The browser sends both; the site reads the old one and sends you to sign in again." }],
      fixes: ["clear-site-cookies", "remove-stale-cookie", "sign-in-again", "reload"],
    };
  }
  if (e.clockSkewMs !== null && Math.abs(e.clockSkewMs) >= LOOP_SKEW_MS) {
    return { cause: "clock-skew", confidence: 0.6, summary: `${where}: your computer's clock is far off the site's, so each new sign-in looks expired to it.`, reasons: [loopReason, { seen: `Server clock ${e.clockSkewMs > 0 ? "ahead" : "behind"} by ${Math.round(Math.abs(e.clockSkewMs) / 60_000)} minutes`, meaning: "Sign-ins that last minutes are judged by the server's clock." }], fixes };
  }
  return {
    cause: "cookies-blocked",
    confidence: 0.5,
    summary: `${where}: most likely your browser does not keep the cookie the sign-in sets (blocked, refused, or not sent back), so the site never sees you signed in.`,
    reasons: [loopReason, { seen: "In order of likelihood", meaning: "A cookie the browser blocks or does not keep; an old cookie shadowing the new one; a clock far off. Clearing the site's cookies settles the second; Look closer shows a cookie the browser refused." }],
    fixes,
  };
}

/** Codes that mean the provider needs the person to sign in, or to say yes (OpenID Connect Core §3.1.2.6). */
const SIGN_IN_NEEDED = new Set(["login_required", "interaction_required", "consent_required", "account_selection_required"]);

/** An OAuth/OpenID error the provider sent back, which left the person on an error or sign-in page. */
export function oauthError(e: FailureEvidence, host: string): Finding | null {
  const error = e.redirect?.oauthError;
  if (!error) return null;
  const said = `error=${error.error}${error.description ? ` ("${cleanDescription(error.description)}")` : ""}`;
  const reason = { seen: `Sent back to ${host} with ${said}`, meaning: "The sign-in provider's own answer (RFC 6749 §4.1.2.1)." };
  if (error.error === "access_denied") {
    return { cause: "insufficient-permissions", confidence: 0.85, summary: `The sign-in provider refused access to ${host}: either you declined, or your account may not use this app.`, reasons: [reason] };
  }
  if (SIGN_IN_NEEDED.has(error.error)) {
    return { cause: "missing-credentials", confidence: 0.85, summary: `${host} could not sign you in without asking: the provider needs you to sign in${error.error === "consent_required" ? " and agree" : ""} first.`, reasons: [reason] };
  }
  return { cause: "unknown", confidence: 0.5, summary: `The sign-in provider answered ${host} with ${said}.`, reasons: [{ ...reason, meaning: "An error of the app's sign-in set-up, not of your account: the site's developers can tell what it means." }], fixes: ["contact-site", "reload"] };
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
  const how = redirect.by === "client" ? "the page sent you on, right after it loaded," : `it answered ${e.status},`;
  const chainReason = { seen: `Redirected: ${redirect.chain.join(" → ")}`, meaning: `Instead of the page you asked for, ${how} to a sign-in page${to === host ? "" : ` at ${to}`}.` };
  const cleared = e.response.setCookies.filter((c) => c.clears && looksLikeSession(c.name)).map((c) => c.name);
  if (cleared.length > 0) {
    return {
      cause: "session-expired",
      confidence: 0.85,
      summary: `Your session on ${host} has ended: it deleted your "${cleared[0]}" cookie and sent you to sign in.`,
      reasons: [chainReason, { seen: `${cleared.join(", ")} deleted from the cookie jar as the redirect arrived`, meaning: "The site ended the session it had." }],
    };
  }
  const sessions = e.sent.cookieNames.filter(looksLikeSession);
  if (sessions.length > 0 && !e.sent.cookiesUncertain) {
    return {
      cause: "session-expired",
      confidence: 0.7,
      summary: `Your session on ${host} has ended: it sent you to sign in although your browser still holds its "${sessions[0]}" cookie.`,
      reasons: [chainReason, { seen: `Cookies in the jar for this address: ${e.sent.cookieNames.join(", ")}`, meaning: "The browser sends these with the page; the site no longer accepts them." }],
    };
  }
  return {
    cause: "missing-credentials",
    confidence: 0.7,
    summary: `${host} wants you to sign in: it sent you to ${to === host ? "its" : `${to}'s`} sign-in page.`,
    reasons: [chainReason, { seen: e.sent.cookieNames.length ? `No sign-in cookie in the jar for this address (only ${e.sent.cookieNames.join(", ")})` : "No cookies for this address in the jar", meaning: "You have not signed in here in this browser, or your sign-in was removed." }],
  };
}
