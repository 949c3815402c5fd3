import { describe, expect, it } from "vitest";
import { headers } from "../test/builders";
import { summarizeSentCredentials } from "./sent-credentials";

describe("summarizeSentCredentials", () => {
  it("keeps cookie names in order, duplicates included, and never a value", () => {
    const sent = summarizeSentCredentials("GET", headers(["Cookie", "_session_id=old-secret; theme=dark; _session_id=new-secret"]));
    expect(sent.cookieNames).toEqual(["_session_id", "theme", "_session_id"]);
    expect(JSON.stringify(sent)).not.toMatch(/secret/);
  });

  it.each([
    ["Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln", "Bearer"],
    ["Basic YWxpY2U6c2VjcmV0", "Basic"],
    ["Negotiate YIIGhgYJKoZIhvcSAQICAQBuggZ1MIIGcaADAgEFoQMCAQ6iBwMFACAAAACjggS", "Negotiate"],
    ['Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html"', "Digest"],
    ['Token token="abc", nonce="def"', "Token"],
    ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "(no scheme)"],
    ["Bearer", "(no scheme)"],
    ["", "(unreadable)"],
    ["{garbage} value", "(unreadable)"],
  ])("Authorization %j has scheme %s and the credentials are dropped", (value, scheme) => {
    const sent = summarizeSentCredentials("GET", headers(["authorization", value]));
    expect(sent.authorizationScheme).toBe(scheme);
    expect(JSON.stringify(sent)).not.toMatch(/YWxpY2U6c2VjcmV0|4eC39HqLyjWDarjtT1zdp7dc|YIIGhg/);
  });

  it("sees no credentials when neither header was sent", () => {
    expect(summarizeSentCredentials("GET", headers(["Accept", "*/*"]))).toEqual({ seen: true, cookieNames: [], cookiesFrom: "header", authorizationScheme: null, token: null, preflight: false });
  });

  it("says so when the request's headers were not watched, and claims nothing about them", () => {
    expect(summarizeSentCredentials("OPTIONS", null)).toEqual({ seen: false, cookieNames: [], cookiesFrom: "jar", authorizationScheme: null, token: null, preflight: false });
  });

  it("recognises a CORS preflight only with Access-Control-Request-Method (Fetch standard §4.8)", () => {
    const preflight = headers(["Access-Control-Request-Method", "GET"], ["Access-Control-Request-Headers", "authorization"], ["Origin", "https://app.example.com"]);
    expect(summarizeSentCredentials("OPTIONS", preflight).preflight).toBe(true);
    expect(summarizeSentCredentials("OPTIONS", headers(["Origin", "https://app.example.com"])).preflight).toBe(false);
    expect(summarizeSentCredentials("GET", preflight).preflight).toBe(false);
  });

  it("caps the number of cookie names kept from a huge Cookie header", () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `c${i}=v`).join("; ");
    expect(summarizeSentCredentials("GET", headers(["Cookie", huge])).cookieNames.length).toBeLessThanOrEqual(100);
  });
});
