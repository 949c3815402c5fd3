import { ADVICE } from "./advice";
import type { CauseId } from "./cause";
import type { WithheldReason } from "./cookie-jar";
import type { Diagnosis, EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import type { FixId } from "./fix";
import type { CookieRejection } from "./set-cookie";
import { describeObservations } from "./observations";
import { isScheme, type Challenge } from "./www-authenticate";

/** What one rule concluded, and the evidence that made it conclude so. */
interface Finding {
  cause: CauseId;
  confidence: number;
  summary: string;
  reasons: EvidenceItem[];
}

type Rule = (e: FailureEvidence, host: string) => Finding | null;

/** Skew below this is network latency and rounding, not a wrong clock. */
const SKEW_THRESHOLD_MS = 60_000;
/** Resource types a person sees as "part of the page", where a bare 403 is rarely about sign-in. */
const PASSIVE_TYPES = new Set(["image", "imageset", "font", "stylesheet", "media", "script", "object", "ping", "csp_report"]);
/** Paths where a refusal answers a sign-in attempt: the credentials just submitted were wrong. */
const SIGN_IN_PATH = /(^|\/)(log-?in|sign-?in|sign_in|sessions?|auth(enticate)?|token|oauth\/token)(\.json)?\/?$/i;
/** Schemes in which the browser itself sends a username and password. */
const PASSWORD_SCHEMES = ["basic", "digest"];

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
    explanation: `${advice.what(host)} ${advice.tryFirst}${technical ? `\n\nTechnical detail:\n${technical}` : ""}`,
    evidence: [...finding.reasons, ...(loop ? [loop] : []), ...describeObservations(evidence)],
    fixes: loop ? loopFixes(advice.fixes, finding.cause) : advice.fixes,
  };
}

const RULES: Rule[] = [proxyAuth, corsPreflight, botChallenge, clockSkew, tokenExpired, insufficientScope, tokenInvalid, staleCookie, cookiesBlocked, laravelOrIisExpiry, wrongCredentials, sessionEnded, refusedWithCredentials, missingCredentials, passiveSubresource];

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

function clockSkew(e: FailureEvidence, host: string): Finding | null {
  const claims = e.sent.token?.claims;
  if (!claims || e.clockSkewMs === null || Math.abs(e.clockSkewMs) < SKEW_THRESHOLD_MS) return null;
  const local = e.time / 1000;
  const server = local + e.clockSkewMs / 1000;
  const validHere = (claims.exp === undefined || claims.exp > local) && (claims.nbf === undefined || claims.nbf <= local);
  const expiredThere = claims.exp !== undefined && claims.exp <= server;
  const notYetThere = claims.nbf !== undefined && claims.nbf > server;
  if (!validHere || !(expiredThere || notYetThere)) return null;
  const off = describeDuration(Math.abs(e.clockSkewMs));
  return {
    cause: "clock-skew",
    confidence: 0.85,
    summary: `Your computer's clock is ${off} ${e.clockSkewMs > 0 ? "behind" : "ahead of"} ${host}'s, so the server sees your token as ${expiredThere ? "expired" : "not yet valid"}.`,
    reasons: [
      { seen: `Server Date: ${e.response.date ?? "?"}; this computer: ${new Date(e.time).toUTCString()}`, meaning: `The two clocks differ by ${off}.` },
      {
        seen: expiredThere ? `Token exp ${new Date(claims.exp! * 1000).toISOString()}` : `Token nbf ${new Date(claims.nbf! * 1000).toISOString()}`,
        meaning: `Valid by this computer's clock, ${expiredThere ? "expired" : "not yet valid"} by the server's.`,
      },
    ],
  };
}

function tokenExpired(e: FailureEvidence, host: string): Finding | null {
  const exp = e.sent.token?.claims?.exp;
  const serverNow = (e.time + (e.clockSkewMs ?? 0)) / 1000;
  const bearer = bearerError(e.response.challenges);
  const describedExpired = bearer?.error === "invalid_token" && /expir/i.test(bearer.params.error_description ?? "");
  if (exp !== undefined && exp <= serverNow) {
    return {
      cause: "token-expired",
      confidence: describedExpired || bearer?.error === "invalid_token" ? 0.95 : 0.85,
      summary: `The access token sent to ${host} expired ${describeDuration((serverNow - exp) * 1000)} ago.`,
      reasons: [
        { seen: `Token exp ${new Date(exp * 1000).toISOString()}`, meaning: "The token's own expiry time has passed (RFC 7519 §4.1.4)." },
        ...(bearer ? [challengeReason(bearer.challenge)] : []),
      ],
    };
  }
  if (describedExpired && bearer) {
    return { cause: "token-expired", confidence: 0.85, summary: `${host} says the access token it was sent has expired.`, reasons: [challengeReason(bearer.challenge)] };
  }
  return null;
}

