/** Classifier rules that read cookies: a shadowing duplicate, cookies blocked, a session ended. */
import type { WithheldReason } from "./cookie-jar";
import type { Reason } from "../diagnosis/diagnosis";
import type { FailureEvidence } from "../diagnosis/evidence";
import type { Finding } from "../diagnosis/finding";
import type { CookieRejection } from "./set-cookie";
import { looksLikeSession } from "../sign-in/session-cookies";
import { duration, list, text, when, type MessageKey } from "../report/text";
import { framedBySite } from "../fixes/rank-fixes";

export function staleCookie(e: FailureEvidence, host: string): Finding | null {
  const sentTwice = [...new Set(e.sent.cookieNames.filter((n, i, all) => all.indexOf(n) !== i))];
  const jarTwice = (e.jar?.duplicateNames ?? []).filter((n) => e.sent.cookieNames.includes(n));
  const names = [...new Set([...sentTwice, ...jarTwice])];
  if (names.length === 0) return null;
  const copies = (e.jar?.applicable ?? []).filter((c) => names.includes(c.name)).map((c) => `${c.hostOnly ? "" : "."}${c.domain.replace(/^\./, "")}${c.path}`);
  const named = names.join(", ");
  const at = list(copies);
  if (e.sent.cookiesFrom === "jar") {
    return {
      cause: "stale-cookie",
      // A call to another origin sends them only if the page asks: the duplicates may not have gone.
      confidence: e.sent.cookiesUncertain ? 0.5 : 0.75,
      summary: text("summaryStaleInJar", names[0]!, host),
      reasons: [{ seen: copies.length ? text("seenTwiceInJarAt", named, at) : text("seenTwiceInJar", named), meaning: text("meaningTwiceInJar") }],
    };
  }
  const seen: MessageKey = sentTwice.length ? (copies.length ? "seenSentTwiceAt" : "seenSentTwice") : copies.length ? "seenSentAt" : "seenSent";
  return {
    cause: "stale-cookie",
    confidence: sentTwice.length > 0 ? 0.85 : 0.7,
    summary: text("summaryStaleSent", names[0]!, host),
    reasons: [{ seen: text(seen, named, at), meaning: text("meaningSentTwice") }],
  };
}

export function cookiesBlocked(e: FailureEvidence, host: string): Finding | null {
  const rejected = e.response.setCookies.flatMap((c) => (c.rejected ? [{ name: c.name, rejected: c.rejected }] : []));
  // A call that did not ask for cookies is the page's choice, not the browser blocking them.
  const withheld = (e.jar?.applicable ?? []).flatMap((c) => (c.withheld && c.withheld !== "not-sent" && c.withheld !== "credentials-omitted" ? [{ name: c.name, withheld: c.withheld }] : []));
  if (e.sent.cookieNames.length > 0 && withheld.length === 0) return null;
  if (rejected.length === 0 && withheld.length === 0) return null;
  const reasons: Reason[] = [
    ...rejected.map((c) => ({ seen: text("seenSetCookieRejected", c.name, c.rejected), meaning: text(REJECTION_MEANING[c.rejected]) })),
    ...withheld.map((c) => ({ seen: text("seenCookieWithheld", c.name, c.withheld), meaning: text(WITHHELD_MEANING[c.withheld]) })),
  ];
  // Name the cookie that most likely carries the sign-in, not the first one listed (a CSRF token, say).
  const named = [...withheld, ...rejected].find((c) => looksLikeSession(c.name)) ?? withheld[0] ?? rejected[0];
  const bySameSite = withheld.length > 0 && withheld.every((c) => c.withheld === "samesite");
  return {
    cause: "cookies-blocked",
    confidence: withheld.length > 0 && e.sent.cookieNames.length === 0 ? 0.85 : 0.75,
    summary: named ? text(withheld.length ? "summaryCookieNotSent" : "summaryCookieNotStored", named.name, host) : text("summaryCookiesNotStored", host),
    reasons,
    // Allowing cookies does not lift SameSite: the person can use the site in a tab of its own.
    // A cookie the browser refused to store, or keeps to https, is refused whatever the person allows: only the site can fix it.
    ...(bySameSite && e.embeddedIn && framedBySite(e)
      ? { tryFirst: text("tryOwnTab", host, e.embeddedIn) }
      : !withheld.some((c) => c.withheld === "third-party") && !bySameSite
        ? { tryFirst: text("tryCookiesRejected") }
        : {}),
  };
}



const REJECTION_MEANING: Record<CookieRejection, MessageKey> = {
  "samesite-none-insecure": "meaningRejectedSameSiteNone",
  "secure-over-http": "meaningRejectedSecureOverHttp",
  "host-prefix": "meaningRejectedHostPrefix",
  "secure-prefix": "meaningRejectedSecurePrefix",
  "domain-mismatch": "meaningRejectedDomain",
  "too-large": "meaningRejectedTooLarge",
};

