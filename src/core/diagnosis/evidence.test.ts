import { describe, expect, it } from "vitest";
import { headers, makeEvidence, makeResponse } from "../../test/builders";
import { gatherEvidence } from "./evidence";

describe("gatherEvidence", () => {
  it("reads challenges, cleared cookies and the server's Date from a real response", () => {
    // Express + passport after res.clearCookie("connect.sid"), with RFC 6750's challenge.
    const evidence = makeEvidence(
      {
        responseHeaders: headers(
          ["X-Powered-By", "Express"],
          ["WWW-Authenticate", 'Bearer realm="example", error="invalid_token", error_description="The access token expired"'],
          ["Set-Cookie", "connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"],
          ["Date", "Sun, 22 Nov 2026 12:00:05 GMT"],
        ),
      },
      headers(["Cookie", "connect.sid=s%3Asecret"], ["Authorization", "Bearer eyJ.secret.sig"]),
    );
    expect(evidence.response).toEqual({
      wwwAuthenticate: ['Bearer realm="example", error="invalid_token", error_description="The access token expired"'],
      proxyAuthenticate: [],
      challenges: [{ scheme: "Bearer", params: { realm: "example", error: "invalid_token", error_description: "The access token expired" }, token68: null }],
      proxyChallenges: [],
      setCookies: [{ name: "connect.sid", domain: null, path: "/", secure: false, sameSite: null, clears: true, rejected: null }],
      setCookiesFrom: "header",
      date: "Sun, 22 Nov 2026 12:00:05 GMT",
      corsCredentials: null,
      server: null,
      botChallenge: false,
    });
    // The server's clock is 5 s ahead of the response's local timestamp (12:00:00).
    expect(evidence.clockSkewMs).toBe(5000);
    expect(evidence.sent).toEqual({ seen: true, cookieNames: ["connect.sid"], cookiesFrom: "header", authorizationScheme: "Bearer", proxyAuthorizationScheme: null, token: { kind: "opaque", claims: null }, preflight: false, antiForgery: false, apiKeyHeader: null });
    expect(JSON.stringify(evidence)).not.toMatch(/secret/);
  });

  it("keeps a UMA permission ticket out of the evidence, quoted or not", () => {
    const evidence = makeEvidence({
      responseHeaders: headers(
        ["WWW-Authenticate", 'UMA realm="r",as_uri="https://as.test/authz",ticket="sec\\"ret-1"'],
        ["WWW-Authenticate", "UMA realm=r, ticket=secret-2"],
        ["WWW-Authenticate", 'UMA realm="r", error_description="bad ticket=", ticket="secret-3"'],
        ["WWW-Authenticate", 'UMA realm="r"ticket="secret-4"'],
        ["WWW-Authenticate", 'UMA realm="r", ticket="secret-5'],
      ),
    });
    expect(JSON.stringify(evidence)).not.toMatch(/secret|sec\\/);
    expect(evidence.response.challenges.map((c) => c.params.ticket)).toEqual(["(hidden)", "(hidden)", "(hidden)", undefined, "(hidden)"]);
    expect(evidence.response.challenges[0]?.params.as_uri).toBe("https://as.test/authz");
  });

  it("splits Set-Cookie headers that Chrome joined with newlines", () => {
    const evidence = makeEvidence({ responseHeaders: headers(["set-cookie", "a=1; Max-Age=0\nb=2; Path=/"]) });
    expect(evidence.response.setCookies.map((c) => [c.name, c.clears])).toEqual([
      ["a", true],
      ["b", false],
    ]);
  });

  it("keeps every challenge when a server sends several headers (RFC 9110 §11.6.1)", () => {
    // IIS with Windows authentication offers Negotiate and NTLM as two headers.
    const evidence = makeEvidence({ responseHeaders: headers(["WWW-Authenticate", "Negotiate"], ["WWW-Authenticate", "NTLM"], ["Server", "Microsoft-IIS/10.0"]) });
    expect(evidence.response.wwwAuthenticate).toEqual(["Negotiate", "NTLM"]);
  });

  it("takes Proxy-Authenticate for a 407", () => {
    const evidence = makeEvidence({ statusCode: 407, responseHeaders: headers(["Proxy-Authenticate", 'Basic realm="Squid proxy-caching web server"']) });
    expect(evidence.response.proxyAuthenticate).toEqual(['Basic realm="Squid proxy-caching web server"']);
  });

  it("tells a cross-site request from a same-site one by registrable domain", () => {
    expect(makeEvidence({ url: "https://api.example.com/x", initiator: "https://app.example.com" }).crossSite).toBe(false);
    expect(makeEvidence({ url: "https://api.widget.io/x", initiator: "https://news.example.com" }).crossSite).toBe(true);
    expect(makeEvidence({ url: "https://bob.github.io/x", initiator: "https://alice.github.io" }).crossSite).toBe(true);
    expect(makeEvidence({ initiator: undefined }).crossSite).toBe(false);
  });

  it("redacts secrets in the URL and keeps only the initiator's origin", () => {
    const evidence = makeEvidence({ url: "https://api.example.com/v1?access_token=abc", initiator: undefined, originUrl: "https://app.example.com/page?x=1" });
    expect(evidence.url).toBe("https://api.example.com/v1?access_token=REDACTED");
    expect(evidence.initiator).toBe("https://app.example.com");
  });

  it("bounds what it keeps of huge or binary headers", () => {
    const evidence = gatherEvidence(
      makeResponse({ responseHeaders: [{ name: "WWW-Authenticate", value: `Bearer realm="${"x".repeat(100_000)}"` }, { name: "Date", binaryValue: [0xff, 0xfe, 0x41] }] }),
      { request: [{ name: "Cookie", value: Array.from({ length: 10_000 }, (_, i) => `c${i}=v`).join("; ") }], cookie: true, setCookie: true },
    );
    expect(evidence.response.wwwAuthenticate[0]?.length).toBeLessThanOrEqual(2048);
    expect(evidence.response.date).toBe("ÿþA");
    expect(evidence.sent.cookieNames.length).toBeLessThanOrEqual(100);
  });
});