function insufficientScope(e: FailureEvidence, host: string): Finding | null {
  const bearer = bearerError(e.response.challenges);
  if (bearer?.error !== "insufficient_scope") return null;
  const scope = bearer.params.scope;
  return {
    cause: "insufficient-permissions",
    confidence: 0.92,
    summary: `You are signed in to ${host}, but your token lacks the permission${scope ? ` "${scope}"` : ""} this needs.`,
    reasons: [challengeReason(bearer.challenge, "insufficient_scope: the token is valid but does not grant this (RFC 6750 §3.1).")],
  };
}

function tokenInvalid(e: FailureEvidence, host: string): Finding | null {
  const bearer = bearerError(e.response.challenges);
  if (bearer?.error === "invalid_token" || bearer?.error === "invalid_request") {
    return {
      cause: "token-invalid",
      confidence: e.sent.token ? 0.85 : 0.7,
      summary: `${host} rejected the access token it was sent.`,
      reasons: [challengeReason(bearer.challenge)],
    };
  }
  const token = e.sent.token;
  if (!token || e.status !== 401) return null;
  return {
    cause: "token-invalid",
    confidence: 0.6,
    summary: `${host} refused the access token it was sent, though the token has not expired.`,
    reasons: [
      {
        seen: token.kind === "jwt" ? "A bearer JWT that has not expired" : `An ${token.kind} bearer token`,
        meaning: "A refused token that is not expired has been revoked, was issued for another service, or is malformed.",
      },
    ],
  };
}

function staleCookie(e: FailureEvidence, host: string): Finding | null {
  const sentTwice = [...new Set(e.sent.cookieNames.filter((n, i, all) => all.indexOf(n) !== i))];
  const jarTwice = (e.jar?.duplicateNames ?? []).filter((n) => e.sent.cookieNames.includes(n));
  const names = [...new Set([...sentTwice, ...jarTwice])];
  if (names.length === 0) return null;
  const copies = (e.jar?.applicable ?? []).filter((c) => names.includes(c.name)).map((c) => `${c.hostOnly ? "" : "."}${c.domain.replace(/^\./, "")}${c.path}`);
  return {
    cause: "stale-cookie",
    confidence: sentTwice.length > 0 ? 0.85 : 0.7,
    summary: `Two "${names[0]}" cookies were sent to ${host}; an old one is probably hiding your current sign-in.`,
    reasons: [
      {
        seen: `Cookie ${names.join(", ")} sent ${sentTwice.length ? "more than once" : ""}${copies.length ? ` (in the jar at ${copies.join(" and ")})` : ""}`.replace("  ", " "),
        meaning: "Servers read the first cookie of a name; the browser sends the one with the longer path first (RFC 6265 §5.4), which is usually the older one.",
      },
    ],
  };
}

function cookiesBlocked(e: FailureEvidence, host: string): Finding | null {
  const rejected = e.response.setCookies.flatMap((c) => (c.rejected ? [{ name: c.name, rejected: c.rejected }] : []));
  const withheld = (e.jar?.applicable ?? []).flatMap((c) => (c.withheld && c.withheld !== "not-sent" ? [{ name: c.name, withheld: c.withheld }] : []));
  if (e.sent.cookieNames.length > 0 && withheld.length === 0) return null;
  if (rejected.length === 0 && withheld.length === 0) return null;
  const reasons: EvidenceItem[] = [
    ...rejected.map((c) => ({ seen: `Set-Cookie ${c.name} (${c.rejected})`, meaning: REJECTION_MEANING[c.rejected] })),
    ...withheld.map((c) => ({ seen: `Cookie ${c.name} in the jar was not sent (${c.withheld})`, meaning: WITHHELD_MEANING[c.withheld] })),
  ];
  return {
    cause: "cookies-blocked",
    confidence: withheld.length > 0 && e.sent.cookieNames.length === 0 ? 0.85 : 0.75,
    summary: `Your browser ${withheld.length ? "did not send" : "refused to store"} the cookie${(withheld[0] ?? rejected[0])?.name ? ` "${(withheld[0] ?? rejected[0])?.name}"` : ""} that ${host} needs.`,
    reasons,
  };
}

const REJECTION_MEANING: Record<CookieRejection, string> = {
  "samesite-none-insecure": "Browsers refuse a SameSite=None cookie without Secure, so this cookie was never stored.",
  "secure-over-http": "A Secure cookie cannot be set over plain http, so this cookie was never stored.",
  "host-prefix": "A __Host- cookie must be Secure, have Path=/ and no Domain; this one was refused.",
  "secure-prefix": "A __Secure- cookie must be Secure; this one was refused.",
  "domain-mismatch": "The cookie names a Domain the request's host is not part of, so it was refused.",
};

const WITHHELD_MEANING: Record<Exclude<WithheldReason, "not-sent">, string> = {
  samesite: "Its SameSite setting keeps it off requests from another site, and this request came from another site.",
  "third-party": "The browser blocks cookies in a third-party context (another site's page), where this request came from.",
  "secure-over-http": "It is a Secure cookie, and this request went over plain http.",
};

