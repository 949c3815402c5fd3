import { finishedSignIn, judgeNavigation, type Hop, type Navigation, type SignInRedirect } from "../core/sign-in/navigation";
import type { OAuthError } from "../core/sign-in/sign-in-page";
import type { RedirectEvent, ResponseEvent } from "../platform/web-request";

/** A navigation's first response, and what its request was seen to carry (`S`: the recorder's own record of that). */
export interface FirstResponse<S> {
  details: ResponseEvent;
  sent: S | null;
}

/** What the watch reports: a navigation that ended in a sign-in, with the response that began it (null when it was a client redirect or is not known). */
export interface SignInNavigation<S> {
  tabId: number;
  redirect: SignInRedirect;
  first: FirstResponse<S> | null;
  time: number;
}

interface Pending<S> {
  requestId: string;
  first: FirstResponse<S> | null;
  hops: Hop[];
  samlRefusal?: OAuthError;
}

const MAX_HOPS = 30;
/** Chrome follows at most 20 redirects (net::URLRequest's kMaxRedirects), then fails the request (webRequest says net::ERR_ABORTED). */
const CHROME_REDIRECT_LIMIT = 20;
/** A loop the browser runs again (reloading its error page) is the same loop. */
const SAME_LOOP_MS = 60_000;

/**
 * Follows each tab's top-level navigations (their redirects from webRequest, their commit from
 * webNavigation) and hands the finished ones to {@link judgeNavigation}: a navigation the site
 * turned into a sign-in is reported, one that finished a sign-in is too (its site's "sign in"
 * failures are answered). Redirects are rare, and each costs a map update.
 */
export function createNavigationWatch<S>(report: { signIn(n: SignInNavigation<S>): void; signedIn(tabId: number, landing: string): void }, now: () => number = Date.now) {
  const pending = new Map<number, Pending<S>>();
  const pages = new Map<number, { url: string; time: number }>();
  const loops = new Map<number, { requested: string; time: number }>();

  const navigation = (tabId: number, requestId: string): Pending<S> => {
    const current = pending.get(tabId);
    if (current?.requestId === requestId) return current;
    const fresh: Pending<S> = { requestId, first: null, hops: [] };
    pending.set(tabId, fresh);
    return fresh;
  };

  function finish(tabId: number, nav: Pending<S> | undefined, landing: string | null, qualifiers: readonly string[], error: string | null): void {
    const previous = pages.get(tabId) ?? null;
    const time = now();
    // A navigation's redirects are its own only if they led where it landed (an earlier one's are stale).
    const last = nav?.hops.at(-1)?.to;
    const hops = nav && (landing === null || (last !== undefined && sameDocument(last, landing))) ? nav.hops : [];
    const requested = hops[0]?.from ?? landing;
    if (requested === null || requested === undefined) return;
    const seen: Navigation = { requested, hops, landing, qualifiers, previous, time, error, ...(nav?.samlRefusal ? { samlRefusal: nav.samlRefusal } : {}) };
    const redirect = judgeNavigation(seen);
    if (redirect?.by === "loop") {
      const last = loops.get(tabId);
      if (last && last.requested === redirect.requested && time - last.time < SAME_LOOP_MS) return;
      loops.set(tabId, { requested: redirect.requested, time });
    }
    if (redirect) report.signIn({ tabId, redirect, first: hops.length ? (nav?.first ?? null) : null, time });
    else if (landing && finishedSignIn(seen)) report.signedIn(tabId, landing);
  }

  return {
    /** A top-level response: a redirect's is kept, as the evidence of where the site sent the person. */
    onResponse(details: ResponseEvent, sent: S | null): void {
      if (details.type !== "main_frame" || details.statusCode < 300 || details.statusCode >= 400 || details.tabId < 0) return;
      const nav = navigation(details.tabId, details.requestId);
      nav.first ??= { details, sent };
    },
    /** A top-level POST carrying a SAML provider's refusal (its SAMLResponse's status) to the app. */
    onSamlRefusal(tabId: number, requestId: string, refusal: OAuthError): void {
      if (tabId < 0) return;
      navigation(tabId, requestId).samlRefusal = refusal;
    },
    onBeforeRedirect(details: RedirectEvent): void {
      if (details.type !== "main_frame" || details.tabId < 0) return;
      const nav = navigation(details.tabId, details.requestId);
      if (nav.hops.length < MAX_HOPS) nav.hops.push({ from: details.url, to: details.redirectUrl, status: details.statusCode });
    },
    /** A top-level request that ended in an error: Chrome giving up on a redirect loop. */
    onError(details: { tabId: number; type: string; requestId: string; error: string }): void {
      if (details.type !== "main_frame" || details.tabId < 0) return;
      const nav = pending.get(details.tabId);
      if (nav?.requestId !== details.requestId) return;
      pending.delete(details.tabId);
      const gaveUp = details.error === "net::ERR_TOO_MANY_REDIRECTS" || nav.hops.length >= CHROME_REDIRECT_LIMIT;
      if (gaveUp) finish(details.tabId, nav, null, [], "net::ERR_TOO_MANY_REDIRECTS");
    },
    /** A top-level document committed (webNavigation.onCommitted, frame 0). */
    onCommitted(tabId: number, url: string, qualifiers: readonly string[]): void {
      const nav = pending.get(tabId);
      pending.delete(tabId);
      finish(tabId, nav, url, qualifiers, null);
      pages.set(tabId, { url, time: now() });
    },
    onTabRemoved(tabId: number): void {
      pending.delete(tabId);
      pages.delete(tabId);
      loops.delete(tabId);
    },
  };
}

/** The same document: fragments aside. */
function sameDocument(a: string, b: string): boolean {
  return a.split("#")[0] === b.split("#")[0];
}
