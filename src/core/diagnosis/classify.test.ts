import { describe, expect, it } from "vitest";
import { CAPTURED, jwt, NOW } from "../../test/captured-responses";
import { headers, makeEvidence } from "../../test/builders";
import { CAUSE_IDS } from "./cause";
import { diagnose } from "../../test/diagnose";
import type { FailureEvidence } from "./evidence";
import { technicalPart } from "./diagnosis";

const evidenceOf = (c: (typeof CAPTURED)[number]) => makeEvidence({ timeStamp: NOW, ...c.response }, c.request);

describe("classify, on responses captured from real servers", () => {
  it.each(CAPTURED.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const diagnosis = diagnose(evidenceOf(c));
    expect(diagnosis.cause).toBe(c.cause);
    expect(diagnosis.confidence).toBeGreaterThanOrEqual(c.minConfidence);
    expect(diagnosis.confidence).toBeLessThanOrEqual(c.maxConfidence ?? 1);
    expect(diagnosis.summary).toMatch(/\.$/);
    expect(diagnosis.fixes.length).toBeGreaterThan(0);
    expect(diagnosis.evidence.length).toBeGreaterThan(0);
    // Nothing that was planted in a credential comes out in any text.
    expect(JSON.stringify(diagnosis)).not.toMatch(/planted|PLANTED|U0VDUkVULVNJR05BVFVSRQ|cGxhbnRlZ/);
  });

  it("reaches every cause id", () => {
    const reached = new Set(CAPTURED.map((c) => diagnose(evidenceOf(c)).cause));
    expect([...reached].sort()).toEqual([...CAUSE_IDS].sort());
  });
});

