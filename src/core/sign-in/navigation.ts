/**
 * Judges a finished top-level navigation: did the site send the person to sign in instead of the
 * page they asked for? Uses what the browser says about how the navigation went (its server
 * redirects, a client redirect right after a page loaded, the error that ended it), not URLs
 * alone: a navigation that starts at a sign-in, sign-out or callback address is the sign-in at
 * work. Pure.
 */
import { redactText, redactUrl } from "../report/redact-url";
import { isSignInRelated, oauthCallback, recognizeSignInPage, type OAuthError, type SignInKind } from "./sign-in-page";

/** One server redirect of a navigation (webRequest `onBeforeRedirect`). */
export interface Hop {
  from: string;
  to: string;
  status: number;
}

/** What the browser reported of one top-level navigation. */
export interface Navigation {
  /** The URL the navigation asked for. */
  requested: string;
  /** Its server redirects, in order. */
  hops: readonly Hop[];
  /** Where it committed; null when it ended in an error. */
  landing: string | null;
  /** webNavigation's qualifiers of the commit ("server_redirect", "client_redirect", "forward_back"…). */
  qualifiers: readonly string[];
  /** The tab's page before this navigation, and when it committed (a client redirect starts there). */
  previous: { url: string; time: number } | null;
  time: number;
  /** The network error that ended it ("net::ERR_TOO_MANY_REDIRECTS"), if any. */
  error: string | null;
  /** A SAML provider's refusal the navigation posted to the service provider (its SAMLResponse's status). Absent otherwise. */
  samlRefusal?: OAuthError | null;
}

/** A navigation that ended in a sign-in instead of the page asked for: the evidence kept of it. */
export interface SignInRedirect {
  /** How the site sent the person away: server redirects, a script or meta refresh right after load, or a redirect loop. */
  by: "server" | "client" | "loop";
  /** The page asked for (the one a client redirect left). */
  requested: string;
  /** The first redirect's status (302, 303, …); 0 for a client redirect. */
  status: number;
  /** Each address of the chain as host and path with its query's parameter names only, the page asked for first. */
  chain: string[];
  /** The sign-in page the site chose, as host and kind. */
  signIn: { host: string; kind: SignInKind; returnParam: string | null } | null;
  /** An OAuth/OpenID error the provider sent back. */
  oauthError: OAuthError | null;
  /** For a loop: the hosts the navigation went round, and how many redirects Chrome followed. */
  loop: { hosts: string[]; redirects: number } | null;
  /** The sign-in page's address says the session ended ("_err=session", "reason=timeout", "expired"): the marker, value and all. Absent otherwise. */
  sessionEnded?: string;
}

/** Query parameters whose value says why a sign-in page is shown, and the values that mean a session ended. */
const REASON_PARAMS: ReadonlySet<string> = new Set(["_err", "err", "error", "reason", "msg", "message", "cause", "status", "logout_reason"]);
const ENDED_VALUE = /^(session([_ -]?(expired|ended|timeout|timed[_ -]?out|invalid|error))?|timeout|timed[_ -]?out|expired|inactiv(e|ity)|idle)$/i;
/** Parameters whose presence alone says so (`?expired`, `?session_expired=1`). */
const ENDED_FLAG = /^(expired|session[_-]?expired|sessionexpired|session[_-]?timeout|timeout|timedout|inactive)$/i;

/**
 * The marker of an app's own "your session ended" in a sign-in page's address (Roundcube's
 * `?_task=login&_err=session`, `?reason=timeout`, `?expired`): "_err=session". Null for any other.
 */
export function sessionEndedMarker(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  for (const [name, value] of url.searchParams) {
    if (REASON_PARAMS.has(name.toLowerCase()) && ENDED_VALUE.test(value)) return `${name.slice(0, 30)}=${value.slice(0, 30)}`;
    if (ENDED_FLAG.test(name) && !/^(0|false|no)$/i.test(value)) return name.slice(0, 30);
  }
  return null;
}

/** A client redirect this soon after its page committed is the page sending the person away, not the person. */
const CLIENT_REDIRECT_MS = 10_000;
const MAX_CHAIN = 25;

/**
 * Whether the navigation finished a sign-in: it started at a sign-in address (a submitted sign-in
 * form, a callback) and committed on a page that is not one. Failures that sent the person to sign
 * in on that site are then answered.
 */
export function finishedSignIn(n: Navigation): boolean {
  if (n.landing === null || n.error !== null) return false;
  const started = isSignInRelated(n.requested) || (n.hops.length > 0 && n.hops.some((h) => oauthCallback(h.to)?.error === null));
  return started && !recognizeSignInPage(n.landing) && !oauthCallback(n.landing)?.error;
}

