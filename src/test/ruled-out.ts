import type { FixId } from "../core/fixes/fix";

/** Words of AuthLens's English that rule fixes out: a card that says them must not offer those fixes. */
const RULES: { words: RegExp; rulesOut: (fix: FixId) => boolean }[] = [
  { words: /private window (will|would) not help|private window blocks even more cookies|will probably not help: private windows/i, rulesOut: (f) => f === "retry-incognito" },
  { words: /clearing cookies (will|would) not help|cookies zu löschen hilft nicht/i, rulesOut: (f) => f === "clear-site-cookies" },
  { words: /reloading (will|would) not help/i, rulesOut: (f) => f === "reload" },
  // Only the site can fix it: the one thing to offer is a report for it.
  { words: /nothing on your side fixes this|only the site can fix this/i, rulesOut: (f) => f !== "copy-report" },
];

/** The fixes a card offers that its own words rule out, with the words; empty when it is consistent. */
export function ruledOutFixes(cardText: string, fixes: readonly FixId[]): string[] {
  return RULES.flatMap(({ words, rulesOut }) => {
    const said = words.exec(cardText);
    return said ? fixes.filter(rulesOut).map((f) => `${f} offered beside "${said[0]}"`) : [];
  });
}
