type Catalogue = Record<string, { message: string }>;

/** Words of English that German text does not use; a page that shows one speaks English somewhere. */
export const ENGLISH_WORDS = /\b(the|your|you|with|this|that|which|have|has|been|is|are|and|of|from|for|to|not|could|did|does|were|its|sure|site|again|when|what|why|only|refused|request|sent|before|after|there|here|now)\b/g;
/** Words of German that English text does not use. */
export const GERMAN_WORDS = /\b(der|die|das|und|nicht|ist|Sie|Ihr|Ihre|wurde|mit|für|auf|ein|eine|zu|von|bei|oder|Seite|Anmeldung|abgelaufen|erneut)\b/g;

/** Runs of at least three words of `foreign`'s messages between their placeholders: what a sentence left in that language would show. */
function fragments(foreign: Catalogue): string[] {
  const found = new Set<string>();
  for (const { message } of Object.values(foreign)) {
    for (const part of message.split(/\$[1-9]/)) {
      const words = part.trim().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
      if ((words.match(/\p{L}{2,}/gu) ?? []).length >= 3) found.add(words);
    }
  }
  return [...found];
}

/**
 * What of `text`, which should be entirely in another language, is in the language of `foreign`: fragments of its messages anywhere, and its common words outside what the page shows
 * as it is (`verbatim`: a server's challenge or wording, a cookie's name, an address).
 */
export function foreignLeftIn(text: string, { foreign, words, verbatim = [] }: { foreign: Catalogue; words: RegExp; verbatim?: readonly string[] }): string[] {
  const messages = fragments(foreign)
    .filter((f) => text.includes(f))
    .map((f) => `message: "${f}"`);
  let own = text;
  for (const v of [...verbatim].sort((a, b) => b.length - a.length)) if (v) own = own.split(v).join(" ");
  const common = [...new Set(own.match(words) ?? [])].map((w) => `word: "${w}" in "…${context(own, w)}…"`);
  return [...messages, ...common];
}

/** {@link foreignLeftIn} for German text: what of it is English. */
export function englishLeftIn(text: string, en: Catalogue, verbatim: readonly string[] = []): string[] {
  return foreignLeftIn(text, { foreign: en, words: ENGLISH_WORDS, verbatim });
}

function context(text: string, word: string): string {
  const at = text.search(new RegExp(`\\b${word}\\b`));
  return text.slice(Math.max(0, at - 40), at + word.length + 40).replace(/\s+/g, " ");
}
