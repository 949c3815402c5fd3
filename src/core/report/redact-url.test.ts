import { describe, expect, it } from "vitest";
import { redactText, redactUrl } from "./redact-url";

describe("redactUrl", () => {
  it.each([
    ["https://app.example.com/api/me", "https://app.example.com/api/me"],
    ["https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz", "https://app.example.com/cb?code=REDACTED&state=REDACTED"],
    ["https://api.example.com/v1?access_token=abc.def.ghi&page=2", "https://api.example.com/v1?access_token=REDACTED&page=2"],
    ["https://api.example.com/v1?api_key=k123", "https://api.example.com/v1?api_key=REDACTED"],
    ["https://alice:hunter2@files.example.com/x", "https://files.example.com/x"],
    ["https://app.example.com/#access_token=abc&token_type=bearer", "https://app.example.com/#REDACTED"],
  ])("%s → %s", (raw, expected) => {
    expect(redactUrl(raw)).toBe(expected);
  });

  it("returns a non-URL cut short instead of throwing", () => {
    expect(redactUrl("not a url")).toBe("not a url");
    expect(redactUrl("x".repeat(5000))).toHaveLength(200);
  });
});

describe("redaction everywhere a URL or server text is kept (issue 22)", () => {
  const SECRET = "Zx81kQ2vLp0sR7tW4yB9nM3c"; // 24 random characters, as a session id or key looks
  const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldC0xMjM";

  it("follows addresses inside parameters, URL-encoded, relative or absolute, and in a single-page app's fragment", () => {
    const nested = redactUrl(`https://app.example.com/users/sign_in?service=${encodeURIComponent(`/dash?session=${SECRET}&tab=2`)}`);
    expect(nested).not.toContain(SECRET);
    expect(decodeURIComponent(nested)).toContain("/dash?session=REDACTED&tab=2");
    const twice = redactUrl(`https://id.example.com/login?next=${encodeURIComponent(`https://app.example.com/cb?return=${encodeURIComponent(`/x?token=${SECRET}`)}`)}`);
    expect(twice).not.toContain(SECRET);
    expect(redactUrl(`https://app.example.com/#/dash?session=${SECRET}&view=list`)).toBe("https://app.example.com/#/dash?session=REDACTED&view=list");
  });

  it("takes out base64 that hides a secret, JWTs and long random values under innocent names; keeps ordinary values as they were", () => {
    const b64 = Buffer.from(`/dash?session=${SECRET}`).toString("base64");
    expect(redactUrl(`https://app.example.com/login?next=${encodeURIComponent(b64)}`)).toBe("https://app.example.com/login?next=REDACTED");
    expect(redactUrl(`https://app.example.com/x?t=${JWT}`)).toBe("https://app.example.com/x?t=REDACTED");
    expect(redactUrl(`https://app.example.com/x?ref=${SECRET}`)).toBe("https://app.example.com/x?ref=REDACTED");
    expect(redactUrl(`https://app.example.com/files/${JWT}/view`)).toBe("https://app.example.com/files/REDACTED/view");
    // Nothing secret: the address as it was, spelling and all.
    for (const plain of ["https://app.example.com/search?q=a%20b&page=2&next", "https://app.example.com/login?next=%2Finbox%3Ffolder%3Dwork", "https://app.example.com/items/507f1f77bcf86cd799439011?lang=de"]) expect(redactUrl(plain)).toBe(plain);
  });

  it("takes secrets out of server text: an address in an error description, an echoed token, a JWT, secret pairs", () => {
    const description = `Redirect https://app.example.com/cb?access_token=${SECRET}&x=1 is not registered`;
    expect(redactText(description)).toBe("Redirect https://app.example.com/cb?access_token=REDACTED&x=1 is not registered");
    expect(redactText(`bad token ${SECRET}`)).toBe("bad token REDACTED");
    expect(redactText(`Bearer error="invalid_token", error_description="token ${JWT} rejected"`)).toBe('Bearer error="invalid_token", error_description="token REDACTED rejected"');
    expect(redactText(`password=hunter2; key: abc123 session="s1"`)).toBe("password=REDACTED; key: REDACTED session=REDACTED");
  });

  it("leaves what a diagnosis reads from a server's words alone", () => {
    for (const plain of [
      'Bearer realm="api", error="invalid_token", error_description="The access token expired at 2026-11-22T12:00:00Z"',
      'Bearer error="invalid_token", error_description="The token is not valid before Thu, 03 Dec 2026 10:00:00 GMT"',
      'Basic realm="Zürich ✓ 🔑", charset="UTF-8"',
      "HTTP/1.1 401 Unauthorized",
      'Digest realm="files@example.com", qop="auth", algorithm=SHA-256',
      "jwt expired",
      "Not management user",
    ])
      expect(redactText(plain)).toBe(plain);
  });
});
