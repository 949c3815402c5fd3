/** Classifier rules that read cookies: a shadowing duplicate, cookies blocked, a session ended. */
import type { WithheldReason } from "./cookie-jar";
import type { EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import type { Finding } from "./finding";
import type { CookieRejection } from "./set-cookie";
import { looksLikeSession } from "./sign-in/session-cookies";
import { describeDuration } from "./duration";

export function staleCookie(e: FailureEvidence, host: string): Finding | null {
  const sentTwice = [...new Set(e.sent.cookieNames.filter((n, i, all) => all.indexOf(n) !== i))];
  const jarTwice = (e.jar?.duplicateNames ?? []).filter((n) => e.sent.cookieNames.includes(n));
  const names = [...new Set([...sentTwice, ...jarTwice])];
  if (names.length === 0) return null;
  const copies = (e.jar?.applicable ?? []).filter((c) => names.includes(c.name)).map((c) => `${c.hostOnly ? "" : "."}${c.domain.replace(/^\./, "")}${c.path}`);
  const at = copies.length ? ` (in the jar at ${copies.join(" and ")})` : "";
  if (e.sent.cookiesFrom === "jar") {
    return {
      cause: "stale-cookie",
      // A call to another origin sends them only if the page asks: the duplicates may not have gone.
      confidence: e.sent.cookiesUncertain ? 0.5 : 0.75,
      summary: `Your browser holds two "${names[0]}" cookies for ${host}; an old one is probably hiding your current sign-in.`,
      reasons: [
        {
          seen: `Cookie ${names.join(", ")} twice in the jar for this address${at}`,
          meaning: "The browser sends both, and servers read the first; the one with the longer path goes first (RFC 6265 §5.4), which is usually the older one.",
        },
      ],
    };
  }
  return {
    cause: "stale-cookie",
    confidence: sentTwice.length > 0 ? 0.85 : 0.7,
    summary: `Two "${names[0]}" cookies were sent to ${host}; an old one is probably hiding your current sign-in.`,
    reasons: [
      {
        seen: `Cookie ${names.join(", ")} sent ${sentTwice.length ? "more than once" : ""}${at}`.replace("  ", " "),
        meaning: "Servers read the first cookie of a name; the browser sends the one with the longer path first (RFC 6265 §5.4), which is usually the older one.",
      },
    ],
  };
}

export function cookiesBlocked(e: FailureEvidence, host: string): Finding | null {
  const rejected = e.response.setCookies.flatMap((c) => (c.rejected ? [{ name: c.name, rejected: c.rejected }] : []));
  // A call that did not ask for cookies is the page's choice, not the browser blocking them.
  const withheld = (e.jar?.applicable ?? []).flatMap((c) => (c.withheld && c.withheld !== "not-sent" && c.withheld !== "credentials-omitted" ? [{ name: c.name, withheld: c.withheld }] : []));
  if (e.sent.cookieNames.length > 0 && withheld.length === 0) return null;
  if (rejected.length === 0 && withheld.length === 0) return null;
  const reasons: EvidenceItem[] = [
    ...rejected.map((c) => ({ seen: `Set-Cookie ${c.name} (${c.rejected})`, meaning: REJECTION_MEANING[c.rejected] })),
    ...withheld.map((c) => ({ seen: `Cookie ${c.name} in the jar was not sent (${c.withheld})`, meaning: WITHHELD_MEANING[c.withheld] })),
  ];
  // Name the cookie that most likely carries the sign-in, not the first one listed (a CSRF token, say).
  const named = [...withheld, ...rejected].find((c) => looksLikeSession(c.name)) ?? withheld[0] ?? rejected[0];
  const bySameSite = withheld.length > 0 && withheld.every((c) => c.withheld === "samesite");
  return {
    cause: "cookies-blocked",
    confidence: withheld.length > 0 && e.sent.cookieNames.length === 0 ? 0.85 : 0.75,
    summary: `Your browser ${withheld.length ? "did not send" : "refused to store"} the cookie${named ? ` "${named.name}"` : ""} that ${host} needs.`,
    reasons,
    // Allowing cookies does not lift SameSite: the person can use the site in a tab of its own.
    ...(bySameSite && e.embeddedIn
      ? { tryFirst: `Open ${host} in a tab of its own and sign in there: inside ${e.embeddedIn}'s page the browser keeps the site's cookie away, whatever your cookie settings. The site can fix this (SameSite=None with Secure, or a partitioned cookie).` }
      : {}),
  };
}



const REJECTION_MEANING: Record<CookieRejection, string> = {
  "samesite-none-insecure": "Browsers refuse a SameSite=None cookie without Secure, so this cookie was never stored.",
  "secure-over-http": "A Secure cookie cannot be set over plain http, so this cookie was never stored.",
  "host-prefix": "A __Host- cookie must be Secure, have Path=/ and no Domain; this one was refused.",
  "secure-prefix": "A __Secure- cookie must be Secure; this one was refused.",
  "domain-mismatch": "The cookie names a Domain the request's host is not part of, so it was refused.",
};

const WITHHELD_MEANING: Record<Exclude<WithheldReason, "not-sent" | "credentials-omitted">, string> = {
  samesite: "Its SameSite setting keeps it off requests from another site, and this request came from another site.",
  "third-party": "The browser blocks cookies in a third-party context (another site's page), where this request came from.",
  "secure-over-http": "It is a Secure cookie, and this request went over plain http.",
};

export function sessionEnded(e: FailureEvidence, host: string): Finding | null {
  if (e.sent.cookieNames.length === 0 || e.sent.authorizationScheme) return null;
  if (e.status !== 401 && e.status !== 403) return null;
  const cleared = e.response.setCookies.filter((c) => c.clears && e.sent.cookieNames.includes(c.name)).map((c) => c.name);
  if (cleared.length > 0) {
    return {
      cause: "session-expired",
      // A server may delete a cookie it was not sent; one it was certainly sent is stronger evidence.
      confidence: e.sent.cookiesUncertain ? 0.75 : 0.85,
      summary: `Your session on ${host} has ended: the server refused it and deleted the session cookie.`,
      reasons: [
        {
          seen: e.response.setCookiesFrom === "header" ? `Set-Cookie clears ${cleared.join(", ")}` : `${cleared.join(", ")} deleted from the cookie jar as the answer arrived`,
          meaning: "The server deleted the cookie it had refused, which is how sites end a session.",
        },
      ],
    };
  }
  // Only a cookie that carries a sign-in makes a refusal an ended session (a csrftoken alone does not).
  const sessions = e.sent.cookieNames.filter(looksLikeSession);
  if (e.status !== 401 || e.sent.cookiesUncertain || sessions.length === 0) return null;
  const presumed = e.sent.cookiesFrom === "jar";
  return {
    cause: "session-expired",
    confidence: (e.response.challenges.length === 0 ? 0.65 : 0.6) - (presumed ? 0.05 : 0),
    summary: `Your session on ${host} has probably expired.`,
    reasons: [
      presumed
        ? { seen: `Cookies in the jar for this address (${e.sent.cookieNames.join(", ")}), answered 401`, meaning: "The browser sends these cookies with requests here, and the server no longer accepts them." }
        : { seen: `Cookies sent (${e.sent.cookieNames.join(", ")}), answered 401`, meaning: "The browser sent its session cookies and the server no longer accepts them." },
    ],
  };
}

/**
 * A sign-in cookie for the address ended before this failure (the session timeline): its time ran
 * out, or the site deleted it, and none was sent with the request.
 */
export function sessionEndedEarlier(e: FailureEvidence, host: string): Finding | null {
  const ending = e.sessionEnding;
  if (!ending || e.sent.authorizationScheme || e.sent.cookieNames.some(looksLikeSession)) return null;
  if (e.status !== 401 && e.status !== 403 && !e.redirect) return null;
  const before = describeDuration(Math.max(0, e.time - ending.time));
  const at = new Date(ending.time).toISOString();
  return {
    cause: "session-expired",
    confidence: 0.8,
    summary:
      ending.how === "expired"
        ? `Your session on ${host} ended: your "${ending.name}" cookie expired ${before} before this.`
        : `Your session on ${host} ended: your "${ending.name}" cookie was deleted ${before} before this (by the site, or by signing out).`,
    reasons: [
      {
        seen: `Cookie ${ending.name} ${ending.how === "expired" ? "expired" : "deleted"} at ${at}, not set again since`,
        meaning: "The cookie that carried your sign-in is gone, so the request went without it.",
      },
    ],
  };
}
