import type { CauseId } from "./cause";
import type { FixId } from "./fix";

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
  /** Plain language first (what happened, what to try, in order), technical detail after. */
  explanation: string;
  evidence: EvidenceItem[];
  /** Fixes to offer, most promising first. */
  fixes: FixId[];
}
