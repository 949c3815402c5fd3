import { describe, expect, it } from "vitest";
import { CHROME_DEFAULT, headers, makeEvidence } from "../../test/builders";
import { diagnose } from "../../test/diagnose";
import type { JarCookie } from "./cookie-jar";
import { gatherEvidence } from "../diagnosis/evidence";
import { withJarEvidence, type CookieChange } from "./jar-evidence";
import { makeResponse } from "../../test/builders";

/** The evidence fields a frame of widget.example.com embedded by partner.example gets. */
const gatherEmbedded = () => {
  const { embeddedIn } = gatherEvidence(makeResponse({ url: "https://widget.example.com/api/me", type: "xmlhttprequest" }), { request: [], cookie: false, setCookie: false }, "https://www.partner.example/portal");
  return { embeddedIn };
};

const T = Date.parse("2026-11-22T12:00:00Z");
const jarCookie = (overrides: Partial<JarCookie> = {}): JarCookie => ({
  name: "sessionid",
  domain: "app.example.com",
  hostOnly: true,
  path: "/",
  secure: false,
  httpOnly: true,
  sameSite: "lax",
  session: false,
  partitioned: false,
  ...overrides,
});
const change = (overrides: Partial<CookieChange> = {}): CookieChange => ({ ...jarCookie(), removed: true, cause: "expired_overwrite", time: T + 40, ...overrides });
/** A failure whose request headers AuthLens did not see at all (the request began before the worker listened). */
const unseen = (overrides: Parameters<typeof makeEvidence>[0] = {}) => makeEvidence({ timeStamp: T, ...overrides }, null);
/** A failure as Chrome shows it by default: request headers without Cookie, no Set-Cookie. */
const chrome = (overrides: Parameters<typeof makeEvidence>[0] = {}, sent = headers(["Accept", "application/json"])) => makeEvidence({ timeStamp: T, ...overrides }, sent, CHROME_DEFAULT);

