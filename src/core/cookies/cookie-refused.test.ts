import { describe, expect, it } from "vitest";
import { CHROME_DEFAULT, headers, makeEvidence, makeResponse } from "../../test/builders";
import { diagnose } from "../../test/diagnose";
import type { JarCookie } from "./cookie-jar";
import { gatherEvidence } from "../diagnosis/evidence";
import { withJarEvidence } from "./jar-evidence";
import { parseSetCookie } from "./set-cookie";
import { lastRefusedCookie, lastSessionEnding, type SessionCookieEvent } from "../sign-in/session-cookies";
import { ruledOutFixes } from "../../test/ruled-out";

const T = Date.parse("2026-11-22T12:00:00Z");
const jarCookie = (overrides: Partial<JarCookie> = {}): JarCookie => ({ name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", secure: false, httpOnly: true, sameSite: "lax", session: true, partitioned: false, ...overrides });
/** A page's call as Chrome shows it by default, its cookies presumed from `jar`. */
const chromeCall = (jar: JarCookie[], overrides: Parameters<typeof makeEvidence>[0] = {}) =>
  withJarEvidence(makeEvidence({ timeStamp: T, url: "http://app.example.com/api/me", statusCode: 401, type: "xmlhttprequest", responseHeaders: headers(["Content-Type", "application/json"]), ...overrides }, headers(["Accept", "application/json"]), CHROME_DEFAULT), jar, []);
const refusedEvent = (overrides: Partial<SessionCookieEvent> = {}): SessionCookieEvent => ({ name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", removed: false, cause: "refused", time: T - 60_000, expiredAt: null, refused: "secure-over-http", ...overrides });

describe("Set-Cookie the browser will not store", () => {
  it("is too large past 4 KB of name and value (cookie-session's whole session in a cookie)", () => {
    expect(parseSetCookie(`session=${"a".repeat(4200)}; path=/; httponly`, T)?.rejected).toBe("too-large");
    expect(parseSetCookie(`session.sig=${"b".repeat(27)}; path=/; httponly`, T)?.rejected).toBeNull();
    expect(parseSetCookie(`s=${"a".repeat(4094)}`, T)?.rejected).toBeNull();
  });
});

describe("the session timeline's refused cookies", () => {
  it("name the last sign-in cookie for the host the browser refused, until the site sets one of that name", () => {
    expect(lastRefusedCookie([refusedEvent()], "http://app.example.com/api/me", T)).toEqual({ name: "sessionid", reason: "secure-over-http", time: T - 60_000 });
    const setLater = { ...refusedEvent(), cause: "explicit", time: T - 30_000 };
    delete (setLater as Partial<SessionCookieEvent>).refused;
    expect(lastRefusedCookie([refusedEvent(), setLater], "http://app.example.com/api/me", T)).toBeNull();
    expect(lastRefusedCookie([refusedEvent()], "http://other.example.com/", T)).toBeNull();
    // Long ago: another sign-in since, perhaps elsewhere.
    expect(lastRefusedCookie([refusedEvent({ time: T - 3 * 3_600_000 })], "http://app.example.com/", T)).toBeNull();
  });

  it("are no session that ended", () => {
    expect(lastSessionEnding([refusedEvent()], "http://app.example.com/api/me", T)).toBeNull();
  });
});

describe("a sign-in cookie the browser refused or keeps apart", () => {
  it("refused when set (Secure over http): named with the reason, never 'sign in again', and the https address suggested", () => {
    const e = { ...chromeCall([]), refusedCookie: { name: "sessionid", reason: "secure-over-http" as const, time: T - 60_000 } };
    const d = diagnose(e);
    expect(d).toMatchObject({ cause: "cookies-blocked", confidence: 0.85, fixes: ["copy-report"] });
    expect(d.summary).toContain("refused the sign-in cookie \"sessionid\"");
    expect(d.explanation).toContain("https://");
    expect(d.evidence.map((r) => r.meaning).join(" ")).toContain("Secure cookie cannot be set over plain http");
  });

  it("a sign-in on http that left no cookie (Set-Cookie hidden): said at 50%, pointing to Look closer", () => {
    const e = { ...chromeCall([]), refusedCookie: { name: "", reason: "not-kept" as const, time: T - 60_000 } };
    const d = diagnose(e);
    expect(d).toMatchObject({ cause: "cookies-blocked", confidence: 0.5, fixes: ["copy-report"] });
    expect(d.evidence[0]?.meaning).toContain("Look closer");
    // A sign-in cookie there after all: not this.
    expect(diagnose({ ...chromeCall([jarCookie()]), refusedCookie: e.refusedCookie }).cause).not.toBe("cookies-blocked");
  });

  it("even when the site sends the browser back to its sign-in page (a loop)", () => {
    const e = { ...chromeCall([], { type: "main_frame", url: "http://app.example.com/dashboard" }), repeats: 3, refusedCookie: { name: "sessionid", reason: "secure-over-http" as const, time: T - 60_000 } };
    expect(diagnose(e)).toMatchObject({ cause: "cookies-blocked", fixes: ["copy-report"] });
  });

  it("is not blamed once a sign-in cookie of that name went with the request", () => {
    const e = { ...chromeCall([jarCookie()]), refusedCookie: { name: "sessionid", reason: "secure-over-http" as const, time: T - 60_000 } };
    expect(diagnose(e).cause).not.toBe("cookies-blocked");
  });

  it("dropped for its size: only the signature cookie (session.sig) is in the jar", () => {
    const d = diagnose(chromeCall([jarCookie({ name: "session.sig" })]));
    expect(d).toMatchObject({ cause: "cookies-blocked", confidence: 0.7, fixes: ["copy-report"] });
    expect(d.summary).toContain("\"session\"");
    expect(d.evidence[0]?.meaning).toContain("4 KB");
    // Both there: an ordinary session that the site refused.
    expect(diagnose(chromeCall([jarCookie({ name: "session" }), jarCookie({ name: "session.sig" })])).cause).not.toBe("cookies-blocked");
  });

  it("kept in the site's own tab's partition (CHIPS) while it is framed in another site's page: open it in its own tab", () => {
    const evidence = gatherEvidence(makeResponse({ url: "https://widget.example.com/api/me", type: "xmlhttprequest", statusCode: 401, responseHeaders: [], timeStamp: T }), { request: [], cookie: false, setCookie: false }, "https://www.partner.example/portal");
    const jar = [jarCookie({ domain: "widget.example.com", partitioned: true, elsewhere: true, secure: true, sameSite: "no_restriction" })];
    const e = withJarEvidence(evidence, jar, []);
    expect(e.jar?.applicable).toEqual([]);
    expect(e.jar?.keptApart).toEqual(["sessionid"]);
    const d = diagnose(e);
    expect(d).toMatchObject({ cause: "cookies-blocked", confidence: 0.8, fixes: ["open-own-tab", "copy-report"] });
    expect(d.summary).toContain("its own tab");
    expect(ruledOutFixes(`${d.summary} ${d.explanation}`, d.fixes)).toEqual([]);
  });

  it("kept by its Path for another part of the site: named, at 60%, with a report first", () => {
    const d = diagnose(chromeCall([jarCookie({ path: "/admin" }), jarCookie({ name: "theme" })]));
    expect(d).toMatchObject({ cause: "cookies-blocked", confidence: 0.6, fixes: ["copy-report", "sign-in"] });
    expect(d.summary).toContain("/admin");
    expect(ruledOutFixes(`${d.summary} ${d.explanation}`, d.fixes)).toEqual([]);
    // A sign-in cookie for this path too: not this.
    expect(diagnose(chromeCall([jarCookie({ path: "/admin" }), jarCookie({ name: "sid" })])).cause).not.toBe("cookies-blocked");
  });

  it("says nothing of cookies for a request that carried a token", () => {
    const e = withJarEvidence(makeEvidence({ timeStamp: T, url: "http://app.example.com/api/me", statusCode: 401, type: "xmlhttprequest", responseHeaders: [] }, headers(["Authorization", "Bearer abc.def"]), CHROME_DEFAULT), [jarCookie({ path: "/admin" })], []);
    expect(diagnose(e).cause).not.toBe("cookies-blocked");
  });
});