describe("classify, weighing evidence", () => {
  const bare = makeEvidence({ statusCode: 401, responseHeaders: [] }, []);

  it("is honestly unsure when there is no usable evidence", () => {
    const e: FailureEvidence = { ...bare, status: 403, resourceType: "font" };
    const d = diagnose(e);
    expect(d.cause).toBe("unknown");
    expect(d.confidence).toBeLessThanOrEqual(0.3);
    expect(d.summary).toBe("app.example.com refused a font and gave no reason.");
    expect(diagnose({ ...e, resourceType: "image" }).summary).toContain("refused an image");
  });

  it("reads an expired JWT from its claims even when the server says nothing", () => {
    const e = makeEvidence({ timeStamp: NOW, responseHeaders: headers(["Date", "Sun, 22 Nov 2026 12:00:00 GMT"]) }, headers(["Authorization", `Bearer ${jwt({ exp: Math.floor(NOW / 1000) - 3 * 3600 })}`]));
    const d = diagnose(e);
    expect(d.cause).toBe("token-expired");
    expect(d.summary).toContain("3 hours ago");
  });

  it("calls a token valid by both clocks but refused 'invalid', not expired or skewed", () => {
    const e = makeEvidence({ timeStamp: NOW }, headers(["Authorization", `Bearer ${jwt({ exp: Math.floor(NOW / 1000) + 600 })}`]));
    expect(diagnose(e).cause).toBe("token-invalid");
  });

  it("does not blame the clock for a small difference", () => {
    const e = makeEvidence(
      { timeStamp: NOW, responseHeaders: headers(["Date", "Sun, 22 Nov 2026 12:00:30 GMT"]) },
      headers(["Authorization", `Bearer ${jwt({ exp: Math.floor(NOW / 1000) + 10 })}`]),
    );
    expect(diagnose(e).cause).not.toBe("clock-skew");
  });

  it("finds a shadowing cookie in the jar when the Cookie header shows the name once", () => {
    const e: FailureEvidence = {
      ...makeEvidence({}, headers(["Cookie", "sid=planted"])),
      jar: {
        presumed: false,
        duplicateNames: ["sid"],
        applicable: [
          { name: "sid", domain: "app.example.com", hostOnly: true, path: "/api", secure: true, httpOnly: true, sameSite: "lax", session: false, partitioned: false, sent: true, withheld: null },
          { name: "sid", domain: ".example.com", hostOnly: false, path: "/", secure: true, httpOnly: true, sameSite: "lax", session: false, partitioned: false, sent: true, withheld: null },
        ],
      },
    };
    const d = diagnose(e);
    expect(d.cause).toBe("stale-cookie");
    expect(d.fixes[0]).toBe("remove-stale-cookie");
    expect(d.evidence[0]?.seen).toContain("app.example.com/api");
  });

  it("sees cookies the browser withheld on a cross-site request", () => {
    const e: FailureEvidence = {
      ...makeEvidence({ url: "https://accounts.idp.example/session", initiator: "https://app.example.org" }, []),
      jar: {
        presumed: false,
        duplicateNames: [],
        applicable: [{ name: "sso", domain: "accounts.idp.example", hostOnly: true, path: "/", secure: true, httpOnly: true, sameSite: "lax", session: true, partitioned: false, sent: false, withheld: "samesite" }],
      },
    };
    const d = diagnose(e);
    expect(d.cause).toBe("cookies-blocked");
    expect(d.fixes).not.toContain("retry-incognito");
  });

  it("puts clearing cookies first in a sign-in loop", () => {
    const e: FailureEvidence = { ...makeEvidence({}, headers(["Cookie", "sid=planted"])), repeats: 3 };
    const d = diagnose(e);
    expect(d.cause).toBe("session-expired");
    expect(d.fixes[0]).toBe("clear-site-cookies");
    expect(d.evidence.some((item) => item.seen.includes("4 times"))).toBe(true);
  });

  it("never offers to clear cookies for missing permissions, nor a private window for wrong passwords", () => {
    const scope = CAPTURED.find((c) => c.cause === "insufficient-permissions");
    const password = CAPTURED.find((c) => c.cause === "wrong-credentials");
    expect(diagnose(evidenceOf(scope!)).fixes).not.toContain("clear-site-cookies");
    expect(diagnose(evidenceOf(password!)).fixes).not.toContain("retry-incognito");
  });

  it("lists the server's challenge once, not once as a reason and again as an observation", () => {
    const d = diagnose(evidenceOf(CAPTURED.find((c) => c.name === "ASP.NET Core JwtBearer, expired token")!));
    expect(d.evidence.filter((item) => item.seen.startsWith("WWW-Authenticate:"))).toHaveLength(1);
  });

  it("explains in plain language first, technical detail after", () => {
    const d = diagnose(evidenceOf(CAPTURED.find((c) => c.name.startsWith("Spring Security resource server, expired"))!));
    const plain = d.explanation;
    const technical = technicalPart(d, (item) => `${item.seen}: ${item.meaning}`);
    expect(plain).toMatch(/^The access token the page sent to app\.example\.com has expired\./);
    expect(plain).not.toMatch(/WWW-Authenticate|invalid_token/);
    expect(technical).toContain('error="invalid_token"');
  });

  it.each([
    ["Token", "Token planted0key", "token-invalid"],
    ["a bare key", "planted0bare0key", "token-invalid"],
    ["ApiKey", "ApiKey planted0key", "token-invalid"],
  ])("a 401 to a request that carried %s names the token or key refused, never its value", (_, authorization, cause) => {
    const d = diagnose(makeEvidence({ responseHeaders: [] }, [{ name: "Authorization", value: authorization }]));
    expect(d.cause).toBe(cause);
    expect(d.confidence).toBe(0.6);
    expect(JSON.stringify(d)).not.toContain("planted0");
  });

  it("a Basic or Negotiate credential refused is not an API token", () => {
    expect(diagnose(makeEvidence({ responseHeaders: [{ name: "WWW-Authenticate", value: 'Basic realm="x"' }] }, [{ name: "Authorization", value: "Basic YTpi" }])).cause).toBe("wrong-credentials");
    expect(diagnose(makeEvidence({ responseHeaders: [{ name: "WWW-Authenticate", value: "Negotiate" }] }, [{ name: "Authorization", value: "Negotiate YIIG" }])).cause).not.toBe("token-invalid");
  });

  it.each([
    ['Bearer error="Insufficient scope"', "insufficient-permissions"],
    ['Bearer error="insufficient-scope", scope="admin"', "insufficient-permissions"],
    ['Bearer error="Expired token"', "token-expired"],
    ['Bearer error="token_expired"', "token-expired"],
  ])("reads an RFC 6750 code however it is spelt: %s", (challenge, cause) => {
    expect(diagnose(makeEvidence({ responseHeaders: [{ name: "WWW-Authenticate", value: challenge }] }, [{ name: "Authorization", value: "Bearer opaque-token" }])).cause).toBe(cause);
  });

  it("a 403 to a call that changes something, with a session cookie and no anti-forgery header, is most likely CSRF; with the header it is not", () => {
    const post = (extra: [string, string][]) =>
      diagnose(makeEvidence({ statusCode: 403, method: "POST", responseHeaders: [] }, [{ name: "Cookie", value: "sessionid=planted" }, ...extra.map(([name, value]) => ({ name, value }))]));
    const without = post([]);
    expect(without.cause).toBe("csrf");
    expect(without.confidence).toBe(0.5);
    expect(post([["X-CSRFToken", "planted"]]).cause).toBe("insufficient-permissions");
  });

  it("Laravel's 419 Page Expired is an anti-forgery refusal", () => {
    expect(diagnose(makeEvidence({ statusCode: 419, method: "POST", responseHeaders: [] })).cause).toBe("csrf");
  });
});
