import type { CauseId } from "./cause";

/** One thing AuthLens saw, and why it matters for the diagnosis. */
export interface EvidenceItem {
  seen: string;
  meaning: string;
}

/** The classifier's answer for one failure. */
export interface Diagnosis {
  cause: CauseId;
  /** How sure AuthLens is, 0..1. */
  confidence: number;
  /** One plain sentence. */
  summary: string;
  evidence: EvidenceItem[];
}
