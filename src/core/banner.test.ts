import { describe, expect, it } from "vitest";
import { makeEvidence, headers } from "../test/builders";
import { chooseBanner, firstSentence } from "./banner";
import { classify } from "./classify";
import { toFailure } from "./failure";
import type { TabRecord } from "./tab-record";

const failure = (id: string, type: string) => {
  const e = makeEvidence({ type }, headers(["Cookie", "sid=x"]));
  return toFailure(id, 0, e, classify(e));
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
    expect(chooseBanner(r, "https://app.other.org/", { bannerEnabled: true, bannerOffSites: ["example.com"] })).not.toBeNull();
  });

  it("never offers a cookie fix for another site's failure", () => {
    const e = makeEvidence({ type: "xmlhttprequest", url: "https://api.bank.test/v1/me" }, headers(["Cookie", "sid=x"]));
    const crossSite = toFailure("x", 0, e, classify(e));
    expect(crossSite.fixes).toContain("clear-site-cookies");
    const choice = chooseBanner(record(crossSite), "https://app.example.com/", on);
    expect(choice?.failure.id).toBe("x");
    expect(choice?.fix).not.toMatch(/cookie/);
    expect(chooseBanner(record(crossSite), "https://www.bank.test/", on)?.fix).toBe("clear-site-cookies");
  });

  it("takes the first sentence for the one-line why", () => {
    expect(firstSentence("Your sign-in on app.example.com has ended, so the site no longer recognises you. Sign in again.")).toBe(
      "Your sign-in on app.example.com has ended, so the site no longer recognises you.",
    );
  });
});
