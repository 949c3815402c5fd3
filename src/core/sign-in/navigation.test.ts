import { describe, expect, it } from "vitest";
import { describeAddress, finishedSignIn, judgeNavigation, sessionEndedMarker, type Hop, type Navigation } from "./navigation";

const T = Date.parse("2026-12-01T10:00:00Z");
const nav = (requested: string, hops: [string, number][], landing: string | null, overrides: Partial<Navigation> = {}): Navigation => {
  const chain: Hop[] = [];
  let from = requested;
  for (const [to, status] of hops) {
    chain.push({ from, to, status });
    from = to;
  }
  return { requested, hops: chain, landing, qualifiers: hops.length ? ["server_redirect"] : [], previous: null, time: T, error: null, ...overrides };
};

describe("judgeNavigation: sign-in redirects", () => {
  it("Django's login_required: a page answered with 302 to the login page", () => {
    const r = judgeNavigation(nav("http://notes.test/notes/", [["http://notes.test/accounts/login/?next=/notes/", 302]], "http://notes.test/accounts/login/?next=/notes/"));
    expect(r).toEqual({ by: "server", requested: "http://notes.test/notes/", status: 302, chain: ["notes.test/notes/", "notes.test/accounts/login/?next"], signIn: { host: "notes.test", kind: "path", returnParam: "next" }, oauthError: null, loop: null });
  });

  it("an app that sends the person to its identity provider, which shows its sign-in page", () => {
    const authorize = "http://id.test/auth?client_id=notes&redirect_uri=http%3A%2F%2Fapp.test%2Fcallback&response_type=code&scope=openid&state=s3cr3t&nonce=n0nce";
    const r = judgeNavigation(nav("http://app.test/dashboard", [[authorize, 302], ["http://id.test/interaction/abc", 303]], "http://id.test/interaction/abc"));
    expect(r?.signIn).toEqual({ host: "id.test", kind: "openid", returnParam: "redirect_uri" });
    expect(r?.chain).toEqual(["app.test/dashboard", "id.test/auth?client_id&redirect_uri&response_type&scope&state&nonce", "id.test/interaction/abc"]);
    // Query values never appear.
    expect(JSON.stringify(r)).not.toMatch(/s3cr3t|n0nce/);
  });

  it("a page that sends the person to sign in by script right after it loaded", () => {
    const previous = { url: "http://spa.test/app", time: T - 400 };
    const r = judgeNavigation(nav("http://spa.test/login?returnTo=%2Fapp", [], "http://spa.test/login?returnTo=%2Fapp", { qualifiers: ["client_redirect"], previous }));
    expect(r).toMatchObject({ by: "client", requested: "http://spa.test/app", status: 0, signIn: { host: "spa.test", returnParam: "returnTo" } });
    // Not when the person waited, nor when the page they left was the sign-in itself.
    expect(judgeNavigation(nav("http://spa.test/login", [], "http://spa.test/login", { qualifiers: ["client_redirect"], previous: { ...previous, time: T - 60_000 } }))).toBeNull();
    expect(judgeNavigation(nav("http://spa.test/login", [], "http://spa.test/login", { qualifiers: ["client_redirect"], previous: { url: "http://spa.test/logout", time: T - 100 } }))).toBeNull();
  });
});

describe("an app's own 'your session ended' navigation", () => {
  it("Roundcube's script sending the tab to ?_task=login&_err=session long after the page loaded is a client sign-in redirect that says so", () => {
    const previous = { url: "http://mail.test/?_task=mail&_mbox=INBOX", time: T - 20 * 60_000 };
    const r = judgeNavigation(nav("http://mail.test/?_task=login&_err=session", [], "http://mail.test/?_task=login&_err=session", { previous }));
    expect(r).toMatchObject({ by: "client", requested: previous.url, sessionEnded: "_err=session" });
  });

  it("reads the usual spellings, and nothing else", () => {
    expect(["http://a.test/login?reason=timeout", "http://a.test/login?expired", "http://a.test/signin?session_expired=1", "http://a.test/login?error=session_expired&next=%2F", "http://a.test/login?msg=inactivity"].map(sessionEndedMarker)).toEqual(["reason=timeout", "expired", "session_expired", "error=session_expired", "msg=inactivity"]);
    expect(["http://a.test/login?next=%2Fexpired", "http://a.test/login?error=1", "http://a.test/login?expired=0", "http://a.test/login", "not a url"].map(sessionEndedMarker)).toEqual([null, null, null, null, null]);
  });

  it("a sign-in page with such an address that the person opens from another site, or without a page before, is no redirect", () => {
    expect(judgeNavigation(nav("http://a.test/login?reason=timeout", [], "http://a.test/login?reason=timeout"))).toBeNull();
    expect(judgeNavigation(nav("http://a.test/login?reason=timeout", [], "http://a.test/login?reason=timeout", { previous: { url: "http://mail.other.test/", time: T - 5_000 } }))).toBeNull();
  });
});

