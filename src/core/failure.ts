import { isCauseId, type CauseId } from "./cause";
import type { Diagnosis, EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";

/** One recorded auth failure: an item of the report contract (docs/report.md). */
export interface Failure {
  id: string;
  url: string;
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
  /** The evidence the diagnosis was made from (names and parsed headers; no secrets). */
  details: Pick<FailureEvidence, "statusLine" | "sent" | "response">;
}

/** Joins what was observed and what the classifier concluded into a recordable failure. */
export function toFailure(id: string, frameId: number, evidence: FailureEvidence, diagnosis: Diagnosis): Failure {
  const { url, method, status, resourceType, time, initiator, statusLine, sent, response } = evidence;
  return { id, url, method, status, resourceType, time, initiator, frameId, ...diagnosis, details: { statusLine, sent, response } };
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
    typeof f.method === "string" &&
    typeof f.status === "number" &&
    typeof f.resourceType === "string" &&
    typeof f.time === "number" &&
    typeof f.frameId === "number" &&
    isCauseId(f.cause) &&
    typeof f.confidence === "number" &&
    typeof f.summary === "string" &&
    Array.isArray(f.evidence) &&
    typeof f.details === "object" &&
    f.details !== null
  );
}
