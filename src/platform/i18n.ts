import messages from "../../public/_locales/en/messages.json";

/** A key of public/_locales/en/messages.json: every string a person reads in AuthLens's UI. */
export type MessageKey = keyof typeof messages;

/**
 * The localised string for `key`, with `$1`…`$9` replaced by `subs`. Falls back to the English
 * catalogue where `i18n` is not there (unit tests, or a page outside the extension).
 */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const strings = subs.map(String);
  const i18n = (globalThis as { chrome?: { i18n?: { getMessage(k: string, s?: string[]): string } } }).chrome?.i18n;
  const localised = i18n?.getMessage(key, strings);
  if (localised) return localised;
  return messages[key].message.replace(/\$(\d)/g, (_, n: string) => strings[Number(n) - 1] ?? "");
}
