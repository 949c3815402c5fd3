import { describe, expect, it } from "vitest";
import { parseSetCookie } from "./set-cookie";

const NOW = Date.parse("Sun, 22 Nov 2026 12:00:00 GMT");

describe("parseSetCookie", () => {
  it.each([
    // RFC 6265 §3.1 examples
    ["SID=31d4d96e407aad42; Path=/; Domain=example.com", { name: "SID", domain: "example.com", path: "/", secure: false, sameSite: null, clears: false, rejected: null }],
    ["SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", { name: "SID", domain: null, path: "/", secure: true, sameSite: null, clears: false, rejected: null }],
    ["lang=en-US; Expires=Wed, 09 Jun 2021 10:18:14 GMT", { name: "lang", domain: null, path: null, secure: false, sameSite: null, clears: true, rejected: null }],
    ["lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT", { name: "lang", domain: null, path: null, secure: false, sameSite: null, clears: true, rejected: null }],
    // Express res.clearCookie("connect.sid"): an Expires in 1970 and no Max-Age
    ["connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT", { name: "connect.sid", domain: null, path: "/", secure: false, sameSite: null, clears: true, rejected: null }],
    // Django response.delete_cookie("sessionid"): Max-Age=0 and an old Expires
    ['sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax', { name: "sessionid", domain: null, path: "/", secure: false, sameSite: "lax", clears: true, rejected: null }],
    // A leading dot in Domain is ignored (RFC 6265 §5.2.3)
    ["_session_id=abc; domain=.Example.COM; path=/app; HttpOnly", { name: "_session_id", domain: "example.com", path: "/app", secure: false, sameSite: null, clears: false, rejected: null }],
    // Max-Age wins over Expires (§5.3 step 3)
    ["a=b; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:00 GMT", { name: "a", domain: null, path: null, secure: false, sameSite: null, clears: false, rejected: null }],
  ])("%s", (header, expected) => {
    expect(parseSetCookie(header, NOW)).toEqual(expected);
  });

  it("ignores a header with no cookie name, and never returns the value", () => {
    expect(parseSetCookie("=value-without-name", NOW)).toBeNull();
    expect(parseSetCookie("justtext", NOW)).toBeNull();
    expect(JSON.stringify(parseSetCookie("sid=SECRET-VALUE; Path=/", NOW))).not.toContain("SECRET-VALUE");
  });

  it.each([
    // Chrome refuses SameSite=None without Secure ("This Set-Cookie was blocked because it had the SameSite=None attribute but did not have the Secure attribute").
    ["widget_session=abc; Path=/; SameSite=None; HttpOnly", "https://api.widget.example/", "samesite-none-insecure"],
    ["sid=abc; Secure; Path=/", "http://app.example.com/", "secure-over-http"],
    ["sid=abc; Secure; Path=/", "http://localhost:3000/", null],
    ["__Host-sid=abc; Secure; Path=/; Domain=example.com", "https://app.example.com/", "host-prefix"],
    ["__Host-sid=abc; Secure; Path=/", "https://app.example.com/", null],
    ["__Secure-sid=abc; Path=/", "https://app.example.com/", "secure-prefix"],
    ["sid=abc; Domain=other.org", "https://app.example.com/", "domain-mismatch"],
    ["sid=abc; Domain=example.com", "https://app.example.com/", null],
    ["sid=abc; SameSite=None; Secure", "https://app.example.com/", null],
  ])("%s from %s is rejected for %s", (header, url, reason) => {
    expect(parseSetCookie(header, NOW, url)?.rejected).toBe(reason);
  });

  it("treats an unreadable Expires as no expiry", () => {
    expect(parseSetCookie("a=b; Expires=someday", NOW)?.clears).toBe(false);
  });
});
