/**
 * `npm run check:locales` (and a unit test, so part of `npm test`): every locale in
 * public/_locales has every message every other has, with the same placeholders, and plural
 * forms for each plural category of its language. A message missing in German would show the
 * English one in the middle of a German popup; a placeholder dropped would lose the host or the
 * cookie's name from a sentence.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export type Catalogue = Record<string, { message: string; description?: string }>;

/** `name_one`, `name_other`…: CLDR's plural categories as AuthLens names its plural messages. */
const PLURAL = /^(.+)_(zero|one|two|few|many|other)$/;

/** The `$1`…`$9` a message uses. */
function placeholders(message: string): string[] {
  return [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();
}

/** A message's name, or its plural group's (`popupCount` for `popupCount_one`). */
function group(key: string): string {
  return PLURAL.exec(key)?.[1] ?? key;
}

/**
 * What is wrong with a set of catalogues, by locale ("de": {...}); empty when nothing is. Plural
 * groups are compared as groups: each locale has the forms its own language needs (German and
 * English: one and other). Within a group, `$1` is the count, which a form may spell out ("once").
 */
export function localeProblems(catalogues: Record<string, Catalogue>): string[] {
  const problems: string[] = [];
  const locales = Object.keys(catalogues).sort();
  const groups = new Map<string, Set<string>>();
  for (const locale of locales) for (const key of Object.keys(catalogues[locale]!)) groups.set(group(key), (groups.get(group(key)) ?? new Set()).add(key));

  for (const locale of locales) {
    const catalogue = catalogues[locale]!;
    const language = locale.replace("_", "-");
    if (catalogue.locale?.message.replace("_", "-") !== language) problems.push(`${locale}: its "locale" message must be "${language}" (Intl formats numbers and dates in it)`);
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    for (const [name, keys] of groups) {
      const plural = [...keys].some((k) => PLURAL.test(k));
      if (!plural) {
        if (!catalogue[name]) problems.push(`${locale}: "${name}" is missing`);
        continue;
      }
      for (const category of categories) {
        if (!catalogue[`${name}_${category}`] && !(category !== "other" && catalogue[`${name}_other`] && categoryOnlyForZero(category))) {
          problems.push(`${locale}: "${name}_${category}" is missing (a plural form ${language} needs)`);
        }
      }
    }
    for (const [key, { message }] of Object.entries(catalogue)) {
      if (!message.trim()) problems.push(`${locale}: "${key}" is empty`);
      if (/\$(?![1-9$])/.test(message.replace(/\$\$/g, ""))) problems.push(`${locale}: "${key}" has a lone "$" (write "$$" for a dollar sign)`);
    }
  }

  // The same placeholders everywhere: in a plural group, every form's apart from the count ($1).
  for (const [name, keys] of groups) {
    const plural = [...keys].some((k) => PLURAL.test(k));
    const seen = new Map<string, string>();
    for (const locale of locales) {
      for (const key of keys) {
        const message = catalogues[locale]![key]?.message;
        if (message === undefined) continue;
        const used = placeholders(message).filter((p) => !(plural && p === "$1"));
        seen.set(`${locale} "${key}"`, used.join(" ") || "none");
      }
    }
    if (new Set(seen.values()).size > 1) problems.push(`"${name}" has different placeholders: ${[...seen].map(([where, used]) => `${where}: ${used}`).join("; ")}`);
    if (plural) {
      // The general form says the count in every language.
      const counted = locales.filter((l) => catalogues[l]![`${name}_other`] && !placeholders(catalogues[l]![`${name}_other`]!.message).includes("$1"));
      if (counted.length) problems.push(`"${name}_other" does not say the count ($1) in ${counted.join(", ")}`);
    }
  }
  return problems;
}

/** CLDR's "zero" (Latvian, Arabic…) is a form a catalogue may leave to "other". */
function categoryOnlyForZero(category: string): boolean {
  return category === "zero";
}

/** The catalogues in public/_locales. */
export function readCatalogues(root = resolve(import.meta.dirname, "..")): Record<string, Catalogue> {
  const dir = join(root, "public", "_locales");
  return Object.fromEntries(readdirSync(dir).map((locale) => [locale, JSON.parse(readFileSync(join(dir, locale, "messages.json"), "utf8")) as Catalogue]));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const catalogues = readCatalogues();
  const problems = localeProblems(catalogues);
  if (problems.length) {
    console.error(`Locales: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  console.log(`Locales complete: ${Object.keys(catalogues).join(", ")}, ${Object.keys(catalogues.en ?? {}).length} messages each.`);
}
