import type { Reason } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import { challengeReason, type Finding } from "./finding";
import { looksLikeSession } from "../sign-in/session-cookies";
import { aFile } from "../headers/resource-type";
import { BROWSER_SIGN_IN_SCHEMES, PASSWORD_SCHEMES } from "../headers/www-authenticate";
import { text, verbatim } from "../report/text";
import { keyParamOf } from "../tokens/token-rules";

/**
 * The rules about the credentials a request carried, or did not: a proxy's or the browser's own
 * sign-in, a refused preflight, a bot check, wrong credentials, credentials refused, none sent, a
 * page's file. Each names a cause from its evidence or passes (null); classify.ts runs them in order.
 */

/** Resource types a person sees as "part of the page", where a bare 403 is rarely about sign-in. */
const PASSIVE_TYPES = new Set(["image", "imageset", "font", "stylesheet", "media", "script", "object", "ping", "csp_report"]);
/** Paths where a refusal answers a sign-in attempt: the credentials just submitted were wrong. */
const SIGN_IN_PATH = /(^|\/)(log-?in|sign-?in|sign_in|sessions?|auth(enticate)?|token|oauth\/token)(\.json)?\/?$/i;
/** Sign-in forms addressed by their query (Roundcube's `?_task=login`, `action=login`): a refusal answers the password. */
const SIGN_IN_QUERY = /(^|&)(_task|_action|action|task|page|do)=(log-?in|sign-?in|authenticate)(&|$)/i;

export function proxyAuth(e: FailureEvidence): Finding | null {
  if (e.status !== 407 && e.response.proxyChallenges.length === 0) return null;
  const scheme = e.response.proxyChallenges[0]?.scheme;
  return {
    cause: "proxy-auth",
    confidence: e.status === 407 && scheme ? 0.95 : 0.8,
    summary: text("summaryProxyAuth"),
    reasons: [{ seen: scheme ? text("seenProxy407", scheme) : verbatim(`HTTP ${e.status}`), meaning: text("meaningProxy407") }],
  };
}

export function corsPreflight(e: FailureEvidence, host: string): Finding | null {
  if (!e.sent.preflight) return null;
  return {
    cause: "cors-preflight",
    confidence: 0.92,
    summary: text("summaryCorsPreflight", host),
    reasons: [{ seen: text("seenPreflight", e.status), meaning: text("meaningPreflight") }],
  };
}

export function botChallenge(e: FailureEvidence, host: string): Finding | null {
  if (!e.response.botChallenge) return null;
  return {
    cause: "unknown",
    confidence: 0.3,
    summary: text("summaryBotChallenge", host),
    reasons: [{ seen: verbatim("cf-mitigated: challenge"), meaning: text("meaningBotChallenge") }],
  };
}

export function iisExpiry(e: FailureEvidence, host: string): Finding | null {
  if (e.status === 440) {
    return {
      cause: "session-expired",
      confidence: 0.9,
      summary: text("summaryIisTimeout", host),
      reasons: [{ seen: verbatim("HTTP 440"), meaning: text("meaningIis440") }],
    };
  }
  return null;
}

export function wrongCredentials(e: FailureEvidence, host: string): Finding | null {
  const scheme = e.sent.authorizationScheme?.toLowerCase() ?? "";
  const asked = e.response.challenges.some((c) => PASSWORD_SCHEMES.includes(c.scheme.toLowerCase()));
  if (e.sent.addressCredentials && asked && e.status === 401) {
    // A page's XHR opened with a username and password: the browser answered the challenge with them, and they were refused.
    return {
      cause: "wrong-credentials",
      confidence: 0.85,
      summary: text("summaryWrongPassword", host),
      reasons: [{ seen: text("seenAddressCredentials", e.method), meaning: text("meaningAddressCredentials") }],
    };
  }
  if (PASSWORD_SCHEMES.includes(scheme) && e.status === 401) {
    if (!asked) {
      // The server took the password and asked for none other: it refused the account here (RabbitMQ's "Not
      // management user"). A server that refuses a wrong password without a challenge looks the same, so not surer than 50%.
      return {
        cause: "insufficient-permissions",
        confidence: 0.5,
        summary: text("summaryPasswordOrNotAllowed", host),
        reasons: [{ seen: text("seenPasswordNoChallenge", e.sent.authorizationScheme ?? ""), meaning: text("meaningPasswordNoChallenge") }],
      };
    }
    return {
      cause: "wrong-credentials",
      confidence: 0.85,
      summary: text("summaryWrongPassword", host),
      reasons: [{ seen: text("seenPasswordRefused", e.sent.authorizationScheme ?? ""), meaning: text("meaningPasswordRefused") }],
    };
  }
  if (e.method === "POST" && (e.status === 401 || e.status === 403) && (SIGN_IN_PATH.test(pathOf(e.url)) || SIGN_IN_QUERY.test(queryOf(e.url)))) {
    return {
      cause: "wrong-credentials",
      confidence: 0.75,
      summary: text("summaryWrongSignIn", host),
      reasons: [{ seen: text("seenSignInPost", `${pathOf(e.url)}${queryOf(e.url) ? `?${queryOf(e.url)}` : ""}`, e.status), meaning: text("meaningSignInPost") }],
    };
  }
  return null;
}

