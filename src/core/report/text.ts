import type messages from "../../../public/_locales/en/messages.json";

/**
 * What AuthLens says, before it is said in a language: a message id of `_locales` and its
 * parameters. The core decides what to say; `platform/i18n` says it in the person's language
 * (chrome.i18n for the words, Intl for numbers, durations, dates, lists and plurals). Pure.
 */
export type MessageKey = keyof typeof messages;

/** A message that has plural forms: `name_one`, `name_other` (and `_few`, `_many`… where a language has them). */
export type PluralKey = { [K in MessageKey]: K extends `${infer Base}_other` ? Base : never }[MessageKey];

/** A sentence or phrase of AuthLens: `key`'s message with `args` for `$1`…`$9`. */
export interface Text {
  readonly key: MessageKey;
  readonly args?: readonly Arg[];
}

/** A message chosen by the plural category of `count`, which is also its `$1`. */
export interface PluralText {
  readonly plural: PluralKey;
  readonly count: number;
  readonly args?: readonly Arg[];
}

/** Words that are not AuthLens's and are shown as they are: a server's header, a cookie's name, a host. */
export interface Verbatim {
  readonly verbatim: string;
}

/** Anything AuthLens shows as words. */
export type Phrase = Text | PluralText | Verbatim;

/** A length of time, said as a person says it ("3 hours", "40 seconds"). */
export interface Duration {
  readonly duration: number;
}

/** A moment before now, said relative to now ("3 seconds ago"); `ago` is in ms. */
export interface Ago {
  readonly ago: number;
}

/** A moment, said as the language writes dates and times; `at` is ms since the epoch. */
export interface When {
  readonly at: number;
}

/** A time of day, as the language writes it ("17:40", "5:40 PM"); `clock` is ms since the epoch. */
export interface Clock {
  readonly clock: number;
  readonly seconds?: boolean;
}

/** Names joined as the language joins a list ("a, b and c"). */
export interface List {
  readonly list: readonly Arg[];
}

/** A message's parameter: a name or number as it is, or something the language says its own way. */
export type Arg = string | number | Phrase | Duration | Ago | When | Clock | List;

/** `key`'s message with `args`. */
export const text = (key: MessageKey, ...args: Arg[]): Text => (args.length ? { key, args } : { key });

/** The message of `plural` for `count` (its `$1`), with further `args` as `$2`…. */
export const plural = (key: PluralKey, count: number, ...args: Arg[]): PluralText => (args.length ? { plural: key, count, args } : { plural: key, count });

/** Shown as it is: a header, a server's words, a name. */
export const verbatim = (words: string): Verbatim => ({ verbatim: words });

export const duration = (ms: number): Duration => ({ duration: ms });
export const ago = (ms: number): Ago => ({ ago: ms });
export const when = (ms: number): When => ({ at: ms });
export const clock = (ms: number, seconds = false): Clock => (seconds ? { clock: ms, seconds } : { clock: ms });
export const list = (items: readonly Arg[]): List => ({ list: items });

/** A phrase written out, equal for two phrases that say the same thing (the same message and parameters, or the same words). */
export const phraseKey = (p: Phrase): string => JSON.stringify(p);

/** What a phrase says before its parameters: its message (or plural message), or its words. Cheap; equal for equal phrases. */
export const phraseHead = (p: Phrase): string => ("verbatim" in p ? `=${p.verbatim}` : "plural" in p ? `#${p.plural}` : p.key);

/** True when two phrases say the same thing. */
export function samePhrase(a: Phrase, b: Phrase): boolean {
  return phraseKey(a) === phraseKey(b);
}