function laravelOrIisExpiry(e: FailureEvidence, host: string): Finding | null {
  if (e.status === 419) {
    return {
      cause: "session-expired",
      confidence: 0.85,
      summary: `Your session on ${host} has expired (the page was open too long, so its security token is no longer valid).`,
      reasons: [{ seen: "HTTP 419", meaning: "Laravel's 'Page Expired': the CSRF token no longer matches the session, which usually means the session ended." }],
    };
  }
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

function sessionEnded(e: FailureEvidence, host: string): Finding | null {
  if (e.sent.cookieNames.length === 0 || e.sent.authorizationScheme) return null;
  if (e.status !== 401 && e.status !== 403) return null;
  const cleared = e.response.setCookies.filter((c) => c.clears && e.sent.cookieNames.includes(c.name)).map((c) => c.name);
  if (cleared.length > 0) {
    return {
      cause: "session-expired",
      confidence: 0.85,
      summary: `Your session on ${host} has ended: the server refused it and deleted the session cookie.`,
      reasons: [{ seen: `Set-Cookie clears ${cleared.join(", ")}`, meaning: "The server deleted the cookie it had refused, which is how sites end a session." }],
    };
  }
  if (e.status !== 401) return null;
  return {
    cause: "session-expired",
    confidence: e.response.challenges.length === 0 ? 0.65 : 0.6,
    summary: `Your session on ${host} has probably expired.`,
    reasons: [{ seen: `Cookies sent (${e.sent.cookieNames.join(", ")}), answered 401`, meaning: "The browser sent its session cookies and the server no longer accepts them." }],
  };
}

function refusedWithCredentials(e: FailureEvidence, host: string): Finding | null {
  if (e.status !== 403 || (e.sent.cookieNames.length === 0 && !e.sent.authorizationScheme)) return null;
  return {
    cause: "insufficient-permissions",
    confidence: 0.6,
    summary: `You are signed in to ${host}, but not allowed to do this.`,
    reasons: [{ seen: "HTTP 403 to a request that carried credentials", meaning: "403 means the server knows who you are and still refuses (RFC 9110 §15.5.4)." }],
  };
}

function missingCredentials(e: FailureEvidence, host: string): Finding | null {
  if (e.sent.cookieNames.length > 0 || e.sent.authorizationScheme) return null;
  const challenge = e.response.challenges[0];
  if (e.status === 401) {
    return {
      cause: "missing-credentials",
      confidence: challenge ? 0.8 : 0.7,
      summary: `${host} wants you to sign in, and the request carried no sign-in details.`,
      reasons: [
        challenge ? challengeReason(challenge, `The server asks for ${challenge.scheme} credentials.`) : { seen: "HTTP 401 with no challenge", meaning: "The server needs a sign-in." },
        { seen: "No Cookie and no Authorization header", meaning: "Nothing in the request could identify you." },
      ],
    };
  }
  if (e.status === 403 && !PASSIVE_TYPES.has(e.resourceType)) {
    return {
      cause: "missing-credentials",
      confidence: 0.5,
      summary: `${host} refused a request that carried no sign-in details; you probably need to sign in.`,
      reasons: [{ seen: "HTTP 403 with no Cookie and no Authorization header", meaning: "Several stacks (Django REST framework's session auth, API gateways) answer 403 when no credentials came." }],
    };
  }
  return null;
}

function passiveSubresource(e: FailureEvidence, host: string): Finding | null {
  if (!PASSIVE_TYPES.has(e.resourceType)) return null;
  return {
    cause: "unknown",
    confidence: 0.25,
    summary: `${host} refused a ${e.resourceType.replace("_", " ")} with HTTP ${e.status} and no reason.`,
    reasons: [
      { seen: `HTTP ${e.status} for a ${e.resourceType}, no challenge${e.response.server ? `, Server: ${e.response.server}` : ""}`, meaning: "Hotlink protection or a storage bucket's access rules refuse files like this; it is rarely about your sign-in." },
    ],
  };
}

function bearerError(challenges: readonly Challenge[]): { challenge: Challenge; error: string | undefined; params: Record<string, string> } | null {
  const challenge = challenges.find((c) => isScheme(c, "bearer") || isScheme(c, "dpop"));
  return challenge ? { challenge, error: challenge.params.error?.toLowerCase(), params: challenge.params } : null;
}

function challengeReason(challenge: Challenge, meaning?: string): EvidenceItem {
  const params = Object.entries(challenge.params)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ");
  return { seen: `WWW-Authenticate: ${challenge.scheme}${params ? ` ${params}` : ""}`, meaning: meaning ?? "The server's own words on why it refused." };
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
export function describeDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 90) return `${s} second${s === 1 ? "" : "s"}`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

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
