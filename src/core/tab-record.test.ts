import { describe, expect, it } from "vitest";
import { makeEvidence } from "../test/builders";
import { diagnose } from "../test/diagnose";
import { toFailure, type Failure } from "./failure";
import { appendFailure, EMPTY_TAB_RECORD, enterSite, MAX_FAILURES_PER_TAB, parseTabRecord, toStoredRecord } from "./tab-record";

const failure = (id: string): Failure => {
  const evidence = makeEvidence();
  return toFailure(id, 0, evidence, diagnose(evidence));
};

describe("tab records", () => {
  it("are stored with their failures as one text, read back whole; an older version's array is read too, garbled text as none", () => {
    const record = appendFailure(appendFailure({ site: "example.com", failures: [] }, failure("a")), failure("b"));
    const stored = toStoredRecord(record);
    expect(typeof stored.failures).toBe("string");
    expect(parseTabRecord(structuredClone(stored))).toEqual(record);
    expect(parseTabRecord({ site: "example.com", failures: record.failures })).toEqual(record);
    expect(parseTabRecord({ site: "example.com", failures: "[{not json" })).toEqual({ site: "example.com", failures: [] });
  });


  it("appends failures oldest first and drops the oldest beyond the cap", () => {
    let record = EMPTY_TAB_RECORD;
    for (let i = 0; i < MAX_FAILURES_PER_TAB + 5; i++) record = appendFailure(record, failure(`f${i}`));
    expect(record.failures).toHaveLength(MAX_FAILURES_PER_TAB);
    expect(record.failures[0]?.id).toBe("f5");
    expect(record.failures.at(-1)?.id).toBe(`f${MAX_FAILURES_PER_TAB + 4}`);
  });

  it("keeps failures within a site and starts over on another site", () => {
    const record = appendFailure({ site: "example.com", failures: [] }, failure("a"));
    expect(enterSite(record, "example.com")).toBe(record);
    expect(enterSite(record, "other.org")).toEqual({ site: "other.org", failures: [] });
    // Failures recorded before the site was known (after a worker restart) are kept.
    const unknownSite = appendFailure(EMPTY_TAB_RECORD, failure("b"));
    expect(enterSite(unknownSite, "example.com").failures).toHaveLength(1);
  });

  it("reads back only well-formed records", () => {
    const good = failure("ok");
    expect(parseTabRecord({ site: "example.com", failures: [good, { id: 3 }, null, "x"] })).toEqual({ site: "example.com", failures: [good] });
    expect(parseTabRecord({ site: "example.com", failures: [{ ...good, cause: "made-up" }] }).failures).toEqual([]);
    expect(parseTabRecord("an old version's string")).toEqual(EMPTY_TAB_RECORD);
    expect(parseTabRecord(null)).toEqual(EMPTY_TAB_RECORD);
    expect(parseTabRecord({ site: 42, failures: "nope" })).toEqual(EMPTY_TAB_RECORD);
  });
});
