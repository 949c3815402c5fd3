import { describe, expect, it } from "vitest";
import { headers, makeEvidence } from "../test/builders";
import { diagnose } from "../test/diagnose";
import { toFailure } from "./failure";

describe("a stored failure", () => {
  it("stays within a few KB whatever the server sent: 60 KB challenges, 200 Set-Cookies, a huge status line", () => {
    const e = makeEvidence({
      statusLine: `HTTP/1.1 401 ${"x".repeat(5000)}`,
      responseHeaders: headers(
        ["WWW-Authenticate", `Bearer realm="${"r".repeat(60_000)}", error="invalid_token", error_description="${"d".repeat(5000)}"`],
        ["WWW-Authenticate", `Basic realm="${"b".repeat(60_000)}"`],
        ...Array.from({ length: 200 }, (_, i) => ["Set-Cookie", `session${i}=${"v".repeat(100)}; Path=/${"p".repeat(200)}; HttpOnly`] as [string, string]),
      ),
    });
    const diagnosis = diagnose(e);
    const failure = toFailure("f", 0, e, diagnosis);
    // The classifier read it all: the challenge's error decided the cause.
    expect(e.response.setCookies.length).toBeGreaterThan(10);
    expect(failure.cause).toBe(diagnosis.cause);
    expect(JSON.stringify(failure).length).toBeLessThan(8 * 1024);
    expect(failure.details.response.setCookies).toHaveLength(10);
    expect(failure.details.response.wwwAuthenticate.every((c) => c.length <= 300)).toBe(true);
  });

  it("of an ordinary refusal is about 2 KB", () => {
    const e = makeEvidence({ responseHeaders: headers(["WWW-Authenticate", 'Bearer realm="api", error="invalid_token", error_description="The access token expired"']) });
    expect(JSON.stringify(toFailure("f", 0, e, diagnose(e))).length).toBeLessThan(2500);
  });
});
