/**
 * Where "Sign in" takes a person: the site's own sign-in page where AuthLens knows it, else the
 * page the site sent them away from, else the site's front page, which leads to its sign-in. Pure.
 */
import type { FailureEvidence } from "../diagnosis/evidence";
import { recognizeSignInPage } from "../sign-in/sign-in-page";

/** A sign-in page of a site, seen in a tab (its address without query or fragment), and its return parameter. */
export interface KnownSignInPage {
  url: string;
  returnParam: string | null;
  seenAt: number;
}

/** The address "Sign in" opens, and how AuthLens knows it (docs/report.md#fixes). */
export interface SignInTarget {
  url: string;
  /**
   * `again`: the page a sign-in redirect came from (the site picks its sign-in page afresh);
   * `seen`: the site's sign-in page, seen earlier in this browser; `location`: the sign-in page
   * the refusal named; `front-page`: the site's front page.
   */
  from: "again" | "seen" | "location" | "front-page";
}

/** Return parameters a sign-in page takes as a path of its own site (a provider's `redirect_uri` or CAS `service` want more). */
const PATH_RETURN = /^(next|returnto|return_to|returnurl|return_url|redirect|redirect_to|continue|dest|destination|goto|from|came_from|target|success_url)$/i;

function parse(raw: string | null | undefined): URL | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/**
 * A committed top-level address that is a sign-in form of a site, as it is kept: its origin and
 * path, and the name of its return parameter. Authorization requests (OpenID, OAuth, SAML, CAS)
 * are not kept: they are single-use, made for one attempt by the app that sent them.
 */
export function signInPageOf(raw: string, now: number): KnownSignInPage | null {
  const page = recognizeSignInPage(raw);
  const url = parse(raw);
  if (!page || page.kind !== "path" || !url) return null;
  return { url: `${url.origin}${url.pathname}`, returnParam: page.returnParam && PATH_RETURN.test(page.returnParam) ? page.returnParam : null, seenAt: now };
}

/**
 * Where "Sign in" goes for a failure. `tabPage` is the tab's page and whether it is the failing
 * address's site; `known`, the sign-in page seen for that site (the caller knows sites).
 */
export function signInTarget(e: Pick<FailureEvidence, "url" | "redirect" | "response">, tabPage: { url: string; sameSite: boolean } | null, known: KnownSignInPage | null): SignInTarget | null {
  const failing = parse(e.url);
  if (!failing) return null;
  const redirect = e.redirect;
  if (redirect) {
    // A provider's state is single-use and the address asked for is redacted: open it plain, and the site starts afresh.
    const asked = parse(redirect.requested) ?? failing;
    const plain = redirect.oauthError || asked.search.includes("REDACTED") ? `${asked.origin}${redirect.oauthError ? "/" : asked.pathname}` : asked.href;
    return { url: plain, from: "again" };
  }
  const page = parse(tabPage?.url);
  // Back to the page the person is on, where the site can take them after signing in.
  const back = page && page.origin === parse(known?.url)?.origin ? `${page.pathname}` : null;
  if (known && parse(known.url)) {
    const target = new URL(known.url);
    if (known.returnParam && back) target.searchParams.set(known.returnParam, back);
    return { url: target.href, from: "seen" };
  }
  const location = parse(e.response.location ?? null);
  if (location && recognizeSignInPage(location.href)?.kind === "path") return { url: `${location.origin}${location.pathname}`, from: "location" };
  // The page's own front page when the refusal is its own site's; else the refusing host's.
  const front = page && tabPage?.sameSite ? page : failing;
  return { url: `${front.origin}/`, from: "front-page" };
}
