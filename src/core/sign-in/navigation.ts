/**
 * Judges a finished top-level navigation: did the site send the person to sign in instead of the
 * page they asked for? Uses what the browser says about how the navigation went (its server
 * redirects, a client redirect right after a page loaded, the error that ended it), not URLs
 * alone: a navigation that starts at a sign-in, sign-out or callback address is the sign-in at
 * work. Pure.
 */
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
  if (n.qualifiers.includes("client_redirect") && n.previous && n.time - n.previous.time <= CLIENT_REDIRECT_MS && !isSignInRelated(n.previous.url)) {
    const page = recognizeSignInPage(n.landing);
    return {
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
