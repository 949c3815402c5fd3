import { classify } from "../core/diagnosis/classify";
import { sayDiagnosis, type SaidDiagnosis } from "../core/diagnosis/diagnosis";
import type { FailureEvidence } from "../core/diagnosis/evidence";
import type { Phrase } from "../core/report/text";
import { catalogueLookup, createSpeaker, type Speaker } from "../platform/i18n";
import en from "../../public/_locales/en/messages.json";
import de from "../../public/_locales/de/messages.json";

/** The speakers of AuthLens's catalogues, as the browser would use them (without the browser). */
export const english: Speaker = createSpeaker(catalogueLookup(en), "en");
export const german: Speaker = createSpeaker(catalogueLookup(de), "de");

/** A phrase in English. */
export const inEnglish = (phrase: Phrase): string => english.say(phrase);

/** The classifier's diagnosis as a person reading English gets it (what a failure records). */
export function diagnose(evidence: FailureEvidence, speaker: Speaker = english): SaidDiagnosis {
  return sayDiagnosis(classify(evidence), speaker.say);
}
