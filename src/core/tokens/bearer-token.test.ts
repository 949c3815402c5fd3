import { describe, expect, it } from "vitest";
import { summarizeBearerToken } from "./bearer-token";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (payload: unknown, header: unknown = { alg: "RS256", typ: "JWT" }) => `${b64(header)}.${b64(payload)}.c2lnbmF0dXJl`;

describe("summarizeBearerToken", () => {
  it("decodes RFC 7519 §3.1's example JWT", () => {
    // The example from RFC 7519 §3.1 (HS256, iss "joe", exp 1300819380).
    const token = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    expect(summarizeBearerToken(`Bearer ${token}`)).toEqual({ kind: "jwt", claims: { iss: "joe", exp: 1300819380 } });
  });

  it("keeps only safe claims: no subject, email, name or custom claims", () => {
    const summary = summarizeBearerToken(`Bearer ${jwt({ sub: "auth0|123", email: "alice@example.com", name: "Alice", exp: 1795780800, iat: 1795777200, nbf: 1795777200, iss: "https://tenant.auth0.com/", aud: ["https://api.example.com", "https://tenant.auth0.com/userinfo"], scope: "openid" })}`);
    expect(summary).toEqual({
      kind: "jwt",
      claims: { exp: 1795780800, iat: 1795777200, nbf: 1795777200, iss: "https://tenant.auth0.com/", aud: ["https://api.example.com", "https://tenant.auth0.com/userinfo"] },
    });
    expect(JSON.stringify(summary)).not.toMatch(/alice|auth0\|123|openid/i);
  });

  it.each([
    ["Bearer not-a-real-token", { kind: "opaque", claims: null }],
    ["Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a", { kind: "opaque", claims: null }],
    ["Bearer a.b.c", { kind: "opaque", claims: null }],
    ["Bearer eyJ.eyJ.sig", { kind: "opaque", claims: null }],
    [`Bearer ${b64({ alg: "none" })}.${Buffer.from("not json").toString("base64url")}.`, { kind: "opaque", claims: null }],
    [`Bearer ${b64({ alg: "RSA-OAEP", enc: "A256GCM" })}.a.b.c.d`, { kind: "jwe", claims: null }],
    [`Bearer ${jwt({ exp: "tomorrow", iss: 42, aud: [1, "x"] })}`, { kind: "jwt", claims: { aud: ["x"] } }],
    [`bearer   ${jwt({ exp: 1 })}`, { kind: "jwt", claims: { exp: 1 } }],
  ])("%s", (value, expected) => {
    expect(summarizeBearerToken(value)).toEqual(expected);
  });

  it.each(["Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer", "", "Token abc"])("is null for %j", (value) => {
    expect(summarizeBearerToken(value)).toBeNull();
  });
});