/** The redirect, if the navigation was one the person should hear about; null for every other navigation. */
export function judgeNavigation(n: Navigation): SignInRedirect | null {
  const addresses = [n.requested, ...n.hops.map((h) => h.to)];
  const chain = addresses.slice(0, MAX_CHAIN).map(describeAddress);
  const status = n.hops[0]?.status ?? 0;
  const firstSignIn = addresses.slice(1).map((a) => ({ a, page: recognizeSignInPage(a) })).find((x) => x.page);
  const signIn = firstSignIn?.page ? { host: hostOf(firstSignIn.a), kind: firstSignIn.page.kind, returnParam: firstSignIn.page.returnParam } : null;

  if (n.error === "net::ERR_TOO_MANY_REDIRECTS") {
    // Round and round: a sign-in loop only if a sign-in page or a callback is on the way.
    if (!addresses.some((a) => recognizeSignInPage(a) || oauthCallback(a))) return null;
    // The loop is the app's: name the page of it the person was going round to, not a sign-in step.
    const page = addresses.find((a) => !isSignInRelated(a)) ?? n.requested;
    const pageStatus = n.hops.find((h) => h.from === page)?.status ?? status;
    return { by: "loop", requested: page, status: pageStatus, chain, signIn, oauthError: null, loop: { hosts: [...new Set(addresses.map(hostOf))], redirects: n.hops.length } };
  }
  if (n.landing === null) return null;

  // A SAML provider's refusal posted to the app, that leaves the person on the app's error page (or a sign-in page).
  if (n.samlRefusal && (n.hops.length === 0 || recognizeSignInPage(n.landing) || /error/i.test(n.landing))) {
    return { by: n.hops.length ? "server" : "client", requested: n.requested, status, chain, signIn, oauthError: n.samlRefusal, loop: null };
  }
  // An OAuth/OpenID error sent back, that leaves the person on an error page or a sign-in page (a silent check the app absorbs does not).
  const errorCallback = [...addresses.slice(1), n.landing].map((a) => ({ a, callback: oauthCallback(a) })).find((x) => x.callback?.error);
  if (errorCallback?.callback?.error && (sameAddress(n.landing, errorCallback.a) || recognizeSignInPage(n.landing))) {
    // The callback is the app's own address: the failure is the app's, wherever the person started.
    return { by: n.hops.length ? "server" : "client", requested: errorCallback.a, status, chain, signIn, oauthError: errorCallback.callback.error, loop: null };
  }

  const landedOnSignIn = recognizeSignInPage(n.landing) !== null || (signIn !== null && hostOf(n.landing) === signIn.host);
  if (!landedOnSignIn) return null;
  if (n.hops.length > 0) {
    // Asked for a sign-in, a sign-out or a callback: that is signing in or out, as asked.
    if (isSignInRelated(n.requested) || !signIn) return null;
    return { by: "server", requested: n.requested, status, chain, signIn, oauthError: null, loop: null };
  }
  // The app's own script sending the person to sign in, its address saying the session ended, however long after the page loaded.
  const ended = sessionEndedMarker(n.landing);
  const byScript = n.qualifiers.includes("client_redirect") && n.time - (n.previous?.time ?? 0) <= CLIENT_REDIRECT_MS;
  if (n.previous && (byScript || (ended !== null && hostOf(n.previous.url) === hostOf(n.landing))) && !isSignInRelated(n.previous.url)) {
    const page = recognizeSignInPage(n.landing);
    return {
      ...(ended ? { sessionEnded: ended } : {}),
      by: "client",
      requested: n.previous.url,
      status: 0,
      chain: [describeAddress(n.previous.url), ...chain],
      signIn: page ? { host: hostOf(n.landing), kind: page.kind, returnParam: page.returnParam } : signIn,
      oauthError: null,
      loop: null,
    };
  }
  return null;
}

/**
 * The redirect as it is kept: the page asked for redacted as every address is, the provider's
 * error in its words with any address or token in them redacted, the chain's paths without tokens.
 */
export function redactRedirect(r: SignInRedirect): SignInRedirect {
  const oauthError = r.oauthError ? { error: redactText(r.oauthError.error), description: r.oauthError.description === null ? null : redactText(r.oauthError.description) } : null;
  return { ...r, requested: redactUrl(r.requested), chain: r.chain.map((a) => redactText(a)), oauthError };
}

/** "host/path?next&client_id": an address with its query's parameter names and none of their values. */
export function describeAddress(raw: string): string {
  try {
    const url = new URL(raw);
    const names = [...new Set(url.searchParams.keys())].map((k) => k.slice(0, 40));
    return `${url.host}${url.pathname.slice(0, 200)}${names.length ? `?${names.slice(0, 12).join("&")}` : ""}`;
  } catch {
    return raw.slice(0, 100);
  }
}

function hostOf(raw: string): string {
  try {
    return new URL(raw).host;
  } catch {
    return "";
  }
}

/** The same address, ignoring the fragment. */
function sameAddress(a: string, b: string): boolean {
  return a.split("#")[0] === b.split("#")[0];
}
