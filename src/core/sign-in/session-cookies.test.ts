import { describe, expect, it } from "vitest";
import { lastSessionEnding, looksLikeSession, type SessionCookieEvent } from "./session-cookies";

const T = Date.parse("2026-12-01T10:45:00Z");
const event = (overrides: Partial<SessionCookieEvent>): SessionCookieEvent => ({ name: "sessionid", domain: "notes.test", hostOnly: true, path: "/", removed: true, cause: "expired", time: T - 60_000, expiredAt: T - 180_000, ...overrides });

describe("looksLikeSession", () => {
  it.each(["sessionid", "connect.sid", "PHPSESSID", "JSESSIONID", "_gitlab_session", "laravel_session", ".AspNetCore.Identity.Application", "appSession", "__Host-next-auth.session-token", "remember_user_token", "wordpress_logged_in_abc", "token"])("%s carries a sign-in", (name) =>
    expect(looksLikeSession(name)).toBe(true),
  );
  it.each(["csrftoken", "XSRF-TOKEN", ".AspNetCore.Antiforgery.x", "auth_verification", "oauth_state", "next-auth.csrf-token", "_ga", "theme", "lang"])("%s does not", (name) => expect(looksLikeSession(name)).toBe(false));
});

describe("lastSessionEnding", () => {
  it("says when the session cookie was due to expire, not when the browser noticed", () => {
    expect(lastSessionEnding([event({})], "http://notes.test/notes/", T)).toEqual({ name: "sessionid", how: "expired", time: T - 180_000 });
  });

  it("tells a deletion (by the site, or signing out) from an expiry", () => {
    expect(lastSessionEnding([event({ cause: "explicit", expiredAt: null })], "http://notes.test/", T)).toMatchObject({ how: "deleted", time: T - 60_000 });
    expect(lastSessionEnding([event({ cause: "expired_overwrite", expiredAt: null })], "http://notes.test/", T)).toMatchObject({ how: "deleted" });
  });

  it("forgets an ending followed by a new sign-in, and counts an overwrite as a renewal", () => {
    expect(lastSessionEnding([event({}), event({ removed: false, cause: "explicit", time: T - 30_000 })], "http://notes.test/", T)).toBeNull();
    expect(lastSessionEnding([event({ removed: true, cause: "overwrite", time: T - 30_000 })], "http://notes.test/", T)).toBeNull();
  });

  it("keeps to cookies that apply to the address, that carry a sign-in, from before the failure and not too long ago", () => {
    expect(lastSessionEnding([event({ domain: "other.test" })], "http://notes.test/", T)).toBeNull();
    expect(lastSessionEnding([event({ path: "/admin" })], "http://notes.test/notes/", T)).toBeNull();
    expect(lastSessionEnding([event({ name: "csrftoken" })], "http://notes.test/", T)).toBeNull();
    expect(lastSessionEnding([event({ cause: "explicit", expiredAt: null, time: T + 1000 })], "http://notes.test/", T)).toBeNull();
    // An expiry due before the request, which the browser reported only as the request went out, counts.
    expect(lastSessionEnding([event({ time: T + 1000, expiredAt: T - 2000 })], "http://notes.test/", T)).toMatchObject({ how: "expired", time: T - 2000 });
    expect(lastSessionEnding([event({ time: T - 13 * 3600_000 })], "http://notes.test/", T)).toBeNull();
    expect(lastSessionEnding([event({ cause: "evicted" })], "http://notes.test/", T)).toBeNull();
    expect(lastSessionEnding([event({ domain: ".notes.test", hostOnly: false })], "http://www.notes.test/", T)).not.toBeNull();
  });
});
