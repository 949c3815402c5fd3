import { describe, expect, it } from "vitest";
import { localeProblems, readCatalogues, type Catalogue } from "./check-locales";

const en: Catalogue = {
  locale: { message: "en" },
  greeting: { message: "Hello $1, from $2" },
  count_one: { message: "once on $2" },
  count_other: { message: "$1 times on $2" },
};
const de: Catalogue = {
  locale: { message: "de" },
  greeting: { message: "Hallo $1, von $2" },
  count_one: { message: "einmal auf $2" },
  count_other: { message: "$1-mal auf $2" },
};

describe("localeProblems", () => {
  it("finds nothing wrong with AuthLens's own catalogues", () => {
    const catalogues = readCatalogues();
    expect(Object.keys(catalogues)).toEqual(expect.arrayContaining(["en", "de"]));
    expect(localeProblems(catalogues)).toEqual([]);
  });

  it("passes catalogues that match, plural forms included", () => {
    expect(localeProblems({ en, de })).toEqual([]);
  });

  it("fails a locale that lacks a message another has, either way round", () => {
    const { greeting: _, ...lacking } = de;
    expect(localeProblems({ en, de: lacking })).toEqual(['de: "greeting" is missing']);
    expect(localeProblems({ en, de: { ...de, extra: { message: "Nur hier" } } })).toEqual(['en: "extra" is missing']);
  });

  it("fails a message whose placeholders differ, and a general plural form without the count", () => {
    expect(localeProblems({ en, de: { ...de, greeting: { message: "Hallo $1" } } })).toEqual(['"greeting" has different placeholders: de "greeting": $1; en "greeting": $1 $2']);
    expect(localeProblems({ en, de: { ...de, count_other: { message: "oft auf $2" } } })).toEqual(['"count_other" does not say the count ($1) in de']);
  });

  it("fails a plural form the language needs, a wrong locale tag, an empty message and a lone $", () => {
    const { count_one: _, ...noOne } = de;
    expect(localeProblems({ en, de: noOne })).toEqual(['de: "count_one" is missing (a plural form de needs)']);
    expect(localeProblems({ en, de: { ...de, locale: { message: "en" } } })).toEqual(['de: its "locale" message must be "de" (Intl formats numbers and dates in it)']);
    expect(localeProblems({ en: { ...en, note: { message: " " } }, de: { ...de, note: { message: "Kostet 5 $ bei $1" } } })).toEqual([
      'de: "note" has a lone "$" (write "$$" for a dollar sign)',
      'en: "note" is empty',
      '"note" has different placeholders: de "note": $1; en "note": none',
    ]);
  });
});
