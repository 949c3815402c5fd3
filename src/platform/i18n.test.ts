import { describe, expect, it } from "vitest";
import { ago, clock, duration, list, plural, text, verbatim, when } from "../core/report/text";
import { catalogueLookup, createSpeaker, say } from "./i18n";

const catalogue = {
  locale: { message: "de" },
  greeting: { message: "Hallo $1, du hast $2!" },
  price: { message: "Kostet $$5 bei $1" },
  nCookies_one: { message: "$1 Cookie" },
  nCookies_other: { message: "$1 Cookies" },
  expired: { message: "Das Token ist $1 abgelaufen." },
};
const german = createSpeaker(catalogueLookup(catalogue), "de");
const english = createSpeaker(catalogueLookup({ nCookies_one: { message: "$1 cookie" }, nCookies_other: { message: "$1 cookies" } }), "en");
const AT = Date.UTC(2026, 11, 1, 17, 40, 5);

describe("catalogueLookup (chrome.i18n.getMessage for a catalogue read as JSON)", () => {
  it("fills $1…$9, keeps $$ as a dollar sign, and answers \"\" for a message it does not have", () => {
    const get = catalogueLookup(catalogue);
    expect(get("greeting", ["Ada", "Post"])).toBe("Hallo Ada, du hast Post!");
    expect(get("price", ["Kiosk"])).toBe("Kostet $5 bei Kiosk");
    expect(get("missing", [])).toBe("");
  });
});

describe("a speaker", () => {
  it("picks the plural form by the language's rules, with the count formatted for it", () => {
    expect(german.say(plural("nCookies", 1))).toBe("1 Cookie");
    expect(german.say(plural("nCookies", 2))).toBe("2 Cookies");
    expect(german.say(plural("nCookies", 12345))).toBe("12.345 Cookies");
    expect(english.say(plural("nCookies", 0))).toBe("0 cookies");
  });

  it("says durations, relative times, dates and lists in its own language, not in English", () => {
    expect(german.format(duration(3 * 3_600_000))).toBe("3 Stunden");
    expect(german.format(duration(1000))).toBe("1 Sekunde");
    expect(english.format(duration(5 * 60_000))).toBe("5 minutes");
    expect(english.format(duration(3 * 86_400_000))).toBe("3 days");
    expect(english.format(ago(3_600_000))).toBe("1 hour ago");
    expect(english.format(duration(59_000))).toBe("59 seconds");
    expect(english.format(duration(60_000))).toBe("1 minute");
    expect(german.say(text("expired" as never, ago(3 * 60_000)))).toBe("Das Token ist vor 3 Minuten abgelaufen.");
    expect(english.format(ago(40_000))).toBe("40 seconds ago");
    expect(german.format(list(["a", "b", "c"]))).toBe("a, b und c");
    expect(english.format(list(["a", "b"]))).toBe("a and b");
    expect(german.format(when(AT))).toMatch(/^01\.12\.2026, \d\d:40:05 /);
    expect(german.format(clock(AT))).toMatch(/^\d\d:40$/);
  });

  it("nests phrases and shows verbatim words as they are", () => {
    expect(german.say(text("greeting" as never, verbatim("WWW-Authenticate: Basic"), plural("nCookies", 1)))).toBe("Hallo WWW-Authenticate: Basic, du hast 1 Cookie!");
  });

  it("without the browser's i18n (a unit test, a page outside the extension), speaks the English catalogue", () => {
    expect(say(text("fixReload"))).toBe("Reload page");
    expect(say(plural("popupCount", 1))).toBe("1 auth failure in this tab");
    expect(say(plural("popupCount", 3))).toBe("3 auth failures in this tab");
  });
});