describe("withJarEvidence, request headers not watched", () => {
  it("presumes the jar's cookies for the address were sent, by the browser's rules", () => {
    const jar = [jarCookie({ name: "connect.sid" }), jarCookie({ name: "theme", path: "/settings" }), jarCookie({ name: "tracker", domain: "other.example" })];
    const e = withJarEvidence(unseen(), jar, []);
    expect(e.sent).toMatchObject({ seen: false, cookieNames: ["connect.sid"], cookiesFrom: "jar" });
    expect(e.jar?.presumed).toBe(true);
    // Express + express-session after the store forgot the session: a bare 401.
    const d = diagnose(e);
    expect(d.cause).toBe("session-expired");
    expect(d.evidence[0]?.seen).toBe("Cookies in the jar for this address (connect.sid), answered 401");
  });

  it("sees a session cookie the 401 deleted (Django's delete_cookie) in the jar's changes, and counts it as sent", () => {
    // The jar read after the response no longer holds sessionid; cookies.onChanged said it was overwritten expired.
    const e = withJarEvidence(unseen({ responseHeaders: headers(["Vary", "Cookie"], ["Content-Type", "application/json"]) }), [jarCookie({ name: "csrftoken", httpOnly: false })], [change()]);
    expect(e.sent.cookieNames).toEqual(["csrftoken", "sessionid"]);
    expect(e.response.setCookiesFrom).toBe("jar-changes");
    expect(e.response.setCookies).toEqual([{ name: "sessionid", domain: null, path: "/", secure: false, sameSite: "lax", clears: true, rejected: null }]);
    const d = diagnose(e);
    expect(d.cause).toBe("session-expired");
    expect(d.confidence).toBe(0.85);
    expect(d.evidence[0]?.seen).toBe("sessionid deleted from the cookie jar as the answer arrived");
  });

  it("does not count a cookie heard after the response as sent, but keeps one the page set just before", () => {
    // express-session with saveUninitialized: a fresh cookie on the 401 itself, none before.
    const fresh = jarCookie({ name: "connect.sid" });
    const e = withJarEvidence(unseen(), [fresh], [change({ name: "connect.sid", removed: false, cause: "explicit", time: T + 30 })]);
    expect(e.sent.cookieNames).toEqual([]);
    expect(e.response.setCookies.map((c) => [c.name, c.clears])).toEqual([["connect.sid", false]]);
    expect(diagnose(e).cause).toBe("missing-credentials");
    // The page's own response set the session 200 ms before its fetch was refused.
    const earlier = withJarEvidence(unseen(), [fresh], [change({ name: "connect.sid", removed: false, cause: "explicit", time: T - 200 })]);
    expect(earlier.sent.cookieNames).toEqual(["connect.sid"]);
  });

  it("where it saw the request go out, counts a cookie set before it as sent and one set after as the response's", () => {
    const sentAt = T - 300;
    // Signed in 130 ms before the page was asked for; the redirect to sign in then re-set the cookie (a flashed message).
    const signedIn = change({ removed: false, cause: "explicit", time: sentAt - 130 });
    const overwritten = change({ removed: true, cause: "overwrite", time: T - 1 });
    const reset = change({ removed: false, cause: "explicit", time: T + 2 });
    const e = withJarEvidence({ ...chrome({ type: "main_frame" }), sentAt }, [jarCookie()], [signedIn, overwritten, reset]);
    expect(e.sent.cookieNames).toEqual(["sessionid"]);
    // A cookie that first appeared after the request went out did not go with it.
    const later = withJarEvidence({ ...chrome(), sentAt }, [jarCookie()], [change({ removed: false, cause: "explicit", time: sentAt + 50 })]);
    expect(later.sent.cookieNames).toEqual([]);
  });

  it("keeps the old cookie of an overwrite as the one sent, and reports only the new one as set", () => {
    const e = withJarEvidence(unseen(), [jarCookie({ path: "/" })], [change({ cause: "overwrite", time: T + 10 }), change({ removed: false, cause: "explicit", time: T + 11 })]);
    expect(e.sent.cookieNames).toEqual(["sessionid"]);
    expect(e.response.setCookies).toHaveLength(1);
    expect(e.response.setCookies[0]?.clears).toBe(false);
  });

  it("ignores changes long before the response, to other addresses, and cookies that merely expired", () => {
    const changes = [change({ time: T - 60_000 }), change({ domain: "elsewhere.example" }), change({ cause: "expired" }), change({ path: "/admin" })];
    const e = withJarEvidence(unseen(), [], changes);
    expect(e.sent.cookieNames).toEqual([]);
    expect(e.response.setCookies).toEqual([]);
  });

  it("presumes no cookie the browser's SameSite rule keeps off a cross-site fetch, and calls it withheld", () => {
    const e = withJarEvidence(unseen({ url: "https://accounts.sso.example/session", initiator: "https://app.client.example" }), [jarCookie({ name: "sso", domain: "accounts.sso.example" })], []);
    expect(e.sent.cookieNames).toEqual([]);
    expect(e.jar?.applicable[0]?.withheld).toBe("samesite");
    expect(diagnose(e).cause).toBe("cookies-blocked");
  });

  it("does not claim third-party blocking it cannot see: a cross-site SameSite=None cookie is presumed sent", () => {
    const e = withJarEvidence(unseen({ url: "https://api.widget.example/me", initiator: "https://news.example" }), [jarCookie({ name: "w", domain: "api.widget.example", sameSite: "no_restriction", secure: true })], []);
    expect(e.sent.cookieNames).toEqual(["w"]);
    expect(e.jar?.applicable[0]?.withheld).toBeNull();
  });

  it("finds two cookies of one name as the browser would send them", () => {
    const jar = [jarCookie({ name: "_session_id", path: "/app" }), jarCookie({ name: "_session_id", domain: ".example.com", hostOnly: false })];
    const e = withJarEvidence(unseen({ url: "https://app.example.com/app/api/me" }), jar, []);
    expect(e.sent.cookieNames).toEqual(["_session_id", "_session_id"]);
    const d = diagnose(e);
    expect(d.cause).toBe("stale-cookie");
    expect(d.summary).toContain("holds two");
  });

  it("without a readable jar, claims nothing about cookies", () => {
    const e = withJarEvidence(unseen(), null, [change()]);
    expect(e.jar).toBeNull();
    expect(e.sent.cookieNames).toEqual([]);
  });
});

