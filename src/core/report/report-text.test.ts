import { describe, expect, it } from "vitest";
import { CAPTURED, NOW } from "../../test/captured-responses";
import { makeEvidence } from "../../test/builders";
import { diagnose, inEnglish } from "../../test/diagnose";
import { toFailure } from "../failure";
import { formatReport } from "./report-text";

describe("formatReport", () => {
  const failures = CAPTURED.map((c, i) => {
    const url = new URL(c.response.url ?? "https://app.example.com/api/me");
    url.searchParams.set("access_token", "planted-query-token");
    const e = makeEvidence({ timeStamp: NOW, ...c.response, url: url.href }, c.request);
    return toFailure(`f${i}`, 0, e, diagnose(e));
  });
  const { markdown, json } = formatReport(failures, new Date(NOW), "Chrome/156", inEnglish);

  it("contains none of the planted secrets from cookies, tokens, passwords or URLs", () => {
    for (const text of [markdown, json]) expect(text).not.toMatch(/planted|PLANTED|U0VDUkVULVNJR05BVFVSRQ|cGxhbnRlZ/);
  });

  it("keeps what support needs: status, cause, challenge, cookie names and safe claims", () => {
    expect(markdown).toContain("HTTP 401 — GET https://app.example.com/api/me?access_token=REDACTED");
    expect(markdown).toContain('WWW-Authenticate: `Bearer error="invalid_token"');
    expect(markdown).toContain("Cookies sent (names only): connect.sid");
    const parsed = JSON.parse(json) as { failures: { tokenClaims: unknown }[] };
    expect(parsed.failures.some((f) => JSON.stringify(f.tokenClaims).includes('"iss":"https://login.example.com"'))).toBe(true);
  });

  it("says when the cookies came from the jar and the request headers were not seen", () => {
    const e = { ...makeEvidence({ timeStamp: NOW }, null), sent: { ...makeEvidence({}, null).sent, cookieNames: ["connect.sid"] } };
    const { markdown: text, json: data } = formatReport([toFailure("u", 0, e, diagnose(e))], new Date(NOW), "Chrome/156", inEnglish);
    expect(text).toContain("Cookies for this address in the jar, presumed sent (names only): connect.sid");
    expect(text).toContain("Authorization: not seen");
    expect(text).not.toContain("Cookies sent (names only)");
    expect(JSON.parse(data)).toMatchObject({ failures: [{ requestHeadersSeen: false, cookiesFrom: "jar" }] });
  });
});
