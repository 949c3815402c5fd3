import { describe, expect, it } from "vitest";
import { redactUrl } from "./redact-url";

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
