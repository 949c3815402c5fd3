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
  /** Plain language first (what happened, what to try), then a blank line and the technical detail, if any. */
  explanation: string;
  evidence: EvidenceItem[];
  fixes: FixId[];
}

/** A diagnosis said with `say` (the browser's language; English in tests). */
export function sayDiagnosis(d: Diagnosis, say: (p: Phrase) => string): SaidDiagnosis {
  const item = (r: Reason): EvidenceItem => ({ seen: say(r.seen), meaning: say(r.meaning) });
  const technical = d.explanation.technical.map((r) => say(text("evidenceLine", r.seen, r.meaning)));
  const plain = say(text("explanationPlain", d.explanation.what, d.explanation.tryFirst));
  return {
    cause: d.cause,
    confidence: d.confidence,
    summary: say(d.summary),
    explanation: technical.length ? `${plain}\n\n${say(text("technicalDetail"))}\n${technical.join("\n")}` : plain,
    evidence: d.evidence.map(item),
    fixes: d.fixes,
  };
}

/** The technical part of a said explanation (after its blank line and heading), or undefined. */
export function technicalPart(explanation: string): string | undefined {
  const at = explanation.indexOf("\n\n");
  if (at < 0) return undefined;
  const rest = explanation.slice(at + 2);
  const heading = rest.indexOf("\n");
  return heading < 0 ? undefined : rest.slice(heading + 1);
}
