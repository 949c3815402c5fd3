import type { Entry } from "har-format";
import { describe, expect, it } from "vitest";
import { diagnose } from "../../test/diagnose";
import { harEntryEvidence } from "./har-failure";

const entry = (status: number, overrides: { url?: string; method?: string; type?: Entry["_resourceType"]; requestHeaders?: [string, string][]; responseHeaders?: [string, string][] } = {}): Entry => ({
  startedDateTime: "2026-12-01T10:00:00.000Z",
  time: 12,
  _resourceType: overrides.type ?? "fetch",
  request: { method: overrides.method ?? "GET", url: overrides.url ?? "http://shop.example/api/orders", httpVersion: "HTTP/1.1", cookies: [], headers: (overrides.requestHeaders ?? []).map(([name, value]) => ({ name, value })), queryString: [], headersSize: -1, bodySize: 0 },
  response: { status, statusText: "Unauthorized", httpVersion: "HTTP/1.1", cookies: [], headers: (overrides.responseHeaders ?? []).map(([name, value]) => ({ name, value })), content: { size: 0, mimeType: "text/html" }, redirectURL: "", headersSize: -1, bodySize: 0 },
  cache: {},
  timings: { send: 0, wait: 10, receive: 2 },
});

describe("harEntryEvidence", () => {
  it("takes a refused request as DevTools saw it: its Cookie header, its Set-Cookie and its body's reason", () => {
    const e = harEntryEvidence(entry(401, { requestHeaders: [["Cookie", "token=planted-old; token=planted-new"], ["Authorization", "Bearer planted.opaque"]] }), "<pre>UnauthorizedError: jwt expired<br>");
    expect(e?.sent).toMatchObject({ seen: true, cookiesFrom: "header", cookieNames: ["token", "token"], authorizationScheme: "Bearer" });
    expect(e?.response.setCookiesFrom).toBe("header");
    expect(e?.bodyReason?.id).toBe("jwt-expired");
    expect(diagnose(e!).cause).toBe("token-expired");
    expect(JSON.stringify(e)).not.toContain("planted");
  });

  it("reads DevTools' resource types as webRequest's, and a preflight as one", () => {
    expect(harEntryEvidence(entry(401, { type: "document" }), null)?.resourceType).toBe("main_frame");
    const preflight = harEntryEvidence(entry(401, { method: "OPTIONS", type: "preflight", requestHeaders: [["Access-Control-Request-Method", "GET"], ["Origin", "http://app.example"]] }), null);
    expect(diagnose(preflight!).cause).toBe("cors-preflight");
    expect(preflight?.initiator).toBe("http://app.example");
  });

  it("leaves alone a request that was not refused", () => {
    expect(harEntryEvidence(entry(200), null)).toBeNull();
    expect(harEntryEvidence(entry(404), null)).toBeNull();
  });
});
