import type { CauseId } from "./cause";
import type { Reason } from "./diagnosis";
import type { FixId } from "../fixes/fix";
import type { FailureEvidence } from "./evidence";
import { text, verbatim, type Phrase } from "../report/text";
import type { Challenge } from "../headers/www-authenticate";
import { isScheme } from "../headers/www-authenticate";

/** What one classifier rule concluded, and the evidence that made it conclude so. */
export interface Finding {
  cause: CauseId;
  confidence: number;
  summary: Phrase;
  reasons: Reason[];
  /** What to try first, where this evidence says more than the cause's usual advice. */
  tryFirst?: Phrase;
  /** The fixes to offer, where this evidence calls for others than the cause's usual ones. */
  fixes?: FixId[];
}

/** A classifier rule: a finding when its evidence is there, else null. `host` is the refusing host. */
export type Rule = (e: FailureEvidence, host: string) => Finding | null;

/**
 * The Bearer (or DPoP) challenge of a response, with its RFC 6750 error code as the RFC spells it:
 * servers also write the codes as words ("Insufficient scope", express-jwt-authz) or with hyphens,
 * which read the same to a person and so to AuthLens.
 */
export function bearerError(challenges: readonly Challenge[]): { challenge: Challenge; error: string | undefined; params: Record<string, string> } | null {
  const challenge = challenges.find((c) => isScheme(c, "bearer") || isScheme(c, "dpop"));
  return challenge ? { challenge, error: challenge.params.error?.trim().toLowerCase().replace(/[\s-]+/g, "_"), params: challenge.params } : null;
}

/** A challenge as the server wrote it (parsed, then written back). */
export function challengeHeader(challenge: Challenge): string {
  const params = Object.entries(challenge.params)
    .map(([k, v]) => `${k}="${v}"`)
    .join(", ");
  return `WWW-Authenticate: ${challenge.scheme}${params ? ` ${params}` : ""}`;
}

/** A challenge as an evidence item: the server's own words. */
export function challengeReason(challenge: Challenge, meaning?: Phrase): Reason {
  return { seen: verbatim(challengeHeader(challenge)), meaning: meaning ?? text("meaningChallenge") };
}
