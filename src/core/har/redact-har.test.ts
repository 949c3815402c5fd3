import type { Entry, Har, PostData } from "har-format";
import { describe, expect, it } from "vitest";
import { harProblems as validHar } from "../../test/har-validator";
import { inEnglish } from "../../test/diagnose";
import { redactHar, REDACTED } from "./redact-har";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const JWT = `${b64url({ alg: "RS256", typ: "JWT" })}.${b64url({ sub: "alice", exp: 1795780800, iss: "https://id.example" })}.plantedJwtSignatureXYZ123`;
/** Every value below that contains "planted" is a secret and must not survive. */
const PLANTED = ["plantedCookieValue", "plantedSetCookie", "plantedPassword", "plantedApiKey", "plantedAccessToken", "plantedCode", "plantedJwtSignatureXYZ123", "plantedSamlAssertion", "plantedFragmentToken", "plantedRefresh", "plantedClientSecret", "plantedUserInfoPass"];

function entry(overrides: Partial<Entry> = {}): Entry {
  return {
    startedDateTime: "2026-12-01T10:00:00.000Z",
    time: 42.5,
    request: { method: "GET", url: "https://app.example.com/", httpVersion: "HTTP/1.1", cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
    response: { status: 200, statusText: "OK", httpVersion: "HTTP/1.1", cookies: [], headers: [], content: { size: 0, mimeType: "text/html" }, redirectURL: "", headersSize: -1, bodySize: 0 },
    cache: {},
    timings: { blocked: 1, dns: -1, connect: -1, send: 1, wait: 40, receive: 0.5, ssl: -1 },
    ...overrides,
  };
}

const HAR: Har = {
  log: {
    version: "1.2",
    creator: { name: "Chromium", version: "156" },
    pages: [{ startedDateTime: "2026-12-01T10:00:00.000Z", id: "page_1", title: "https://app.example.com/callback?code=plantedCode&state=abc", pageTimings: { onLoad: 300 } }],
    entries: [
      entry({
        request: {
          method: "POST",
          url: "https://plantedUser:plantedUserInfoPass@api.example.com/v1/login?access_token=plantedAccessToken&page=2#id_token=plantedFragmentToken",
          httpVersion: "HTTP/1.1",
          cookies: [{ name: "sessionid", value: "plantedCookieValue" }],
          headers: [
            { name: "Cookie", value: "sessionid=plantedCookieValue; theme=dark" },
            { name: "Authorization", value: `Basic ${b64("alice:plantedPassword")}` },
            { name: "X-API-Key", value: "plantedApiKey" },
            { name: "Accept", value: "application/json" },
          ],
          queryString: [
            { name: "access_token", value: "plantedAccessToken" },
            { name: "page", value: "2" },
          ],
          postData: { mimeType: "application/json", text: JSON.stringify({ username: "alice", password: "plantedPassword", nested: { refresh_token: "plantedRefresh", client_secret: "plantedClientSecret" } }) },
          headersSize: -1,
          bodySize: 80,
        },
        response: {
          status: 401,
          statusText: "Unauthorized",
          httpVersion: "HTTP/1.1",
          cookies: [{ name: "sessionid", value: "plantedSetCookie", path: "/", httpOnly: true }],
          headers: [
            { name: "Set-Cookie", value: "sessionid=plantedSetCookie; Path=/; HttpOnly; SameSite=Lax" },
            { name: "WWW-Authenticate", value: 'Bearer realm="api", error="invalid_token"' },
            { name: "Location", value: "https://app.example.com/cb?code=plantedCode" },
          ],
          content: { size: 60, mimeType: "application/json", text: JSON.stringify({ detail: "Invalid token.", code: "token_not_valid", access_token: "plantedAccessToken" }) },
          redirectURL: "",
          headersSize: -1,
          bodySize: 60,
        },
      }),
      entry({
        request: {
          method: "POST",
          url: "https://id.example.com/token",
          httpVersion: "HTTP/1.1",
          cookies: [],
          headers: [{ name: "Authorization", value: `Bearer ${JWT}` }],
          queryString: [],
          // Chrome's HAR gives a form's text and its params both, which har-format's type does not foresee.
          postData: { mimeType: "application/x-www-form-urlencoded", text: `grant_type=authorization_code&code=plantedCode&client_secret=plantedClientSecret`, params: [{ name: "code", value: "plantedCode" }, { name: "grant_type", value: "authorization_code" }] } as unknown as PostData,
          headersSize: -1,
          bodySize: 70,
        },
        response: {
          status: 200,
          statusText: "OK",
          httpVersion: "HTTP/1.1",
          cookies: [],
          headers: [],
          content: { size: 300, mimeType: "text/html", text: `<form method="post"><input type="hidden" name="SAMLResponse" value="plantedSamlAssertion"><p>token ${JWT}</p></form>` },
          redirectURL: "",
          headersSize: -1,
          bodySize: 300,
        },
      }),
    ],
  },
};

describe("redactHar", () => {
  const { har, counts } = redactHar(HAR, inEnglish);
  const out = JSON.stringify(har);

  it("leaves none of the planted secrets, plain, URL-encoded or base64", () => {
    for (const secret of PLANTED) {
      for (const form of [secret, encodeURIComponent(secret), b64(secret), b64(`alice:${secret}`)]) expect(out, form).not.toContain(form);
    }
  });

  it("keeps names, structure, statuses, timings and a JWT's claims, and says what it removed", () => {
    const [first, second] = har.log.entries;
    expect(har.log.entries).toHaveLength(2);
    expect(first?.response.status).toBe(401);
    expect(first?.timings).toEqual(HAR.log.entries[0]?.timings);
    expect(first?.request.headers.map((h) => h.name)).toEqual(["Cookie", "Authorization", "X-API-Key", "Accept"]);
    expect(first?.request.headers[0]?.value).toBe(`sessionid=${REDACTED}; theme=${REDACTED}`);
    expect(first?.request.headers[1]?.value).toBe(`Basic ${REDACTED}`);
    expect(first?.request.headers[3]?.value).toBe("application/json");
    expect(first?.response.headers[0]?.value).toBe(`sessionid=${REDACTED}; Path=/; HttpOnly; SameSite=Lax`);
    expect(first?.response.headers[1]?.value).toBe('Bearer realm="api", error="invalid_token"');
    expect(first?.request.url).toContain("page=2");
    // The server's reason stays; the token it handed out does not.
    expect(JSON.parse(first?.response.content.text ?? "{}")).toMatchObject({ detail: "Invalid token.", code: "token_not_valid", access_token: REDACTED });
    expect(second?.request.headers[0]?.value).toContain(b64url({ sub: "alice", exp: 1795780800, iss: "https://id.example" }));
    expect(second?.comment).toMatch(/removed the signatures of the JWTs/);
    expect(second?.request.postData?.params?.find((p) => p.name === "grant_type")?.value).toBe("authorization_code");
    // Credentials: Basic, the address's user-info, the bearer JWT. Address tokens: the page's code and state, access_token (URL and query), id_token in the fragment, Location's code.
    expect(counts).toMatchObject({ cookies: 5, authorization: 3, apiKeys: 1, urlTokens: 6, formFields: 3, jsonFields: 4, jwtSignatures: 2, saml: 1 });
  });

  it("replaces the copies of a secret found elsewhere, as is, URL-encoded and base64: a page's script that sets the cookie", () => {
    const page = entry({
      request: { ...HAR.log.entries[0]!.request, url: "https://app.example.com/account", headers: [{ name: "Cookie", value: "prefs=plantedPrefsValue" }], cookies: [], queryString: [], postData: undefined },
      response: { ...HAR.log.entries[0]!.response, status: 200, cookies: [], headers: [], content: { size: 100, mimeType: "text/html", text: `<script>document.cookie = "prefs=plantedPrefsValue"; fetch("/x?v=${encodeURIComponent("plantedPrefsValue")}"); const b = "${b64("plantedPrefsValue")}";</script>` } },
    });
    const { har: out, counts: c } = redactHar({ log: { ...HAR.log, entries: [page] } }, inEnglish);
    const text = JSON.stringify(out);
    expect(text).not.toContain("plantedPrefsValue");
    expect(text).not.toContain(b64("plantedPrefsValue"));
    expect(c.copies).toBe(3);
  });

  it("is still a valid HAR 1.2", () => {
    expect(validHar(HAR)).toEqual([]);
    expect(validHar(har)).toEqual([]);
  });
});
