import { describe, expect, it } from "vitest";
import { registrableDomain } from "./site";

describe("registrableDomain", () => {
  it.each([
    ["https://app.example.com/x", "example.com"],
    ["https://a.b.example.co.uk/", "example.co.uk"],
    // Private PSL entries count: each GitHub Pages user is its own site.
    ["https://alice.github.io/repo", "alice.github.io"],
    ["http://app.session-expired.test/", "session-expired.test"],
    ["http://localhost:8080/", "localhost"],
    ["http://127.0.0.1:3000/", "127.0.0.1"],
    ["http://[::1]:3000/", "::1"],
  ])("%s → %s", (url, site) => {
    expect(registrableDomain(url)).toBe(site);
  });

  it("is null for URLs without a host", () => {
    expect(registrableDomain("about:blank")).toBeNull();
    expect(registrableDomain("not a url")).toBeNull();
  });
});
