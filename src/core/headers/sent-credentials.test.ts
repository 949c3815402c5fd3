import { describe, expect, it } from "vitest";
import { headers } from "../../test/builders";
import { summarizeSentCredentials } from "./sent-credentials";

describe("summarizeSentCredentials", () => {
  it("keeps cookie names in order, duplicates included, and never a value", () => {
    const sent = summarizeSentCredentials("GET", headers(["Cookie", "_session_id=old-secret; theme=dark; _session_id=new-secret"]), true);
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
    const sent = summarizeSentCredentials("GET", headers(["authorization", value]), true);
    expect(sent.authorizationScheme).toBe(scheme);
    expect(JSON.stringify(sent)).not.toMatch(/YWxpY2U6c2VjcmV0|4eC39HqLyjWDarjtT1zdp7dc|YIIGhg/);
  });

  it("sees no credentials when neither header was sent", () => {
    expect(summarizeSentCredentials("GET", headers(["Accept", "*/*"]), true)).toEqual({ seen: true, cookieNames: [], cookiesFrom: "header", authorizationScheme: null, proxyAuthorizationScheme: null, token: null, preflight: false, antiForgery: false, apiKeyHeader: null });
  });

  it("says so when the request's headers were not watched, and claims nothing about them", () => {
    expect(summarizeSentCredentials("OPTIONS", null, false)).toEqual({ seen: false, cookieNames: [], cookiesFrom: "jar", authorizationScheme: null, proxyAuthorizationScheme: null, token: null, preflight: false, antiForgery: null, apiKeyHeader: null });
  });

  it("where the browser hides Cookie (Chrome without extraHeaders), reads Authorization and leaves the cookies to the jar", () => {
    const sent = summarizeSentCredentials("GET", headers(["Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU3ODA4MDB9.c2ln"], ["Accept", "*/*"]), false);
    expect(sent).toMatchObject({ seen: true, cookieNames: [], cookiesFrom: "jar", authorizationScheme: "Bearer", token: { kind: "jwt", claims: { exp: 1795780800 } } });
    // A Cookie header that slipped through is not read as the cookies sent when the browser does not promise to show it.
    expect(summarizeSentCredentials("GET", headers(["Cookie", "sid=x"]), false).cookieNames).toEqual([]);
  });

  it("reads the Proxy-Authorization scheme, never its value", () => {
    const sent = summarizeSentCredentials("GET", headers(["Proxy-Authorization", "Basic YWxpY2U6c2VjcmV0"]), true);
    expect(sent.proxyAuthorizationScheme).toBe("Basic");
    expect(sent.authorizationScheme).toBeNull();
    expect(JSON.stringify(sent)).not.toContain("YWxpY2U6c2VjcmV0");
  });

  it("recognises a CORS preflight only with Access-Control-Request-Method (Fetch standard §4.8)", () => {
    const preflight = headers(["Access-Control-Request-Method", "GET"], ["Access-Control-Request-Headers", "authorization"], ["Origin", "https://app.example.com"]);
    expect(summarizeSentCredentials("OPTIONS", preflight, true).preflight).toBe(true);
    expect(summarizeSentCredentials("OPTIONS", headers(["Origin", "https://app.example.com"]), true).preflight).toBe(false);
    expect(summarizeSentCredentials("GET", preflight, true).preflight).toBe(false);
  });

  it("caps the number of cookie names kept from a huge Cookie header", () => {
    const huge = Array.from({ length: 5000 }, (_, i) => `c${i}=v`).join("; ");
    expect(summarizeSentCredentials("GET", headers(["Cookie", huge]), true).cookieNames.length).toBeLessThanOrEqual(100);
  });
});
