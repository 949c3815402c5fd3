/**
 * Property tests: no input makes a parser throw, and huge or adversarial input is handled in
 * bounded time. Time limits here are generous ceilings against hangs (quadratic blow-ups take
 * seconds or minutes on these sizes), not speed targets: those live in `npm run bench`.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { summarizeBearerToken } from "../tokens/bearer-token";
import { diagnose } from "../../test/diagnose";
import { gatherEvidence } from "../diagnosis/evidence";
import { redactUrl } from "../report/redact-url";
import { summarizeSentCredentials } from "./sent-credentials";
import { parseSetCookie } from "../cookies/set-cookie";
import { parseWwwAuthenticate } from "./www-authenticate";

/** Header-ish text: the characters that matter to the grammars, in any order. */
const headerText = fc.stringMatching(/^[\s\S]{0,300}$/).chain((noise) =>
  fc.array(fc.constantFrom('"', "\\", ",", "=", " ", "\t", ";", "Bearer", "Basic", "realm", "error", "==", "abc", "\n", noise), { maxLength: 60 }).map((parts) => parts.join("")),
);

const timed = (fn: () => void) => {
  const start = performance.now();
  fn();
  return performance.now() - start;
};

describe("parsers never throw", () => {
  it("parseWwwAuthenticate", () => {
    fc.assert(
      fc.property(fc.oneof(headerText, fc.string(), fc.array(fc.string(), { maxLength: 5 })), (input) => {
        const challenges = parseWwwAuthenticate(input);
        for (const c of challenges) expect(c.scheme).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/);
      }),
      { numRuns: 2000 },
    );
  });

  it("parseSetCookie, summarizeSentCredentials, summarizeBearerToken, redactUrl", () => {
    fc.assert(
      fc.property(fc.oneof(headerText, fc.string(), fc.webUrl()), fc.string(), (value, url) => {
        parseSetCookie(value, Date.now(), url);
        summarizeSentCredentials("GET", [{ name: "Cookie", value }, { name: "Authorization", value }], true);
        summarizeBearerToken(`Bearer ${value}`);
        redactUrl(value);
      }),
      { numRuns: 2000 },
    );
  });

  it("the whole pipeline, from arbitrary headers to a diagnosis", () => {
    const header = fc.record({ name: fc.constantFrom("WWW-Authenticate", "Set-Cookie", "Date", "Proxy-Authenticate", "Cookie", "Authorization", "X-Other"), value: fc.oneof(headerText, fc.string()) });
    fc.assert(
      fc.property(fc.array(header, { maxLength: 8 }), fc.option(fc.array(header, { maxLength: 8 })), fc.constantFrom(401, 403, 407, 419, 440), fc.constantFrom("GET", "POST", "OPTIONS"), (res, req, status, method) => {
        const evidence = gatherEvidence({ url: "https://app.example.com/api", method, statusCode: status, type: "xmlhttprequest", timeStamp: Date.now(), responseHeaders: res }, { request: req, cookie: req !== null, setCookie: req !== null });
        const d = diagnose(evidence);
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parsers stay bounded on hostile input", () => {
  it.each([
    ["a 100 KB realm", `Bearer realm="${"x".repeat(100_000)}"`],
    ["100 KB of escapes", `Basic realm="${"\\\"".repeat(50_000)}"`],
    ["100 KB of commas", ",".repeat(100_000)],
    ["50 000 params", Array.from({ length: 50_000 }, (_, i) => `p${i}=v`).join(", ")],
    ["50 000 schemes", Array.from({ length: 50_000 }, () => "Negotiate").join(", ")],
    ["an unterminated quote", `Digest realm="${"a, b=c ".repeat(15_000)}`],
  ])("parseWwwAuthenticate: %s", (_, header) => {
    const ms = timed(() => parseWwwAuthenticate(header));
    expect(ms).toBeLessThan(2000);
  });

  it("a 100 KB Cookie header and a 100 KB token", () => {
    const cookie = Array.from({ length: 10_000 }, (_, i) => `c${i}=${"v".repeat(5)}`).join("; ");
    expect(timed(() => summarizeSentCredentials("GET", [{ name: "Cookie", value: cookie }], true))).toBeLessThan(2000);
    expect(timed(() => summarizeBearerToken(`Bearer ${"eyJ".repeat(40_000)}.e30.sig`))).toBeLessThan(2000);
  });
});
