import { ADVICE } from "./advice";
import type { CauseId } from "./cause";
import type { Diagnosis, EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import type { FixId } from "./fix";
import { describeObservations } from "./observations";
import { cookiesBlocked, sessionEnded, sessionEndedEarlier, staleCookie } from "./cookie-rules";
import { bodyReason, csrfRefused } from "./body-rules";
import { looksLikeSession } from "./sign-in/session-cookies";
import { oauthError, signInLoop, signInRedirect } from "./sign-in/redirect-rules";
import { challengeReason, type Finding, type Rule } from "./finding";
import { clockSkew, insufficientScope, refusedApiToken, tokenExpired, tokenInvalid, umaPermissionTicket } from "./token-rules";

export { describeDuration } from "./duration";

/** Resource types a person sees as "part of the page", where a bare 403 is rarely about sign-in. */
const PASSIVE_TYPES = new Set(["image", "imageset", "font", "stylesheet", "media", "script", "object", "ping", "csp_report"]);
/** Paths where a refusal answers a sign-in attempt: the credentials just submitted were wrong. */
const SIGN_IN_PATH = /(^|\/)(log-?in|sign-?in|sign_in|sessions?|auth(enticate)?|token|oauth\/token)(\.json)?\/?$/i;
/** Schemes in which the browser itself sends a username and password. */
const PASSWORD_SCHEMES = ["basic", "digest"];
/** Challenges the browser answers itself, with what was typed in its prompt or the system's sign-in. */
const BROWSER_SCHEMES = [...PASSWORD_SCHEMES, "negotiate", "ntlm"];

/**
 * Names the most likely cause of an auth failure. Pure: evidence in, diagnosis out.
 * Rules run from the most specific evidence to the least; the first that matches wins, and its
 * confidence says how strong that evidence is. No usable evidence gives `unknown`, honestly unsure.
 */
export function classify(evidence: FailureEvidence): Diagnosis {
  const host = hostOf(evidence.url);
  let finding: Finding | null = null;
  for (const rule of RULES) {
    finding = rule(evidence, host);
    if (finding) break;
  }
  finding ??= { cause: "unknown", confidence: 0.2, summary: `${host} refused the request (HTTP ${evidence.status}); AuthLens could not tell why.`, reasons: [] };
  const advice = ADVICE[finding.cause];
  const loop = evidence.repeats >= 2 ? loopNote(evidence.repeats) : null;
  const technical = [...finding.reasons, ...(loop ? [loop] : [])].map((r) => `${r.seen}: ${r.meaning}`).join("\n");
  return {
    cause: finding.cause,
    confidence: round(finding.confidence),
    summary: finding.summary,
    explanation: `${advice.what(host)} ${finding.tryFirst ?? advice.tryFirst}${technical ? `\n\nTechnical detail:\n${technical}` : ""}`,
    evidence: [...finding.reasons, ...(loop ? [loop] : []), ...withoutRepeats(describeObservations(evidence), finding.reasons)],
    fixes: finding.fixes ?? (loop ? loopFixes(advice.fixes, finding.cause) : advice.fixes),
  };
}

const RULES: Rule[] = [
  signInLoop,
  oauthError,
  proxyAuth,
  corsPreflight,
  botChallenge,
  clockSkew,
  bodyReason,
  tokenExpired,
  insufficientScope,
  umaPermissionTicket,
  tokenInvalid,
  refusedApiToken,
  staleCookie,
  cookiesBlocked,
  csrfRefused,
  iisExpiry,
  wrongCredentials,
  sessionEnded,
  sessionEndedEarlier,
  signInRedirect,
  refusedWithCredentials,
  missingCredentials,
  passiveSubresource,
];

function proxyAuth(e: FailureEvidence): Finding | null {
  if (e.status !== 407 && e.response.proxyChallenges.length === 0) return null;
  const scheme = e.response.proxyChallenges[0]?.scheme;
  return {
    cause: "proxy-auth",
    confidence: e.status === 407 && scheme ? 0.95 : 0.8,
    summary: "A proxy between you and the site wants you to sign in to it.",
    reasons: [{ seen: `HTTP 407${scheme ? ` with Proxy-Authenticate: ${scheme}` : ""}`, meaning: "407 comes from a proxy, not from the website (RFC 9110 §15.5.8)." }],
  };
}

function corsPreflight(e: FailureEvidence, host: string): Finding | null {
  if (!e.sent.preflight) return null;
  return {
    cause: "cors-preflight",
    confidence: 0.92,
    summary: `${host} refused your browser's permission check (CORS preflight), so the page's real request was never sent.`,
    reasons: [
      {
        seen: `OPTIONS with Access-Control-Request-Method answered ${e.status}`,
        meaning: "A preflight never carries cookies or tokens (Fetch standard §4.8), so a server that demands them on OPTIONS always refuses it.",
      },
    ],
  };
}

function botChallenge(e: FailureEvidence, host: string): Finding | null {
  if (!e.response.botChallenge) return null;
  return {
    cause: "unknown",
    confidence: 0.3,
    summary: `${host}'s firewall wants to check that you are human; this is not a sign-in problem.`,
    reasons: [{ seen: "cf-mitigated: challenge", meaning: "Cloudflare answered with a bot check, which a page's fetches cannot pass." }],
  };
}

function iisExpiry(e: FailureEvidence, host: string): Finding | null {
  if (e.status === 440) {
    return {
      cause: "session-expired",
      confidence: 0.9,
      summary: `Your sign-in on ${host} timed out.`,
      reasons: [{ seen: "HTTP 440", meaning: "IIS and Outlook on the web send 440 'Login Time-out' when a session has expired." }],
    };
  }
  return null;
}

function wrongCredentials(e: FailureEvidence, host: string): Finding | null {
  const scheme = e.sent.authorizationScheme?.toLowerCase() ?? "";
  if (PASSWORD_SCHEMES.includes(scheme) && e.status === 401) {
    const asked = e.response.challenges.some((c) => PASSWORD_SCHEMES.includes(c.scheme.toLowerCase()));
    return {
      cause: "wrong-credentials",
      confidence: asked ? 0.85 : 0.7,
      summary: `${host} did not accept the username and password it was sent.`,
      reasons: [{ seen: `Authorization: ${e.sent.authorizationScheme} (value hidden), answered 401`, meaning: "A username and password went with the request, and the server still refused it." }],
    };
  }
  if (e.method === "POST" && (e.status === 401 || e.status === 403) && SIGN_IN_PATH.test(pathOf(e.url))) {
    return {
      cause: "wrong-credentials",
      confidence: 0.75,
      summary: `${host} did not accept the sign-in details just submitted.`,
      reasons: [{ seen: `POST ${pathOf(e.url)} answered ${e.status}`, meaning: "A refused POST to a sign-in address means the username or password was not accepted." }],
    };
  }
  return null;
}

function refusedWithCredentials(e: FailureEvidence, host: string): Finding | null {
  // Cookies that would have gone only if the page asked for them, or that carry no sign-in (a csrftoken), do not show the person was known.
  const cookies = e.sent.cookiesUncertain ? [] : e.sent.cookieNames.filter(looksLikeSession);
  if (e.status !== 403 || (cookies.length === 0 && !e.sent.authorizationScheme)) return null;
  return {
    cause: "insufficient-permissions",
    confidence: 0.6,
    summary: `You are signed in to ${host}, but not allowed to do this.`,
    reasons: [{ seen: "HTTP 403 to a request that carried credentials", meaning: "403 means the server knows who you are and still refuses (RFC 9110 §15.5.4)." }],
  };
}

/** Cookies went, but none whose name carries a sign-in: probably not signed in, less surely. */
function othersOnly(e: FailureEvidence): { item: EvidenceItem; doubt: number } | null {
  if (e.sent.cookiesUncertain || e.sent.cookieNames.length === 0) return null;
  return {
    item: { seen: `Cookies ${e.sent.cookiesFrom === "jar" ? "in the jar for this address" : "sent"}: ${e.sent.cookieNames.join(", ")}; none looks like a sign-in`, meaning: "None of these cookies' names is a session's, so the site probably does not know you; a session cookie of an unusual name would look the same." },
    doubt: 0.2,
  };
}

/**
 * What AuthLens can say about a request that carried no credentials it knows of, from how much of
 * it was seen: its `Cookie` header, or only its other headers and the jar, or nothing at all. It
 * never says "nothing was sent" about what it did not see.
 */
function nothingSent(e: FailureEvidence): { item: EvidenceItem; doubt: number } {
  if (!e.sent.seen) {
    return {
      item: { seen: "No cookies for this address in the jar; request headers not seen", meaning: "No cookie could identify you. Whether a token went with the request, AuthLens did not see: the request began before it was listening." },
      doubt: 0.15,
    };
  }
  if (e.sent.cookiesUncertain) {
    return {
      item: {
        seen: `A call from ${e.initiator ?? "the page"} to another origin; no Authorization header`,
        meaning: `Such a call carries your cookies for this address (${e.sent.cookieNames.join(", ")}) only if the page asks for them, and AuthLens cannot see whether it did. If it did, your session there has ended.`,
      },
      doubt: 0.25,
    };
  }
  const omitted = (e.jar?.applicable ?? []).filter((c) => c.withheld === "credentials-omitted").map((c) => c.name);
  if (omitted.length > 0) {
    return {
      item: {
        seen: `A call from ${e.initiator ?? "the page"} to another origin, answered without Access-Control-Allow-Credentials; no Authorization header`,
        meaning: `The page did not ask for cookies on this call, so your cookies for this address (${omitted.join(", ")}) did not go with it: an answer that does not allow credentials can only answer a call made without them (Fetch standard §3.2.5).`,
      },
      doubt: 0.05,
    };
  }
  if (e.sent.cookiesFrom === "jar") {
    // Where Set-Cookie is hidden too, an empty jar may be a cookie the browser refused to store (cookies blocked).
    const refusalUnseen = e.response.setCookiesFrom === "jar-changes" && e.response.challenges.length === 0;
    return {
      item: {
        seen: "No cookies for this address in the jar, and no Authorization header",
        meaning: refusalUnseen
          ? "Nothing in the request could identify you. If you signed in a moment ago, your browser may have refused the site's cookie: Look closer shows what the site set."
          : "Nothing in the request could identify you.",
      },
      doubt: refusalUnseen ? 0.2 : 0.05,
    };
  }
  return { item: { seen: "No Cookie and no Authorization header", meaning: "Nothing in the request could identify you." }, doubt: 0 };
}

function missingCredentials(e: FailureEvidence, host: string): Finding | null {
  if ((e.sent.cookieNames.some(looksLikeSession) && !e.sent.cookiesUncertain) || e.sent.authorizationScheme) return null;
  const challenge = e.response.challenges[0];
  const { item, doubt } = othersOnly(e) ?? nothingSent(e);
  const summary = e.sent.cookiesUncertain
    ? `${host} wants you to sign in, and this call may not have carried your sign-in: the page's call to another origin sends your cookies only if it asks to.`
    : !e.sent.seen
      ? `${host} wants you to sign in, and your browser holds no cookie that signs you in there.`
      : `${host} wants you to sign in, and the request carried no sign-in details.`;
  if (e.status === 401) {
    // The browser answers these challenges itself (its sign-in prompt, its cache of what was typed there, the
    // operating system's Kerberos), adding Authorization where no extension sees it: a password typed and refused looks the same.
    const prompted = challenge !== undefined && BROWSER_SCHEMES.includes(challenge.scheme.toLowerCase());
    return {
      cause: "missing-credentials",
      confidence: prompted ? Math.min(0.5, 0.8 - doubt) : (challenge ? 0.8 : 0.7) - doubt,
      summary: prompted ? `${host} wants a username and password. If you typed them into your browser's sign-in prompt, they were not accepted.` : summary,
      reasons: [
        challenge
          ? challengeReason(challenge, prompted ? `The browser asks for ${challenge.scheme} credentials itself, in its sign-in prompt, and sends them where no extension sees them.` : `The server asks for ${challenge.scheme} credentials.`)
          : { seen: "HTTP 401 with no challenge", meaning: "The server needs a sign-in." },
        item,
      ],
    };
  }
  if (e.status === 403 && !PASSIVE_TYPES.has(e.resourceType)) {
    return {
      cause: "missing-credentials",
      confidence: 0.5 - doubt,
      summary: e.sent.cookiesUncertain ? summary : `${host} refused a request that carried no sign-in details; you probably need to sign in.`,
      reasons: [{ seen: "HTTP 403", meaning: "Several stacks (Django REST framework's session auth, API gateways) answer 403 when no credentials came." }, item],
    };
  }
  return null;
}

/** "an image", "a script": a passive resource type in words. */
function aFile(type: string): string {
  const words: Record<string, string> = { image: "an image", imageset: "an image", ping: "a ping", csp_report: "a security report", script: "a script", stylesheet: "a stylesheet", font: "a font", media: "a media file", object: "an embedded object" };
  return words[type] ?? "a file";
}

function passiveSubresource(e: FailureEvidence, host: string): Finding | null {
  if (!PASSIVE_TYPES.has(e.resourceType)) return null;
  return {
    cause: "unknown",
    confidence: 0.25,
    summary: `${host} refused ${aFile(e.resourceType)} with HTTP ${e.status} and no reason.`,
    reasons: [
      { seen: `HTTP ${e.status} for ${aFile(e.resourceType)}, no challenge${e.response.server ? `, Server: ${e.response.server}` : ""}`, meaning: "Hotlink protection or a storage bucket's access rules refuse files like this; it is rarely about your sign-in." },
    ],
  };
}

/** General observations, less those a deciding reason already shows (the same challenge twice, say). */
function withoutRepeats(observations: EvidenceItem[], reasons: readonly EvidenceItem[]): EvidenceItem[] {
  const challengeShown = reasons.some((r) => r.seen.startsWith("WWW-Authenticate:"));
  const seen = new Set(reasons.map((r) => r.seen));
  return observations.filter((o) => !seen.has(o.seen) && !(challengeShown && o.seen.startsWith("WWW-Authenticate:")));
}

function loopNote(repeats: number): EvidenceItem {
  return { seen: `This address failed ${repeats + 1} times in two minutes`, meaning: "A sign-in loop: signing in again alone has not helped." };
}

/** In a sign-in loop, clearing the site's cookies moves ahead of signing in again. */
function loopFixes(fixes: FixId[], cause: CauseId): FixId[] {
  if (cause !== "session-expired" && cause !== "token-invalid" && cause !== "missing-credentials") return fixes;
  return ["clear-site-cookies", ...fixes.filter((f) => f !== "clear-site-cookies")];
}

/** "3 hours", "5 minutes", "40 seconds". */
const round = (n: number) => Math.round(n * 100) / 100;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || "the site";
  } catch {
    return "the site";
  }
}
