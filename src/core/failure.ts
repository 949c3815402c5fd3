import { isCauseId, type CauseId } from "./cause";
import type { EvidenceItem, SaidDiagnosis } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import { isFixId, type FixId } from "./fix";
import { registrableDomain } from "./site";

/** One recorded auth failure: an item of the report contract (docs/report.md). */
export interface Failure {
  id: string;
  url: string;
  /** The URL's registrable domain ("this site"), so no UI needs the public-suffix list. */
  site: string | null;
  method: string;
  status: number;
  resourceType: string;
  /** When the response arrived, ms since the epoch. */
  time: number;
  initiator: string | null;
  frameId: number;
  cause: CauseId;
  confidence: number;
  summary: string;
  evidence: EvidenceItem[];
  explanation: string;
  fixes: FixId[];
  /** The evidence the diagnosis was made from (names, claims and parsed headers; no secrets). */
  details: FailureDetails;
}

export type FailureDetails = Pick<FailureEvidence, "statusLine" | "sent" | "response" | "jar" | "crossSite" | "embeddedIn" | "clockSkewMs" | "repeats" | "redirect" | "sessionEnding" | "bodyReason">;

/** Joins what was observed and what the classifier concluded into a recordable failure. */
export function toFailure(id: string, frameId: number, evidence: FailureEvidence, diagnosis: SaidDiagnosis): Failure {
  const { url, method, status, resourceType, time, initiator, statusLine, sent, response, jar, crossSite, embeddedIn, clockSkewMs, repeats, redirect, sessionEnding, bodyReason } = evidence;
  return {
    id,
    url,
    site: registrableDomain(url),
    method,
    status,
    resourceType,
    time,
    initiator,
    frameId,
    ...diagnosis,
    details: { statusLine, sent, response, jar, crossSite, embeddedIn, clockSkewMs, repeats, ...(redirect ? { redirect } : {}), ...(sessionEnding ? { sessionEnding } : {}), ...(bodyReason ? { bodyReason } : {}) },
  };
}

/**
 * True when a value read back from storage has the shape of a {@link Failure}.
 * Storage may hold what an older version wrote, so nothing read is trusted unchecked.
 */
export function isFailure(value: unknown): value is Failure {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.id === "string" &&
    typeof f.url === "string" &&
    (typeof f.site === "string" || f.site === null) &&
    typeof f.method === "string" &&
    typeof f.status === "number" &&
    typeof f.resourceType === "string" &&
    typeof f.time === "number" &&
    typeof f.frameId === "number" &&
    isCauseId(f.cause) &&
    typeof f.confidence === "number" &&
    typeof f.summary === "string" &&
    typeof f.explanation === "string" &&
    Array.isArray(f.evidence) &&
    Array.isArray(f.fixes) &&
    f.fixes.every(isFixId) &&
    typeof f.details === "object" &&
    f.details !== null
  );
}
