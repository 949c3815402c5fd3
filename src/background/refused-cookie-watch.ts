import type { FailureEvidence } from "../core/diagnosis/evidence";
import { headerValues } from "../core/headers/http-header";
import { parseSetCookie, type CookieRejection } from "../core/cookies/set-cookie";
import { looksLikeSession, type RefusedCookie, type SessionEnding } from "../core/sign-in/session-cookies";
import { recognizeSignInPage } from "../core/sign-in/sign-in-page";
import type { ResponseEvent } from "../platform/web-request";

/** How long a sign-in form's answer that left no sign-in cookie explains the refusals that follow. */
const NOT_KEPT_WINDOW_MS = 10 * 60_000;

export interface RefusedCookieWatchDeps {
  /** Chrome hides `Set-Cookie` (and `Cookie`) from listeners that do not ask for `extraHeaders`. */
  hidesCookieHeaders: boolean;
  /** A sign-in cookie a response set that the browser will not store (the session timeline keeps it). */
  cookieRefused: (cookie: { name: string; domain: string; hostOnly: boolean; path: string; reason: CookieRejection }) => void;
}

/**
 * What the browser did with a site's sign-in cookies: those it refused, read from `Set-Cookie`
 * where it is shown; and, where it is hidden (Chrome by default), a sign-in that answered as a
 * working one does and left no sign-in cookie behind.
 */
export function createRefusedCookieWatch({ hidesCookieHeaders, cookieRefused }: RefusedCookieWatchDeps) {
  // Hosts whose sign-in form answered as a working one does, and when (Chrome's default view, see signInAnswered).
  const signInAnswers = new Map<string, number>();
  return {
    /** The sign-in cookies a response set that the browser will not store, where its `Set-Cookie` is shown. */
    noteRefused(details: ResponseEvent): void {
      const headers = details.responseHeaders;
      if (!headers?.some((h) => h.name.toLowerCase() === "set-cookie")) return;
      let host: string;
      try {
        host = new URL(details.url).hostname;
      } catch {
        return;
      }
      // Several cookies may share one entry, a line each.
      for (const line of headerValues(headers, "set-cookie").flatMap((v) => v.split("\n")).slice(0, 50)) {
        const c = parseSetCookie(line, details.timeStamp, details.url);
        if (!c?.rejected || !looksLikeSession(c.name)) continue;
        const domain = c.domain && c.rejected !== "domain-mismatch" ? c.domain : host;
        cookieRefused({ name: c.name, domain, hostOnly: domain === host && !c.domain, path: c.path ?? "/", reason: c.rejected });
      }
    },

    /**
     * Where `Set-Cookie` is hidden (Chrome by default): a sign-in form on plain http answered by a
     * redirect away from signing in (how a sign-in that worked answers). A refusal that follows with
     * no sign-in cookie in the jar means the browser did not keep it ({@link signInNotKept}); on http
     * that is most often a Secure cookie it refused. The closer look sees the header itself.
     */
    signInAnswered(details: ResponseEvent): void {
      if (!hidesCookieHeaders || details.type !== "main_frame" || details.method !== "POST" || details.statusCode < 300 || details.statusCode >= 400) return;
      let url: URL;
      let next: string | null;
      try {
        url = new URL(details.url);
        const location = headerValues(details.responseHeaders, "location")[0];
        next = location ? new URL(location, url).href : null;
      } catch {
        return;
      }
      if (url.protocol !== "http:" || url.hostname === "localhost" || !recognizeSignInPage(details.url) || (next !== null && recognizeSignInPage(next))) return;
      signInAnswers.delete(url.hostname);
      signInAnswers.set(url.hostname, details.timeStamp);
      if (signInAnswers.size > 50) signInAnswers.delete(signInAnswers.keys().next().value!);
    },

    /**
     * For a refusal where `Set-Cookie` was hidden: a sign-in form of the host answered as a working
     * one does a while before, and still no sign-in cookie applies, none having ended since.
     */
    signInNotKept(evidence: FailureEvidence, sessionEnding: SessionEnding | null): RefusedCookie | null {
      let host: string;
      try {
        host = new URL(evidence.url).hostname;
      } catch {
        return null;
      }
      const at = signInAnswers.get(host);
      if (at === undefined || evidence.time < at || evidence.time - at > NOT_KEPT_WINDOW_MS) return null;
      // A sign-in cookie of the host kept for another path or partition is there, only not here: another rule names it.
      const jar = evidence.jar;
      if (jar?.applicable.some((c) => looksLikeSession(c.name)) || jar?.otherPaths?.length || jar?.keptApart?.length || (sessionEnding && sessionEnding.time >= at)) return null;
      return { name: "", reason: "not-kept", time: at };
    },
  };
}

export type RefusedCookieWatch = ReturnType<typeof createRefusedCookieWatch>;
