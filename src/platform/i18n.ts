import type { Arg, MessageKey, Phrase, PluralKey } from "../core/report/text";

export type { MessageKey } from "../core/report/text";

/** Looks a message up and fills `$1`…`$9`; "" when the catalogue has no such message (chrome.i18n.getMessage's contract). */
export type GetMessage = (key: string, substitutions: string[]) => string;

/** Says phrases in one language: its messages, and Intl for what each language writes its own way. */
export interface Speaker {
  /** The language the messages are in ("en", "de"), for Intl. */
  readonly locale: string;
  readonly say: (phrase: Phrase) => string;
  /** A parameter as this language writes it: a duration, a time, a list. */
  readonly format: (arg: Arg) => string;
}

/** A catalogue as messages.json holds it. */
export type Catalogue = Record<string, { message: string }>;

/**
 * chrome.i18n.getMessage for a catalogue read as JSON: `$1`…`$9` filled, `$$` a dollar sign.
 * Where the browser's i18n is not there (unit tests).
 */
export function catalogueLookup(catalogue: Catalogue): GetMessage {
  return (key, substitutions) =>
    catalogue[key]?.message.replace(/\$(\d|\$)/g, (_, n: string) => (n === "$" ? "$" : (substitutions[Number(n) - 1] ?? ""))) ?? "";
}

/** A duration is said in seconds below a minute, in minutes below an hour, in hours below two days, then in days. */
const UNITS = [
  { unit: "second", ms: 1000, below: 60 },
  { unit: "minute", ms: 60_000, below: 60 },
  { unit: "hour", ms: 3_600_000, below: 48 },
  { unit: "day", ms: 86_400_000, below: Infinity },
] as const;

/** A duration in the unit a person would say it in, rounded: 40 s, 5 min, 1 h (not 60 min), 2 days. */
function unitOf(ms: number): { unit: (typeof UNITS)[number]["unit"]; value: number } {
  const abs = Math.abs(ms);
  for (const { unit, ms: size, below } of UNITS) {
    const value = Math.round(abs / size);
    if (value < below) return { unit, value };
  }
  return { unit: "day", value: Math.round(abs / 86_400_000) };
}

/**
 * A speaker of `locale` over `getMessage`. Words come only from the catalogue; durations, relative
 * times, dates, lists and plural forms from Intl in the same locale, so a German sentence never
 * carries an English "3 hours".
 */
export function createSpeaker(getMessage: GetMessage, locale: string): Speaker {
  const plurals = new Intl.PluralRules(locale);
  const counts = new Intl.NumberFormat(locale);
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "always" });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "long" });
  const lists = new Intl.ListFormat(locale, { type: "conjunction" });
  const clocks = new Intl.DateTimeFormat(locale, { timeStyle: "short" });
  const clocksToTheSecond = new Intl.DateTimeFormat(locale, { timeStyle: "medium" });
  const units = new Map<string, Intl.NumberFormat>();
  const unitFormat = (unit: string) => units.get(unit) ?? units.set(unit, new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" })).get(unit)!;

  const arg = (a: Arg): string => {
    if (typeof a === "string") return a;
    if (typeof a === "number") return String(a);
    if ("duration" in a) {
      const { unit, value } = unitOf(a.duration);
      return unitFormat(unit).format(value);
    }
    if ("ago" in a) {
      const { unit, value } = unitOf(a.ago);
      return relative.format(a.ago >= 0 ? -value : value, unit);
    }
    if ("at" in a) return dates.format(a.at);
    if ("clock" in a) return (a.seconds ? clocksToTheSecond : clocks).format(a.clock);
    if ("list" in a) return lists.format(a.list.map(arg));
    return say(a);
  };

  function say(phrase: Phrase): string {
    if ("verbatim" in phrase) return phrase.verbatim;
    const args = (phrase.args ?? []).map(arg);
    if ("plural" in phrase) {
      const subs = [counts.format(phrase.count), ...args];
      return getMessage(`${phrase.plural}_${plurals.select(phrase.count)}`, subs) || getMessage(`${phrase.plural}_other`, subs);
    }
    return getMessage(phrase.key, args) || phrase.key;
  }

  return { locale, say, format: arg };
}

type I18nApi = { getMessage(key: string, substitutions?: string[]): string };

let withoutBrowser: Speaker | undefined;

/**
 * The speaker to use where the browser's i18n is not there: unit tests (src/test/setup.ts). The
 * extension's pages, worker and banner always have chrome.i18n, and carry no catalogue of their own.
 */
export function speakWithoutBrowser(catalogue: Catalogue, locale: string): void {
  withoutBrowser = createSpeaker(catalogueLookup(catalogue), locale);
  speaker = undefined;
}

/**
 * The browser's language, as AuthLens speaks it: chrome.i18n picks the catalogue (the browser's
 * language, or English where AuthLens has none), and each catalogue's own `locale` message says
 * which it is, so Intl formats in the same language as the words around it.
 */
function browserSpeaker(): Speaker {
  const i18n = (globalThis as { chrome?: { i18n?: I18nApi } }).chrome?.i18n;
  if (!i18n?.getMessage) {
    if (!withoutBrowser) throw new Error("AuthLens: no chrome.i18n here, and no catalogue given to speakWithoutBrowser");
    return withoutBrowser;
  }
  const getMessage: GetMessage = (key, substitutions) => i18n.getMessage(key, substitutions);
  return createSpeaker(getMessage, getMessage("locale", []) || "en");
}
let speaker: Speaker | undefined;

/** The speaker of the browser's language (made on first use). */
export function browserLanguage(): Speaker {
  return (speaker ??= browserSpeaker());
}

/**
 * Marks an extension page as written in the browser's language (`lang`, so a screen reader reads
 * German as German) and, where given, titles it; the HTML files say `lang="en"` until this runs.
 */
export function speakOnPage(page: Document, title?: MessageKey): void {
  page.documentElement.lang = browserLanguage().locale;
  if (title) page.title = t(title);
}

/** A phrase in the browser's language. */
export const say = (phrase: Phrase): string => browserLanguage().say(phrase);

/** A duration, date, time or list as the browser's language writes it. */
export const format = (arg: Arg): string => browserLanguage().format(arg);

/** `key`'s plural message for `count` in the browser's language (`count` is its $1). */
export const tn = (key: PluralKey, count: number, ...args: Arg[]): string => say(args.length ? { plural: key, count, args } : { plural: key, count });

/** `key`'s message in the browser's language, with `$1`…`$9` replaced by `args`. */
export const t = (key: MessageKey, ...args: Arg[]): string => say(args.length ? { key, args } : { key });
