import { describe, expect, it } from "vitest";
import { makeEvidence, headers } from "../../test/builders";
import { chooseBanner, FIXED_BANNER_MS } from "./banner";
import { diagnose } from "../../test/diagnose";
import { toFailure } from "../failure";
import type { TabRecord } from "../tab-record";

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
    expect(choice?.state).toBe("open");
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
    expect(chooseBanner(record(crossSite), "https://www.bank.test/", on)?.failure.id).toBe("x");
  });

  it("says Fixed for a moment once a fix settled the failure, then nothing; a superseded failure gives way to the newer", () => {
    const now = Date.parse("2026-11-22T12:10:00Z");
    const fixed = { ...failure("a", "xmlhttprequest"), outcome: { fix: "sign-in" as const, at: now - 5000, state: "fixed" as const, settledAt: now - 1000 } };
    expect(chooseBanner(record(fixed), "https://app.example.com/", on, now)).toMatchObject({ state: "fixed", failure: { id: "a" } });
    expect(chooseBanner(record(fixed), "https://app.example.com/", on, now + FIXED_BANNER_MS)).toBeNull();
    const superseded = { ...failure("b", "xmlhttprequest"), outcome: { fix: "reload" as const, at: now - 5000, state: "not-fixed" as const, settledAt: now } };
    expect(chooseBanner(record(failure("c", "main_frame"), superseded), "https://app.example.com/", on, now)?.failure.id).toBe("c");
    const waiting = { ...failure("d", "xmlhttprequest"), outcome: { fix: "reload" as const, at: now, state: "waiting" as const } };
    expect(chooseBanner(record(waiting), "https://app.example.com/", on, now)?.state).toBe("waiting");
  });
});
