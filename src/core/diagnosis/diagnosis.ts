import type { CauseId } from "./cause";
import type { FixId } from "../fixes/fix";
import { text, type Phrase } from "../report/text";

/** One thing AuthLens saw, and why it matters for the diagnosis, before it is said in a language. */
export interface Reason {
  seen: Phrase;
  meaning: Phrase;
}

/** The classifier's answer for one failure: what to say, not yet said in any language. */
export interface Diagnosis {
  cause: CauseId;
  /** How sure AuthLens is, 0..1. */
  confidence: number;
  /** One plain sentence. */
  summary: Phrase;
  /** What happened, then what to try, then the technical detail (the reasons that decided). */
  explanation: { what: Phrase; tryFirst: Phrase; technical: Reason[] };
  /** Everything seen, the deciding reasons first. */
  evidence: Reason[];
  /** Fixes to offer, most promising first. */
  fixes: FixId[];
}

/** One thing AuthLens saw, and why it matters, in the person's language (the report contract). */
export interface EvidenceItem {
  seen: string;
  meaning: string;
}

/** A diagnosis in the person's language: what a failure records (docs/report.md). */
export interface SaidDiagnosis {
  cause: CauseId;
  confidence: number;
  summary: string;
  /** In plain language: what happened, what to try. */
  explanation: string;
  evidence: EvidenceItem[];
  /**
   * How many of {@link evidence}, from the first, decided the cause: the technical detail. Kept as
   * a count, not a second copy of their words (a stored failure stays small).
   */
  decidedBy: number;
  fixes: FixId[];
}

/** A diagnosis said with `say` (the browser's language; English in tests). */
export function sayDiagnosis(d: Diagnosis, say: (p: Phrase) => string): SaidDiagnosis {
  const item = (r: Reason): EvidenceItem => ({ seen: say(r.seen), meaning: say(r.meaning) });
  // The classifier puts the deciding reasons first in the evidence; the rest are general observations.
  const decidedBy = d.explanation.technical.length;
  return {
    cause: d.cause,
    confidence: d.confidence,
    summary: say(d.summary),
    explanation: say(text("explanationPlain", d.explanation.what, d.explanation.tryFirst)),
    evidence: d.evidence.map(item),
    decidedBy,
    fixes: d.fixes,
  };
}

/**
 * A failure's technical detail: the evidence that decided its cause, a line each (`line` says one
 * in the person's language); undefined when nothing decided it. A record of an older version kept
 * it in its explanation, after a blank line and a heading.
 */
export function technicalPart(f: { explanation: string; evidence: readonly EvidenceItem[]; decidedBy?: number }, line: (item: EvidenceItem) => string): string | undefined {
  if (f.decidedBy !== undefined) return f.decidedBy > 0 ? f.evidence.slice(0, f.decidedBy).map(line).join("\n") : undefined;
  const at = f.explanation.indexOf("\n\n");
  if (at < 0) return undefined;
  const rest = f.explanation.slice(at + 2);
  const heading = rest.indexOf("\n");
  return heading < 0 ? undefined : rest.slice(heading + 1);
}
