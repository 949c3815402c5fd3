import { describe, expect, it } from "vitest";
import { makeCookie } from "../../test/builders";
import { cookieUrl, hostsOf, restoreDetails, staleDuplicates } from "./cookie-snapshot";

const cookie = makeCookie;

describe("restoreDetails", () => {
  it("sets a host-only cookie without a domain, so it stays host-only", () => {
    const details = restoreDetails(cookie({ hostOnly: true }));
    expect(details).not.toHaveProperty("domain");
    expect(details.url).toBe("http://app.example.com/");
  });

  it("keeps a domain cookie's leading-dot domain", () => {
    expect(restoreDetails(cookie({ domain: ".example.com", hostOnly: false })).domain).toBe(".example.com");
  });

  it("keeps a session cookie a session cookie, and an expiry to the fraction of a second", () => {
    expect(restoreDetails(cookie({ session: true, expirationDate: undefined }))).not.toHaveProperty("expirationDate");
    expect(restoreDetails(cookie({})).expirationDate).toBe(1795780800.5);
  });

  it("restores a __Host- cookie over https, host-only, on /", () => {
    const details = restoreDetails(cookie({ name: "__Host-sid", secure: true, path: "/" }));
    expect(details).toMatchObject({ url: "https://app.example.com/", secure: true, path: "/" });
    expect(details).not.toHaveProperty("domain");
  });

  it("carries a partitioned cookie's partition key", () => {
    const partitionKey = { topLevelSite: "https://news.example", hasCrossSiteAncestor: false };
    expect(restoreDetails(cookie({ secure: true, sameSite: "no_restriction", partitionKey })).partitionKey).toEqual(partitionKey);
  });
});

describe("cookie helpers", () => {
  it("builds the cookie's URL from its domain, path and Secure flag", () => {
    expect(cookieUrl({ domain: ".example.com", path: "/app", secure: true })).toBe("https://example.com/app");
  });

  it("counts hosts", () => {
    expect(hostsOf([{ domain: ".example.com" }, { domain: "example.com" }, { domain: "app.example.com" }])).toEqual(["app.example.com", "example.com"]);
  });

  it("picks the narrower duplicates as stale and keeps the site-wide one", () => {
    const wide = cookie({ domain: ".example.com", hostOnly: false, path: "/" });
    const narrowPath = cookie({ path: "/app" });
    const hostOnly = cookie({ path: "/" });
    const other = cookie({ name: "theme" });
    expect(staleDuplicates([narrowPath, wide, hostOnly, other], ["sid"])).toEqual([narrowPath, hostOnly]);
    expect(staleDuplicates([wide, other], ["sid"])).toEqual([]);
  });
});
