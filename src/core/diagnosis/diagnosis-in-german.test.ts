import { describe, expect, it } from "vitest";
import en from "../../../public/_locales/en/messages.json";
import { CAPTURED, NOW } from "../../test/captured-responses";
import { makeEvidence } from "../../test/builders";
import { english, german } from "../../test/diagnose";
import { englishLeftIn } from "../../test/other-language";
import { classify } from "./classify";
import { sayDiagnosis, type Diagnosis } from "./diagnosis";
import type { Arg, Phrase } from "../report/text";

/** What a diagnosis shows as it is: servers' words, names, hosts (never translated). */
function verbatimIn(d: Diagnosis): string[] {
  const found: string[] = [];
  const walk = (a: Arg): void => {
    if (typeof a === "string") found.push(a);
    else if (typeof a === "number") return;
    else if ("verbatim" in a) found.push(a.verbatim);
    else if ("list" in a) a.list.forEach(walk);
    else if ("key" in a || "plural" in a) (a.args ?? []).forEach(walk);
  };
  const phrases: Phrase[] = [d.summary, d.explanation.what, d.explanation.tryFirst, ...d.evidence.flatMap((r) => [r.seen, r.meaning])];
  phrases.forEach(walk);
  return found;
}

describe("a diagnosis said in German", () => {
  it.each(CAPTURED.map((c) => [c.name, c] as const))("%s: summary, explanation and evidence carry no English sentence", (_, c) => {
    const evidence = makeEvidence({ timeStamp: NOW, ...c.response }, c.request);
    const diagnosis = classify(evidence);
    const said = sayDiagnosis(diagnosis, german.say);
    const shown = [said.summary, said.explanation, ...said.evidence.flatMap((e) => [e.seen, e.meaning])].join("\n");
    expect(englishLeftIn(shown, en, verbatimIn(diagnosis))).toEqual([]);
    expect(said.decidedBy).toBeGreaterThan(0);
  });

  it("the check finds English where it is left: the same diagnoses said in English fail it", () => {
    for (const c of CAPTURED.slice(0, 5)) {
      const diagnosis = classify(makeEvidence({ timeStamp: NOW, ...c.response }, c.request));
      const said = sayDiagnosis(diagnosis, english.say);
      expect(englishLeftIn(`${said.summary}\n${said.explanation}`, en, verbatimIn(diagnosis)).length).toBeGreaterThan(2);
    }
  });

  it("says durations and times the German way", () => {
    const c = CAPTURED.find((x) => x.cause === "token-expired" && x.request.some((h) => h.name === "Authorization"))!;
    const said = sayDiagnosis(classify(makeEvidence({ timeStamp: NOW, ...c.response }, c.request)), german.say);
    expect(said.summary).toMatch(/ist vor \d+ (Sekunden|Minuten|Stunden|Tagen|Sekunde|Minute|Stunde|Tag) abgelaufen\.$/);
  });
});