describe("withJarEvidence, request headers seen (looking closer)", () => {
  it("takes the Cookie header's names and the Set-Cookie headers as they are", () => {
    const e = withJarEvidence(makeEvidence({ timeStamp: T, responseHeaders: headers(["Set-Cookie", "sessionid=; Max-Age=0; Path=/"]) }, headers(["Cookie", "sessionid=x"])), [jarCookie({ name: "other" })], [change({ name: "ignored" })]);
    expect(e.sent).toMatchObject({ seen: true, cookieNames: ["sessionid"], cookiesFrom: "header" });
    expect(e.response.setCookies.map((c) => c.name)).toEqual(["sessionid"]);
    expect(e.jar?.presumed).toBe(false);
    expect(e.jar?.applicable[0]).toMatchObject({ name: "other", sent: false, withheld: "not-sent" });
  });
});

describe("withJarEvidence, as Chrome shows a request by default (headers without Cookie)", () => {
  const spa = { url: "https://api.example.com/v1/me", initiator: "https://app.example.com" };
  const apiCookie = jarCookie({ name: "sessionid", domain: ".example.com", hostOnly: false });

  it("reads the Authorization it saw and presumes the cookies from the jar", () => {
    const e = withJarEvidence(chrome({}, headers(["Authorization", "Basic YWxpY2U6d3Jvbmc="])), [jarCookie()], []);
    expect(e.sent).toMatchObject({ seen: true, cookiesFrom: "jar", cookieNames: ["sessionid"], authorizationScheme: "Basic" });
    expect(e.sent.cookiesUncertain).toBeUndefined();
    // Refused without asking again: the account, or the password, was refused (not surer than 50%).
    expect(diagnose(e)).toMatchObject({ cause: "insufficient-permissions", confidence: 0.5 });
  });

  it("says nothing identified the request only as far as it saw: no cookie in the jar, and no Authorization", () => {
    const d = diagnose(withJarEvidence(chrome({ responseHeaders: headers(["WWW-Authenticate", 'Bearer realm="api"']) }), [], []));
    expect(d.cause).toBe("missing-credentials");
    expect(d.confidence).toBe(0.75);
    expect(d.evidence.map((i) => i.seen)).toContain("No cookies for this address in the jar, and no Authorization header");
  });

  it.each(["Basic realm=\"intranet\"", "Digest realm=\"staff\", nonce=\"abc\"", "Negotiate", "NTLM"])(
    "a %s challenge the browser answers itself, from its prompt, unseen: missing credentials at 50%% at most, saying a typed password may have been refused",
    (challenge) => {
      const d = diagnose(withJarEvidence(chrome({ type: "main_frame", responseHeaders: headers(["WWW-Authenticate", challenge]) }), [], []));
      expect(d.cause).toBe("missing-credentials");
      expect(d.confidence).toBeLessThanOrEqual(0.5);
      expect(d.summary).toMatch(/If you typed them into your browser's sign-in prompt, they were not accepted/);
    },
  );

  it("an empty jar with no challenge is missing credentials at 50%: a cookie the browser refused to store would look the same", () => {
    const d = diagnose(withJarEvidence(chrome(), [], []));
    expect(d.cause).toBe("missing-credentials");
    expect(d.confidence).toBe(0.5);
    expect(d.evidence.map((i) => i.meaning).join(" ")).toMatch(/may have refused the site's cookie/);
  });

  it("a cross-origin call answered without Access-Control-Allow-Credentials carried no cookies: a 403 is a missing sign-in, not a missing permission", () => {
    // A page's fetch to its API without credentials: "include"; django-cors-headers without CORS_ALLOW_CREDENTIALS.
    const answer = headers(["Access-Control-Allow-Origin", "https://app.example.com"], ["Content-Type", "application/json"], ["Vary", "Accept, Cookie, Origin"]);
    const e = withJarEvidence(chrome({ ...spa, statusCode: 403, responseHeaders: answer }), [apiCookie], []);
    expect(e.sent.cookieNames).toEqual([]);
    expect(e.jar?.applicable[0]).toMatchObject({ name: "sessionid", sent: false, withheld: "credentials-omitted" });
    const d = diagnose(e);
    expect(d.cause).toBe("missing-credentials");
    expect(d.evidence.map((i) => i.seen).join("\n")).toContain("answered without Access-Control-Allow-Credentials");
    // Not "cookies blocked": the page did not ask for them.
    expect(diagnose(withJarEvidence(chrome({ ...spa, statusCode: 401, responseHeaders: answer }), [apiCookie], [])).cause).toBe("missing-credentials");
  });

  it("a cross-origin call whose answer allows credentials may or may not have carried cookies: it says so, below 50%", () => {
    const answer = headers(["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Credentials", "true"]);
    const e = withJarEvidence(chrome({ ...spa, statusCode: 403, responseHeaders: answer }), [apiCookie], []);
    expect(e.sent).toMatchObject({ cookieNames: ["sessionid"], cookiesUncertain: true });
    for (const statusCode of [401, 403]) {
      const d = diagnose(withJarEvidence(chrome({ ...spa, statusCode, responseHeaders: answer }), [apiCookie], []));
      expect(d.cause).toBe("missing-credentials");
      expect(d.confidence).toBeLessThanOrEqual(0.5);
      expect(d.summary).toMatch(/may not have carried/);
    }
  });

  it("a cross-origin call whose answer deleted the session cookie still ended a session", () => {
    const answer = headers(["Access-Control-Allow-Origin", "https://app.example.com"], ["Access-Control-Allow-Credentials", "true"]);
    const d = diagnose(withJarEvidence(chrome({ ...spa, responseHeaders: answer }), [], [change({ domain: ".example.com", hostOnly: false })]));
    expect(d.cause).toBe("session-expired");
    expect(d.confidence).toBe(0.75);
  });
});

describe("withJarEvidence, a frame another site embeds", () => {
  it("judges the frame's own-origin calls as cross-site for cookies: a SameSite=Lax session is withheld, not ended", () => {
    const inFrame = makeEvidence({ timeStamp: T, url: "https://widget.example.com/api/me", initiator: "https://widget.example.com", statusCode: 403 }, headers(["Accept", "*/*"]), CHROME_DEFAULT);
    const embedded = { ...inFrame, ...gatherEmbedded() };
    const e = withJarEvidence(embedded, [jarCookie({ name: "csrftoken", domain: "widget.example.com", sameSite: "lax" }), jarCookie({ domain: "widget.example.com", sameSite: "lax" })], []);
    expect(e.embeddedIn).toBe("partner.example");
    expect(e.jar?.applicable.map((c) => [c.name, c.sent, c.withheld])).toEqual([["csrftoken", false, "samesite"], ["sessionid", false, "samesite"]]);
    const d = diagnose(e);
    expect(d.cause).toBe("cookies-blocked");
    // The session cookie is named, and the advice is what helps inside another site's page.
    expect(d.summary).toContain('"sessionid"');
    expect(d.explanation).toContain("Open widget.example.com in a tab of its own");
    expect(d.evidence.map((i) => i.seen)).toContain("Made in a frame that partner.example, another site, embeds");
  });

  it("leaves a page's own requests, and frames of its own site, as they are", () => {
    const ownFrame = makeEvidence({ timeStamp: T, url: "https://widget.example.com/api/me", initiator: "https://widget.example.com" }, headers(["Accept", "*/*"]), CHROME_DEFAULT);
    expect(ownFrame.embeddedIn).toBeNull();
  });
});

describe("classify, request headers not watched", () => {
  it("names missing credentials less surely, and says what it did not see", () => {
    const e = withJarEvidence(unseen({ responseHeaders: headers(["WWW-Authenticate", 'Bearer realm="api"']) }), [], []);
    const d = diagnose(e);
    expect(d.cause).toBe("missing-credentials");
    expect(d.confidence).toBe(0.65);
    expect(d.evidence.map((i) => i.seen)).toContain("No cookies for this address in the jar; request headers not seen");
    expect(d.evidence.map((i) => i.seen)).toContain("Request headers not seen");
    expect(d.explanation).not.toMatch(/carried no sign-in details/);
  });

  it("still reads an expired token from the server's own words (RFC 6750 error)", () => {
    // ASP.NET Core JwtBearer's challenge for an expired token.
    const e = unseen({ responseHeaders: headers(["WWW-Authenticate", `Bearer error="invalid_token", error_description="The token expired at '11/22/2026 11:00:00'"`]) });
    expect(diagnose(withJarEvidence(e, [], [])).cause).toBe("token-expired");
  });
});
