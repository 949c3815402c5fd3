import { describe, expect, it } from "vitest";
import { parseSetCookie } from "./set-cookie";

const NOW = Date.parse("Sun, 22 Nov 2026 12:00:00 GMT");

describe("parseSetCookie", () => {
  it.each([
    // RFC 6265 §3.1 examples
    ["SID=31d4d96e407aad42; Path=/; Domain=example.com", { name: "SID", domain: "example.com", path: "/", clears: false }],
    ["SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", { name: "SID", domain: null, path: "/", clears: false }],
    ["lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT", { name: "lang", domain: null, path: null, clears: true }],
    ["lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT", { name: "lang", domain: null, path: null, clears: true }],
    // Express res.clearCookie("connect.sid"): an Expires in 1970 and no Max-Age
    ["connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", { name: "connect.sid", domain: null, path: "/", clears: true }],
    // Django response.delete_cookie("sessionid"): Max-Age=0 and an old Expires
    ['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax', { name: "sessionid", domain: null, path: "/", clears: true }],
    // A leading dot in Domain is ignored (RFC 6265 §5.2.3)
    ["_session_id=abc; domain=.Example.COM; path=/app; HttpOnly", { name: "_session_id", domain: "example.com", path: "/app", clears: false }],
    // Max-Age wins over Expires (§5.3 step 3)
    ["a=b; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT", { name: "a", domain: null, path: null, clears: false }],
  ])("%s", (header, expected) => {
    expect(parseSetCookie(header, NOW)).toEqual(expected);
  });

  it("ignores a header with no cookie name, and never returns the value", () => {
    expect(parseSetCookie("=value-without-name", NOW)).toBeNull();
    expect(parseSetCookie("justtext", NOW)).toBeNull();
    expect(JSON.stringify(parseSetCookie("sid=SECRET-VALUE; Path=/", NOW))).not.toContain("SECRET-VALUE");
  });

  it("treats an unreadable Expires as no expiry", () => {
    expect(parseSetCookie("a=b; Expires=someday", NOW)?.clears).toBe(false);
  });
});
