import { describe, expect, it } from "vitest";
import { makeEvidence, headers } from "../test/builders";
import { chooseBanner, firstSentence } from "./banner";
import { diagnose } from "../test/diagnose";
import { toFailure } from "./failure";
import type { TabRecord } from "./tab-record";

const failure = (id: string, type: string) => {
  const e = makeEvidence({ type }, headers(["Cookie", "sid=x"]));
  return toFailure(id, 0, e, diagnose(e));
};
const record = (...failures: ReturnType<typeof failure>[]): TabRecord => ({ site: "example.com", failures });
const on = { bannerEnabled: true, bannerOffSites: [] };

describe("chooseBanner", () => {
  it("shows the newest failure of the page or its fetches", () => {
    const choice = chooseBanner(record(failure("a", "xmlhttprequest"), failure("b", "main_frame"), failure("c", "image")), "https://app.example.com/", on);
    expect(choice?.failure.id).toBe("b");
    expect(choice?.site).toBe("example.com");
    expect(choice?.fix).toBe("clear-site-cookies");
  });

  it.each(["image", "font", "stylesheet", "media", "script"])("raises no banner for a failed %s", (type) => {
    expect(chooseBanner(record(failure("a", type)), "https://app.example.com/", on)).toBeNull();
  });

  it("respects the global switch and the per-site dismissal", () => {
    const r = record(failure("a", "xmlhttprequest"));
    expect(chooseBanner(r, "https://app.example.com/", { bannerEnabled: false, bannerOffSites: [] })).toBeNull();
    expect(chooseBanner(r, "https://app.example.com/", { bannerEnabled: true, bannerOffSites: ["example.com"] })).toBeNull();
    const e = makeEvidence({ type: "xmlhttprequest", url: "https://app.other.org/api/me" }, headers(["Cookie", "sid=x"]));
    const elsewhere = record(toFailure("o", 0, e, diagnose(e)));
    expect(chooseBanner(elsewhere, "https://app.other.org/", { bannerEnabled: true, bannerOffSites: ["example.com"] })).not.toBeNull();
  });

  it("shows only the page's own site's failures: another site's stay in the popup", () => {
    const e = makeEvidence({ type: "xmlhttprequest", url: "https://api.bank.test/v1/me" }, headers(["Cookie", "sid=x"]));
    const crossSite = toFailure("x", 0, e, diagnose(e));
    expect(chooseBanner(record(crossSite), "https://app.example.com/", on)).toBeNull();
    expect(chooseBanner(record(failure("own", "xmlhttprequest"), crossSite), "https://app.example.com/", on)?.failure.id).toBe("own");
    expect(chooseBanner(record(crossSite), "https://www.bank.test/", on)?.fix).toBe("clear-site-cookies");
  });

  it("takes the first sentence for the one-line why", () => {
    expect(firstSentence("Your sign-in on app.example.com has ended, so the site no longer recognises you. Sign in again.")).toBe(
      "Your sign-in on app.example.com has ended, so the site no longer recognises you.",
    );
  });
});