describe("judgeNavigation: no false alarms", () => {
  it.each<[string, Navigation]>([
    ["opening the sign-in page", nav("http://notes.test/accounts/login/", [], "http://notes.test/accounts/login/", { qualifiers: ["from_address_bar"] })],
    ["a trailing slash (Django's APPEND_SLASH)", nav("http://notes.test/notes", [["http://notes.test/notes/", 301]], "http://notes.test/notes/")],
    ["a locale", nav("http://shop.test/", [["http://shop.test/en/", 302]], "http://shop.test/en/")],
    ["a canonical host", nav("http://shop.test/about", [["http://www.shop.test/about", 301]], "http://www.shop.test/about")],
    ["post, redirect, get", nav("http://notes.test/feedback", [["http://notes.test/thanks", 303]], "http://notes.test/thanks")],
    ["signing out", nav("http://notes.test/logout", [["http://notes.test/login", 302]], "http://notes.test/login")],
    ["Sign in with …", nav("http://app.test/login", [["http://id.test/auth?client_id=a&response_type=code&redirect_uri=x&scope=openid", 302], ["http://id.test/interaction/u", 303]], "http://id.test/interaction/u")],
    [
      "a silent check (prompt=none) the app absorbs",
      nav("http://app.test/page", [["http://id.test/auth?client_id=a&response_type=code&redirect_uri=x&scope=openid&prompt=none", 302], ["http://app.test/callback?error=login_required&state=s", 303], ["http://app.test/page", 302]], "http://app.test/page"),
    ],
    ["a successful sign-in coming back", nav("http://id.test/interaction/u/login", [["http://id.test/auth/u", 303], ["http://app.test/callback?code=c&state=s", 303], ["http://app.test/dashboard", 302]], "http://app.test/dashboard")],
    ["a redirect loop with no sign-in in it (http ↔ https)", nav("http://a.test/", [["https://a.test/", 301], ["http://a.test/", 301]], null, { error: "net::ERR_TOO_MANY_REDIRECTS" })],
  ])("%s", (_, n) => expect(judgeNavigation(n)).toBeNull());
});

describe("judgeNavigation: OAuth/OpenID errors and loops", () => {
  it("an error sent back that leaves the person on the app's error page", () => {
    const r = judgeNavigation(nav("http://id.test/interaction/u/abort", [["http://id.test/auth/u", 303], ["http://app.test/callback?error=access_denied&error_description=End-User%20aborted%20interaction&state=s", 303]], "http://app.test/callback?error=access_denied&error_description=End-User%20aborted%20interaction&state=s"));
    expect(r?.oauthError).toEqual({ error: "access_denied", description: "End-User aborted interaction" });
    expect(r?.requested).toBe("http://app.test/callback?error=access_denied&error_description=End-User%20aborted%20interaction&state=s");
  });

  it("Chrome giving up on a loop between an app and its identity provider", () => {
    const round: [string, number][] = [
      ["http://id.test/auth?client_id=a&response_type=code&redirect_uri=x&scope=openid", 302],
      ["http://app.test/callback?code=c&state=s", 303],
      ["http://app.test/dashboard", 302],
    ];
    const r = judgeNavigation(nav("http://app.test/dashboard", [...round, ...round, ...round], null, { error: "net::ERR_TOO_MANY_REDIRECTS" }));
    expect(r).toMatchObject({ by: "loop", loop: { hosts: ["app.test", "id.test"], redirects: 9 } });
  });
});

describe("finishedSignIn", () => {
  it("a submitted sign-in form or a callback landing on the site's page finishes a sign-in; a redirect to sign in does not", () => {
    expect(finishedSignIn(nav("http://notes.test/accounts/login/?next=/notes/", [["http://notes.test/notes/", 302]], "http://notes.test/notes/"))).toBe(true);
    expect(finishedSignIn(nav("http://app.test/callback?code=c&state=s", [["http://app.test/", 302]], "http://app.test/"))).toBe(true);
    expect(finishedSignIn(nav("http://notes.test/notes/", [["http://notes.test/accounts/login/?next=/notes/", 302]], "http://notes.test/accounts/login/?next=/notes/"))).toBe(false);
    expect(finishedSignIn(nav("http://notes.test/accounts/login/", [], "http://notes.test/accounts/login/"))).toBe(false);
  });
});

describe("describeAddress", () => {
  it("keeps host, path and parameter names; drops values and the fragment", () => {
    expect(describeAddress("https://u:p@id.test:8443/auth?client_id=a&state=SECRET#frag")).toBe("id.test:8443/auth?client_id&state");
  });
});
