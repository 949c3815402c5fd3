import { looksLikeSession } from "../sign-in/session-cookies";

/** A cookie from the browser's jar, as the cookies API describes it, without its value. */
export interface JarCookie {
  name: string;
  /** As the API gives it: ".example.com" or "example.com" for a domain cookie, the host for a host-only one. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: "no_restriction" | "lax" | "strict" | "unspecified";
  session: boolean;
  /** True for a partitioned (CHIPS) cookie. */
  partitioned: boolean;
  /**
   * A partitioned cookie of the site's own tab (its partition is the site itself), read for a
   * frame inside another site's page, where it does not apply. Absent for the rest.
   */
  elsewhere?: boolean;
}

/** The cookies API's SameSite values; anything else (an older browser's) counts as unspecified. */
export function normalizeSameSite(value: string): JarCookie["sameSite"] {
  return value === "no_restriction" || value === "lax" || value === "strict" ? value : "unspecified";
}

/**
 * Why a cookie that applies to the URL did not go out with the request. "credentials-omitted": the
 * page's call to another origin did not ask for cookies, a choice of the page, not of the browser.
 */
export type WithheldReason = "secure-over-http" | "samesite" | "third-party" | "credentials-omitted" | "not-sent";

/** A jar cookie that applies to the failing URL, and what became of it. */
export interface ApplicableCookie extends JarCookie {
  sent: boolean;
  withheld: WithheldReason | null;
}

export interface JarAnalysis {
  /** Cookies that domain- and path-match the URL, in the order a browser sends them (RFC 6265 §5.4). */
  applicable: ApplicableCookie[];
  /**
   * True when the `Cookie` header was not seen: `sent` is then what the browser's rules would
   * send, and a cookie is withheld only for a rule AuthLens can check (SameSite, Secure, a call to
   * another origin that did not ask for cookies).
   */
  presumed: boolean;
  /** Names held by more than one applicable cookie: one shadows the other. */
  duplicateNames: string[];
  /** Sign-in cookies of the host kept by their `Path` to another part of the site, which the browser does not send here. Absent in older records. */
  otherPaths?: { name: string; path: string }[];
  /** Sign-in cookies of the site kept in its own tab's partition, absent from the page it is framed in. Absent in older records. */
  keptApart?: string[];
}

const MAX_APPLICABLE = 50;

/**
 * Which of the site's cookies apply to `url`, which went out (by name, from the `Cookie` header;
 * `null` when it was not seen, and the browser's rules decide), and why the others did not.
 * Pure; the jar is read by the worker.
 */
export function analyzeJar(url: string, jar: readonly JarCookie[], sentNames: readonly string[] | null, crossSite: boolean, resourceType: string, credentialsOmitted = false): JarAnalysis {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { applicable: [], presumed: sentNames === null, duplicateNames: [] };
  }
  const topLevel = resourceType === "main_frame";
  // Unseen, a cookie counts as sent unless a rule AuthLens can check withholds it. Whether the
  // browser blocks third-party cookies is a setting it cannot read, so that is never presumed.
  const sent = sentNames === null ? null : new Set(sentNames);
  const wasSent = (c: JarCookie) => (sent ? sent.has(c.name) : !credentialsOmitted && ruleWithholds(c, target, crossSite, topLevel) === null);
  const here = jar.filter((c) => !c.elsewhere && domainMatches(target.hostname, c));
  const applicable = here
    .filter((c) => pathMatches(target.pathname, c.path))
    .sort((a, b) => b.path.length - a.path.length)
    .slice(0, MAX_APPLICABLE)
    .map((c): ApplicableCookie => {
      const went = wasSent(c);
      return { ...c, sent: went, withheld: went ? null : credentialsOmitted ? "credentials-omitted" : withheldReason(c, target, crossSite, topLevel) };
    });
  const counts = new Map<string, number>();
  for (const c of applicable) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
  const otherPaths = here.filter((c) => !pathMatches(target.pathname, c.path) && looksLikeSession(c.name)).slice(0, 5).map(({ name, path }) => ({ name, path }));
  const keptApart = [...new Set(jar.filter((c) => c.elsewhere && looksLikeSession(c.name) && domainMatches(target.hostname, c) && pathMatches(target.pathname, c.path)).map((c) => c.name))].slice(0, 5);
  return {
    applicable,
    presumed: sent === null,
    duplicateNames: [...counts].filter(([, n]) => n > 1).map(([name]) => name),
    ...(otherPaths.length ? { otherPaths } : {}),
    ...(keptApart.length ? { keptApart } : {}),
  };
}

/** Why a cookie that applies to the URL did not go out: a rule of its own attributes, else the third-party setting, else unknown. */
function withheldReason(cookie: JarCookie, url: URL, crossSite: boolean, topLevel: boolean): WithheldReason {
  return ruleWithholds(cookie, url, crossSite, topLevel) ?? (crossSite && cookie.sameSite === "no_restriction" && !cookie.partitioned ? "third-party" : "not-sent");
}

/** The rule that keeps a cookie off this request, of those the cookie's own attributes decide. */
function ruleWithholds(cookie: JarCookie, url: URL, crossSite: boolean, topLevel: boolean): "secure-over-http" | "samesite" | null {
  if (cookie.secure && url.protocol === "http:" && url.hostname !== "localhost") return "secure-over-http";
  // Chrome treats an unspecified SameSite as Lax; Lax cookies go only with top-level navigations across sites.
  if (crossSite && (cookie.sameSite === "strict" || (!topLevel && (cookie.sameSite === "lax" || cookie.sameSite === "unspecified")))) return "samesite";
  return null;
}

/** RFC 6265 §5.1.3 domain-match, with the API's leading-dot form. */
export function domainMatches(host: string, cookie: Pick<JarCookie, "domain" | "hostOnly">): boolean {
  const domain = cookie.domain.replace(/^\./, "").toLowerCase();
  if (cookie.hostOnly) return host === domain;
  return host === domain || host.endsWith(`.${domain}`);
}

/** RFC 6265 §5.1.4 path-match. */
export function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}