const WITHHELD_MEANING: Record<Exclude<WithheldReason, "not-sent" | "credentials-omitted">, MessageKey> = {
  samesite: "meaningWithheldSameSite",
  "third-party": "meaningWithheldThirdParty",
  "secure-over-http": "meaningWithheldSecure",
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
      summary: text("summarySessionDeleted", host),
      reasons: [{ seen: text(e.response.setCookiesFrom === "header" ? "seenSetCookieClears" : "seenJarDeletedAsAnswered", cleared.join(", ")), meaning: text("meaningSessionDeleted") }],
    };
  }
  // Only a cookie that carries a sign-in makes a refusal an ended session (a csrftoken alone does not).
  const sessions = e.sent.cookieNames.filter(looksLikeSession);
  if (e.status !== 401 || e.sent.cookiesUncertain || sessions.length === 0) return null;
  const presumed = e.sent.cookiesFrom === "jar";
  return {
    cause: "session-expired",
    confidence: (e.response.challenges.length === 0 ? 0.65 : 0.6) - (presumed ? 0.05 : 0),
    summary: text("summarySessionProbablyExpired", host),
    reasons: [
      presumed
        ? { seen: text("seenJarCookies401", e.sent.cookieNames.join(", ")), meaning: text("meaningJarCookies401") }
        : { seen: text("seenSentCookies401", e.sent.cookieNames.join(", ")), meaning: text("meaningSentCookies401") },
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
  const before = duration(Math.max(0, e.time - ending.time));
  const expired = ending.how === "expired";
  return {
    cause: "session-expired",
    confidence: 0.8,
    summary: text(expired ? "summarySessionCookieExpired" : "summarySessionCookieDeleted", host, ending.name, before),
    reasons: [{ seen: text(expired ? "seenCookieExpiredAt" : "seenCookieDeletedAt", ending.name, when(ending.time)), meaning: text("meaningSessionCookieGone") }],
  };
}

/** Whether the request carried a sign-in of its own: a sign-in cookie or an Authorization header. */
const carriedSignIn = (e: FailureEvidence) => Boolean(e.sent.authorizationScheme) || e.sent.cookieNames.some((n) => looksLikeSession(n) && !isSignatureOf(n, e.sent.cookieNames));
/** "session.sig" without "session": a signature cookie whose cookie is not there carries no sign-in. */
const isSignatureOf = (name: string, names: readonly string[]) => name.endsWith(".sig") && !names.includes(name.slice(0, -4));

/**
 * The browser would not keep the site's sign-in cookie, so no sign-in could follow: refused when
 * it was set (the session timeline, from a `Set-Cookie` seen: Secure over http, too large, a bad
 * domain…), dropped for its size (only its signature cookie is in the jar), kept in the site's own
 * tab's partition while the site is framed in another's page, or kept by its `Path` to another
 * part of the site. Signing in again would end the same way.
 */
export function signInCookieRefused(e: FailureEvidence, host: string): Finding | null {
  if (carriedSignIn(e)) return null;
  const refused = e.refusedCookie;
  if (refused?.reason === "not-kept" && !(e.jar?.applicable ?? []).some((c) => looksLikeSession(c.name))) {
    return {
      cause: "cookies-blocked",
      // What the browser did is inferred, not seen: as sure as not.
      confidence: 0.5,
      summary: text("summaryCookieNotKept", host),
      reasons: [{ seen: text("seenSignInNotKept", when(refused.time)), meaning: text("meaningSignInNotKept") }],
      tryFirst: text("tryRefusedOverHttp"),
    };
  }
  if (refused && refused.reason !== "not-kept" && !(e.jar?.applicable ?? []).some((c) => c.name === refused.name)) {
    return {
      cause: "cookies-blocked",
      confidence: 0.85,
      summary: text("summaryCookieRefused", refused.name, host),
      reasons: [{ seen: text("seenCookieRefusedAt", refused.name, when(refused.time), refused.reason), meaning: text(REJECTION_MEANING[refused.reason]) }],
      tryFirst: text(refused.reason === "secure-over-http" ? "tryRefusedOverHttp" : "tryCookiesRejected"),
    };
  }
  const jar = e.jar;
  if (!jar) return null;
  // cookie-session and its kin sign a cookie in a second one, "<name>.sig": the signature alone means the cookie was dropped.
  const names = new Set(jar.applicable.map((c) => c.name));
  const orphan = jar.applicable.find((c) => c.name.endsWith(".sig") && looksLikeSession(c.name.slice(0, -4)) && !names.has(c.name.slice(0, -4)));
  if (orphan) {
    const name = orphan.name.slice(0, -4);
    return {
      cause: "cookies-blocked",
      confidence: 0.7,
      summary: text("summaryCookieRefused", name, host),
      reasons: [{ seen: text("seenSignatureAlone", orphan.name, name), meaning: text("meaningSignatureAlone", name) }],
      tryFirst: text("tryCookiesRejected"),
    };
  }
  const apart = jar.keptApart?.[0];
  if (apart && e.embeddedIn) {
    return {
      cause: "cookies-blocked",
      confidence: 0.8,
      summary: text("summaryCookieKeptApart", host, e.embeddedIn),
      reasons: [{ seen: text("seenCookieKeptApart", apart, host), meaning: text("meaningCookieKeptApart", e.embeddedIn) }],
      tryFirst: text("tryOwnTabPartitioned", host, e.embeddedIn),
    };
  }
  const elsewhere = jar.otherPaths?.[0];
  if (elsewhere && !jar.applicable.some((c) => looksLikeSession(c.name))) {
    return {
      cause: "cookies-blocked",
      confidence: 0.6,
      summary: text("summaryCookieOtherPath", elsewhere.name, host, elsewhere.path),
      reasons: [{ seen: text("seenCookieOtherPath", elsewhere.name, elsewhere.path), meaning: text("meaningCookieOtherPath", elsewhere.path) }],
      tryFirst: text("tryCookieOtherPath"),
      fixes: ["copy-report", "sign-in"],
    };
  }
  return null;
}