export function refusedWithCredentials(e: FailureEvidence, host: string): Finding | null {
  // Cookies that would have gone only if the page asked for them, or that carry no sign-in (a csrftoken), do not show the person was known.
  const cookies = e.sent.cookiesUncertain ? [] : e.sent.cookieNames.filter(looksLikeSession);
  if (e.status !== 403 || (cookies.length === 0 && !e.sent.authorizationScheme)) return null;
  return {
    cause: "insufficient-permissions",
    confidence: 0.6,
    summary: text("summaryNotAllowed", host),
    reasons: [{ seen: text("seenForbiddenWithCredentials"), meaning: text("meaningForbiddenWithCredentials") }],
  };
}

/** Cookies went, but none whose name carries a sign-in: probably not signed in, less surely. */
function othersOnly(e: FailureEvidence): { item: Reason; doubt: number } | null {
  if (e.sent.cookiesUncertain || e.sent.cookieNames.length === 0) return null;
  const names = e.sent.cookieNames.join(", ");
  return {
    item: { seen: e.sent.cookiesFrom === "jar" ? text("seenCookiesNoSessionInJar", names) : text("seenCookiesNoSessionSent", names), meaning: text("meaningCookiesNoSession") },
    doubt: 0.2,
  };
}

/**
 * What AuthLens can say about a request that carried no credentials it knows of, from how much of
 * it was seen: its `Cookie` header, or only its other headers and the jar, or nothing at all. It
 * never says "nothing was sent" about what it did not see.
 */
function nothingSent(e: FailureEvidence): { item: Reason; doubt: number } {
  if (!e.sent.seen) {
    return { item: { seen: text("seenNoCookiesHeadersUnseen"), meaning: text("meaningNoCookiesHeadersUnseen") }, doubt: 0.15 };
  }
  const from = e.initiator ?? text("thePage");
  if (e.sent.cookiesUncertain) {
    return { item: { seen: text("seenCrossOriginUncertain", from), meaning: text("meaningCrossOriginUncertain", e.sent.cookieNames.join(", ")) }, doubt: 0.25 };
  }
  const omitted = (e.jar?.applicable ?? []).filter((c) => c.withheld === "credentials-omitted").map((c) => c.name);
  if (omitted.length > 0) {
    return { item: { seen: text("seenCrossOriginOmitted", from), meaning: text("meaningCrossOriginOmitted", omitted.join(", ")) }, doubt: 0.05 };
  }
  if (e.sent.cookiesFrom === "jar") {
    // Where Set-Cookie is hidden too, an empty jar may be a cookie the browser refused to store (cookies blocked).
    const refusalUnseen = e.response.setCookiesFrom === "jar-changes" && e.response.challenges.length === 0;
    return { item: { seen: text("seenNothingInJar"), meaning: text(refusalUnseen ? "meaningNothingMaybeRefused" : "meaningNothing") }, doubt: refusalUnseen ? 0.2 : 0.05 };
  }
  return { item: { seen: text("seenNothingSent"), meaning: text("meaningNothing") }, doubt: 0 };
}

export function missingCredentials(e: FailureEvidence, host: string): Finding | null {
  if ((e.sent.cookieNames.some(looksLikeSession) && !e.sent.cookiesUncertain) || e.sent.authorizationScheme || e.sent.apiKeyHeader || keyParamOf(e.url)) return null;
  const challenge = e.response.challenges[0];
  const { item, doubt } = othersOnly(e) ?? nothingSent(e);
  const summary = text(e.sent.cookiesUncertain ? "summaryMissingUncertain" : !e.sent.seen ? "summaryMissingNoJarCookie" : "summaryMissing", host);
  if (e.status === 401) {
    // The browser answers these challenges itself (its sign-in prompt, its cache of what was typed there, the
    // operating system's Kerberos), adding Authorization where no extension sees it: a password typed and refused looks the same.
    const prompted = challenge !== undefined && BROWSER_SIGN_IN_SCHEMES.includes(challenge.scheme.toLowerCase());
    return {
      cause: "missing-credentials",
      confidence: prompted ? Math.min(0.5, 0.8 - doubt) : (challenge ? 0.8 : 0.7) - doubt,
      summary: prompted ? text("summaryMissingPrompted", host) : summary,
      // Basic and Digest are answered in the browser's own window, which "Enter the password again" brings back.
      ...(prompted && PASSWORD_SCHEMES.includes(challenge.scheme.toLowerCase()) ? { tryFirst: text("tryEnterPassword") } : {}),
      reasons: [
        challenge ? challengeReason(challenge, text(prompted ? "meaningBrowserPrompt" : "meaningAsksFor", challenge.scheme)) : { seen: text("seen401NoChallenge"), meaning: text("meaningNeedsSignIn") },
        item,
      ],
    };
  }
  if (e.status === 403 && !PASSIVE_TYPES.has(e.resourceType)) {
    return {
      cause: "missing-credentials",
      confidence: 0.5 - doubt,
      summary: e.sent.cookiesUncertain ? summary : text("summaryMissing403", host),
      reasons: [{ seen: verbatim("HTTP 403"), meaning: text("meaning403NoCredentials") }, item],
    };
  }
  return null;
}

export function passiveSubresource(e: FailureEvidence, host: string): Finding | null {
  if (!PASSIVE_TYPES.has(e.resourceType)) return null;
  return {
    cause: "unknown",
    confidence: 0.25,
    summary: text("summaryPassive", host, aFile(e.resourceType), e.status),
    reasons: [
      {
        seen: e.response.server ? text("seenPassiveServer", e.status, aFile(e.resourceType), e.response.server) : text("seenPassive", e.status, aFile(e.resourceType)),
        meaning: text("meaningPassive"),
      },
    ],
  };
}

function queryOf(url: string): string {
  try {
    return new URL(url).search.slice(1);
  } catch {
    return "";
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}
