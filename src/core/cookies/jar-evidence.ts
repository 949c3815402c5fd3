import { analyzeJar, domainMatches, pathMatches, type JarCookie } from "./cookie-jar";
import type { FailureEvidence } from "../diagnosis/evidence";
import type { SetCookieSummary } from "./set-cookie";

/** One change to the cookie jar, as `cookies.onChanged` reports it, without the value. */
export interface CookieChange extends JarCookie {
  removed: boolean;
  /** The API's cause: "explicit", "overwrite", "expired_overwrite", "expired" or "evicted". */
  cause: string;
  /** When the worker heard of it, ms since the epoch. */
  time: number;
}

/**
 * The changes that belong to a response: those heard from shortly before its event (the browser
 * stores a response's cookies before it reports the response) until the jar is read.
 */
export const CHANGE_WINDOW_MS = { before: 500, after: 5000 };

/**
 * Adds the jar to a failure's evidence. Where the `Cookie` header was not seen, the cookies the
 * request carried are presumed from the jar as it was when the request went out (today's jar with
 * the response's own changes undone), and where `Set-Cookie` was not seen, the jar's changes as the
 * response arrived stand for it: a deleted session cookie is still seen as deleted. Pure.
 *
 * A page's call to another origin carries cookies only if the page asks for them (fetch's
 * `credentials`), which no header shows; what the answer's CORS headers allow settles it where
 * the browser shows only answers that passed their CORS check (see {@link crossOriginCookies}).
 */
export function withJarEvidence(evidence: FailureEvidence, jar: readonly JarCookie[] | null, changes: readonly CookieChange[]): FailureEvidence {
  const own = changesOf(evidence, changes);
  const setCookies = evidence.response.setCookiesFrom === "jar-changes" ? own.filter((c) => !(c.removed && c.cause === "overwrite")).map(toSetCookie) : evidence.response.setCookies;
  const response = { ...evidence.response, setCookies };
  if (!jar) return { ...evidence, response };
  // A frame another site embeds makes cross-site requests, for cookies, even to its own origin.
  const crossSite = evidence.crossSite || Boolean(evidence.embeddedIn);
  if (evidence.sent.cookiesFrom === "header") return { ...evidence, response, jar: analyzeJar(evidence.url, jar, evidence.sent.cookieNames, crossSite, evidence.resourceType) };
  const crossOrigin = crossOriginCookies(evidence);
  const analysis = analyzeJar(evidence.url, jarBefore(jar, own, evidence.sentAt ?? evidence.time), null, crossSite, evidence.resourceType, crossOrigin === "omitted");
  const cookieNames = analysis.applicable.filter((c) => c.sent).map((c) => c.name);
  return { ...evidence, response, jar: analysis, sent: { ...evidence.sent, cookieNames, cookiesFrom: "jar", ...(crossOrigin === "uncertain" && cookieNames.length > 0 ? { cookiesUncertain: true } : {}) } };
}

/**
 * For a page's fetch/XHR to another origin whose `Cookie` header was not seen: whether it carried
 * the site's cookies. A credentialed call passes its CORS check only if the answer names the
 * origin and says `Access-Control-Allow-Credentials: true` (Fetch standard §3.2.5); Chrome shows a
 * listener without `extraHeaders` only answers that passed, so an answer seen that does not allow
 * credentials answered a call made without cookies ("omitted"). One that allows them, or a call
 * whose request headers were not seen either, may or may not have carried them ("uncertain").
 * Null for anything else: same-origin calls, pages and frames carry cookies by the browser's rules.
 */
export function crossOriginCookies(e: Pick<FailureEvidence, "url" | "initiator" | "resourceType" | "sent" | "response">): "omitted" | "uncertain" | null {
  if (e.resourceType !== "xmlhttprequest" || e.initiator === null) return null;
  let target: string;
  try {
    target = new URL(e.url).origin;
  } catch {
    return null;
  }
  if (target === e.initiator) return null;
  // Request headers seen without Cookie: Chrome without extraHeaders, which shows only answers that passed CORS.
  if (e.sent.seen && e.response.corsCredentials === false) return "omitted";
  return "uncertain";
}

/**
 * Causes that are somebody writing the jar (a response, a script, an extension). A cookie that
 * merely expired or was evicted meanwhile was not sent, and is left out.
 */
const WRITES: ReadonlySet<string> = new Set(["explicit", "overwrite", "expired_overwrite"]);

/** The changes to cookies that apply to the failing URL, heard around its response, oldest first. */
function changesOf(evidence: FailureEvidence, changes: readonly CookieChange[]): CookieChange[] {
  let url: URL;
  try {
    url = new URL(evidence.url);
  } catch {
    return [];
  }
  const from = evidence.time - CHANGE_WINDOW_MS.before;
  const to = evidence.time + CHANGE_WINDOW_MS.after;
  return changes.filter((c) => WRITES.has(c.cause) && c.time >= from && c.time <= to && domainMatches(url.hostname, c) && pathMatches(url.pathname, c.path)).sort((a, b) => a.time - b.time);
}

const keyOf = (c: JarCookie) => `${c.name}\n${c.domain}\n${c.path}\n${c.partitioned}`;

/**
 * The jar when the request went out: `changes` undone, newest first. A cookie deleted around the
 * response was there before it. A new cookie is taken out only when heard after `sentAt`, when the
 * request went out where that was seen (else when its response arrived): one heard before may come
 * from the page that made the request (a session set a moment earlier) and went with it; one heard
 * after did not (Chrome may store a response's cookies before it reports the response).
 */
function jarBefore(jar: readonly JarCookie[], changes: readonly CookieChange[], sentAt: number): JarCookie[] {
  const cookies = new Map(jar.map((c) => [keyOf(c), c]));
  for (const change of [...changes].reverse()) {
    const { removed: _removed, cause: _cause, time: _time, ...cookie } = change;
    if (change.removed) cookies.set(keyOf(cookie), cookie);
    else if (change.time > sentAt) cookies.delete(keyOf(cookie));
  }
  return [...cookies.values()];
}

/** A jar change as the `Set-Cookie` it stands for (the browser accepted it, so nothing was rejected). */
function toSetCookie(c: CookieChange): SetCookieSummary {
  return {
    name: c.name,
    domain: c.hostOnly ? null : c.domain.replace(/^\./, ""),
    path: c.path,
    secure: c.secure,
    sameSite: c.sameSite === "no_restriction" ? "none" : c.sameSite === "unspecified" ? null : c.sameSite,
    clears: c.removed,
    rejected: null,
  };
}
