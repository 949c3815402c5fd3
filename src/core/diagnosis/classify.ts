import { ADVICE } from "./advice";
import type { Diagnosis, Reason } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import { rankFixes } from "../fixes/rank-fixes";
import { describeObservations } from "./observations";
import { cookiesBlocked, sessionEnded, sessionEndedEarlier, signInCookieRefused, staleCookie } from "../cookies/cookie-rules";
import { bodyReason, csrfRefused } from "../headers/body-rules";
import { oauthError, signInLoop, signInRedirect } from "../sign-in/redirect-rules";
import type { Finding, Rule } from "./finding";
import { botChallenge, corsPreflight, iisExpiry, missingCredentials, passiveSubresource, proxyAuth, refusedWithCredentials, wrongCredentials } from "./credential-rules";
import { phraseHead, phraseKey, plural, text, type Phrase } from "../report/text";
import { clockSkew, insufficientScope, refusedApiToken, tokenExpired, tokenInvalid, umaPermissionTicket } from "../tokens/token-rules";

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
  finding ??= { cause: "unknown", confidence: 0.2, summary: text("summaryUnknown", host, evidence.status), reasons: [] };
  const advice = ADVICE[finding.cause];
  const loop = evidence.repeats >= 2 ? loopNote(evidence.repeats) : null;
  const technical = [...finding.reasons, ...(loop ? [loop] : [])];
  return {
    cause: finding.cause,
    confidence: round(finding.confidence),
    summary: finding.summary,
    explanation: { what: text(advice.what, host), tryFirst: finding.tryFirst ?? text(advice.tryFirst), technical },
    evidence: [...technical, ...withoutRepeats(describeObservations(evidence), finding.reasons)],
    fixes: rankFixes(finding.cause, evidence, finding.fixes),
  };
}

const RULES: Rule[] = [
  // A sign-in the browser would not keep explains a loop back to the sign-in page too.
  signInCookieRefused,
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

/** General observations, less those a deciding reason already shows (the same challenge twice, say). */
function withoutRepeats(observations: Reason[], reasons: readonly Reason[]): Reason[] {
  const challengeShown = reasons.some((r) => isChallenge(r.seen));
  // Written out in full only where the message (or the words) already match: writing out every phrase was most of the classifier's time.
  const heads = new Set(reasons.map((r) => phraseHead(r.seen)));
  const shown = new Set(reasons.map((r) => phraseKey(r.seen)));
  return observations.filter((o) => !(heads.has(phraseHead(o.seen)) && shown.has(phraseKey(o.seen))) && !(challengeShown && isChallenge(o.seen)));
}

const isChallenge = (p: Phrase) => "verbatim" in p && p.verbatim.startsWith("WWW-Authenticate:");

function loopNote(repeats: number): Reason {
  return { seen: plural("loopFailed", repeats + 1), meaning: text("meaningLoop") };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The refusing host; an address without one (never watched: webRequest sees http and https) as it is. */
function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}
