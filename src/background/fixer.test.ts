import { describe, expect, it } from "vitest";
import { diagnose } from "../test/diagnose";
import type { CookieSnapshot } from "../core/cookies/cookie-snapshot";
import { toFailure } from "../core/failure";
import { appendFailure } from "../core/tab-record";
import { createSettingsStore, DEFAULT_SETTINGS } from "../platform/settings";
import { createTabStore } from "../platform/tab-store";
import { createUndoStore } from "../platform/undo-store";
import { headers, makeCookie, makeEvidence } from "../test/builders";
import { fakeCookies } from "../test/fake-cookies";
import { fakeStorageArea, testSealer } from "../test/fake-storage";
import { createFixer } from "./fixer";
import type { SignInRedirect } from "../core/sign-in/navigation";
import { signInTarget, type KnownSignInPage } from "../core/fixes/sign-in-target";
import type { FixWatch, OwnActionKind } from "../core/fixes/outcome";
import type { CookieKey } from "./own-actions";

const toSignIn = (requested: string, oauth: SignInRedirect["oauthError"] = null): SignInRedirect => ({ by: "server", requested, status: 302, chain: [], signIn: { host: "app.example.com", kind: "path", returnParam: "next" }, oauthError: oauth, loop: null });

const c = (overrides: Partial<CookieSnapshot>): CookieSnapshot => makeCookie({ value: "secret", expirationDate: Date.now() / 1000 + 3600, ...overrides });

const SITE_COOKIES = [
  c({ name: "parent", domain: ".example.com", hostOnly: false }),
  c({ name: "pathy", path: "/app" }),
  c({ name: "locked", domain: "admin.example.com", httpOnly: true, sameSite: "strict" }),
  c({ name: "sess", session: true, expirationDate: undefined }),
  c({ name: "__Host-csrf", secure: true }),
  c({ name: "chip", domain: "widget.example.com", secure: true, sameSite: "no_restriction", partitionKey: { topLevelSite: "https://news.test", hasCrossSiteAncestor: false } }),
];
const OTHER_SITE = [c({ name: "keep", domain: "www.other.org" })];

async function setup({
  jar = [...SITE_COOKIES, ...OTHER_SITE],
  sent = "sid=x",
  reloadAfterFix = true,
  privateAllowed = true,
  redirect = undefined as SignInRedirect | undefined,
  typed = false,
  known = null as KnownSignInPage | null,
  responseHeaders = [] as [string, string][],
} = {}) {
  const tabStore = createTabStore(fakeStorageArea());
  const response = { url: redirect?.requested ?? "https://app.example.com/app/api/me", type: redirect ? "main_frame" : "xmlhttprequest", ...(responseHeaders.length ? { responseHeaders: responseHeaders.map(([name, value]) => ({ name, value })) } : {}) };
  const evidence = { ...makeEvidence(response, headers(["Cookie", sent])), redirect };
  const signIn = signInTarget(evidence, { url: "https://app.example.com/app/", sameSite: true }, known);
  const failure = toFailure("f1", 0, evidence, diagnose(evidence), { signIn });
  await tabStore.update(5, (r) => appendFailure({ ...r, site: "example.com" }, failure));
  const cookies = fakeCookies(jar);
  const reloads: number[] = [];
  const opened: string[] = [];
  const created: { url: string; openerTabId?: number }[] = [];
  const windows: { url: string; incognito: boolean }[] = [];
  const noted: OwnActionKind[] = [];
  const expected: { cookies: readonly CookieKey[]; removed: boolean }[] = [];
  const watches: FixWatch[] = [];
  const sync = fakeStorageArea();
  const settings = createSettingsStore(sync);
  await settings.write({ ...DEFAULT_SETTINGS, reloadAfterFix });
  let n = 0;
  const fixer = createFixer({
    tabStore,
    undo: createUndoStore(fakeStorageArea(), testSealer()),
    cookies,
    tabs: {
      get: async () => ({ url: "https://app.example.com/app/", incognito: false }),
      reload: async (id) => void reloads.push(id),
      update: async (_id, { url }) => void opened.push(url),
      create: async ({ url, openerTabId }) => void created.push({ url, ...(openerTabId !== undefined ? { openerTabId } : {}) }),
    },
    windows: { create: async (d) => void windows.push(d) },
    privateWindowsAllowed: async () => privateAllowed,
    settings,
    newId: () => `undo-${++n}`,
    unsavedInput: async () => typed,
    ownActions: { note: (_tab, kind) => void noted.push(kind), expectCookies: (cookies, removed) => void expected.push({ cookies, removed }) },
    fixWatch: { start: async (w) => void watches.push(w), cancel: async (w) => void watches.splice(watches.indexOf(w), 1) },
    reportText: (f) => `report of ${f.cause} at ${f.url}`,
    openCookieSettings: async () => true,
  });
  return { fixer, cookies, reloads, windows, opened, created, noted, expected, watches, tabStore };
}

const sortKey = (x: CookieSnapshot) => `${x.name}|${x.domain}|${x.path}`;
const sorted = (list: CookieSnapshot[]) => [...list].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));

describe("clear this site's cookies", () => {
  it("removes every cookie of the site, partitioned included, and keeps other sites'", async () => {
    const { fixer, cookies, reloads } = await setup();
    const result = await fixer.apply(5, "f1", "clear-site-cookies");
    expect(cookies.jar()).toEqual(OTHER_SITE);
    expect(result).toMatchObject({ ok: true, message: "Removed 6 cookies from 4 hosts of example.com.", undoId: "undo-1", reloaded: true });
    expect(reloads).toEqual([5]);
  });

  it("undo puts every cookie back exactly, session cookies staying session cookies", async () => {
    const { fixer, cookies } = await setup();
    const before = sorted(cookies.jar());
    const { undoId } = await fixer.apply(5, "f1", "clear-site-cookies");
    const result = await fixer.undo(5, undoId!);
    expect(result).toMatchObject({ ok: true, message: "Put back 6 cookies for example.com." });
    expect(sorted(cookies.jar())).toEqual(before);
    // Undo is spent once used.
    expect((await fixer.undo(5, undoId!)).ok).toBe(false);
  });

  it("says what it could not remove, and why", async () => {
    const { fixer, cookies } = await setup();
    cookies.failRemove.add("locked");
    const result = await fixer.apply(5, "f1", "clear-site-cookies");
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Removed 5 cookies from 4 hosts of example\.com\. Could not remove locked on admin\.example\.com \(Failed to parse/);
  });

  it("does not reload when the setting says not to", async () => {
    const { fixer, reloads } = await setup({ reloadAfterFix: false });
    expect((await fixer.apply(5, "f1", "clear-site-cookies")).reloaded).toBe(false);
    expect(reloads).toEqual([]);
  });

  it("refuses a cookie fix limited to another site (a request from a page), and changes nothing", async () => {
    const { fixer, cookies } = await setup();
    const before = await cookies.getAll({});
    const result = await fixer.apply(5, "f1", "clear-site-cookies", { onlySite: "evil.test" });
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain("only change its own site's cookies");
    expect(await cookies.getAll({})).toEqual(before);
    expect((await fixer.apply(5, "f1", "clear-site-cookies", { onlySite: "example.com" })).ok).toBe(true);
  });

  it("refuses undo from another tab", async () => {
    const { fixer } = await setup();
    const { undoId } = await fixer.apply(5, "f1", "clear-site-cookies");
    expect((await fixer.undo(6, undoId!)).ok).toBe(false);
  });
});

describe("remove the stale cookie", () => {
  it("removes only the shadowing duplicate and keeps the rest of the session", async () => {
    const old = c({ name: "sid", path: "/app", value: "old" });
    const fresh = c({ name: "sid", domain: ".example.com", hostOnly: false, value: "fresh" });
    const { fixer, cookies } = await setup({ jar: [old, fresh, c({ name: "theme" }), ...OTHER_SITE], sent: "sid=old; sid=fresh; theme=dark" });
    const result = await fixer.apply(5, "f1", "remove-stale-cookie");
    expect(result.message).toBe("Removed the stale cookie sid on app.example.com/app; the rest of your session was kept.");
    expect(sorted(cookies.jar()).map((x) => `${x.name}=${x.value}@${x.domain}${x.path}`)).toEqual(["keep=secret@www.other.org/", "sid=fresh@.example.com/", "theme=secret@app.example.com/"]);
    await fixer.undo(5, result.undoId!);
    expect(cookies.jar()).toHaveLength(4);
  });
});

describe("retry in a private window", () => {
  it("opens the tab's page in a new incognito window", async () => {
    const { fixer, windows } = await setup();
    const result = await fixer.apply(5, "f1", "retry-incognito");
    expect(windows).toEqual([{ url: "https://app.example.com/app/", incognito: true }]);
    expect(result.ok).toBe(true);
  });

  it("asks for Firefox's private-window permission instead of failing silently", async () => {
    const { fixer, windows } = await setup({ privateAllowed: false });
    const result = await fixer.apply(5, "f1", "retry-incognito");
    expect(result.ok).toBe(false);
    expect(result.message).toContain("Run in Private Windows");
    expect(windows).toEqual([]);
  });

  it("explains a policy that forbids private windows", async () => {
    const tabStore = createTabStore(fakeStorageArea());
    const evidence = makeEvidence({}, []);
    await tabStore.update(5, (r) => appendFailure(r, toFailure("f1", 0, evidence, diagnose(evidence))));
    const refusing = createFixer({
      tabStore,
      undo: createUndoStore(fakeStorageArea(), testSealer()),
      cookies: fakeCookies(),
      tabs: { get: async () => ({ url: "https://app.example.com/", incognito: false }), reload: async () => undefined, update: async () => undefined, create: async () => undefined },
      windows: { create: () => Promise.reject(new Error("Incognito mode is disabled.")) },
      privateWindowsAllowed: async () => true,
      settings: createSettingsStore(fakeStorageArea()),
      newId: () => "u",
      unsavedInput: async () => false,
      ownActions: { note: () => undefined, expectCookies: () => undefined },
      fixWatch: { start: async () => undefined, cancel: async () => undefined },
      reportText: () => "",
      openCookieSettings: async () => false,
    });
    const result = await refusing.apply(5, "f1", "retry-incognito");
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain("Private windows are turned off");
  });
});

it("says so when the failure is gone", async () => {
  const { fixer } = await setup();
  expect(await fixer.apply(5, "nope", "clear-site-cookies")).toMatchObject({ ok: false, message: expect.stringContaining("no longer recorded") as unknown });
});

describe("sign in", () => {
  it("after a sign-in redirect, opens the page the site sent the person away from, so the site chooses its sign-in page afresh", async () => {
    const { fixer, opened } = await setup({ sent: "", redirect: toSignIn("https://app.example.com/notes/") });
    const result = await fixer.apply(5, "f1", "sign-in");
    expect(result.ok).toBe(true);
    expect(opened).toEqual(["https://app.example.com/notes/"]);
  });

  it("after a provider's error, opens the app's front page (its callback's state cannot be used twice)", async () => {
    const { fixer, opened } = await setup({ sent: "", redirect: toSignIn("https://app.example.com/callback?error=access_denied&state=REDACTED", { error: "access_denied", description: null }) });
    await fixer.apply(5, "f1", "sign-in");
    expect(opened).toEqual(["https://app.example.com/"]);
  });

  it("for a refused call, opens the site's sign-in page seen earlier, coming back to the page the person is on", async () => {
    const { fixer, opened, noted } = await setup({ known: { url: "https://app.example.com/accounts/login/", returnParam: "next", seenAt: 0 } });
    const result = await fixer.apply(5, "f1", "sign-in");
    expect(opened).toEqual(["https://app.example.com/accounts/login/?next=%2Fapp%2F"]);
    expect(result.message).toBe("Opened the sign-in page of app.example.com. Sign in there: AuthLens says here when the site answers normally again.");
    expect(noted).toEqual(["sign-in"]);
  });

  it("opens the sign-in page the refusal named in its Location, else the site's front page", async () => {
    expect((await (async () => { const s = await setup({ responseHeaders: [["Location", "/users/sign_in"]] }); await s.fixer.apply(5, "f1", "sign-in"); return s.opened; })())).toEqual(["https://app.example.com/users/sign_in"]);
    const { fixer, opened } = await setup();
    expect((await fixer.apply(5, "f1", "sign-in")).message).toContain("front page of app.example.com");
    expect(opened).toEqual(["https://app.example.com/"]);
  });

  it("moves to a new tab by itself when the page holds typed text, and leaves the page alone", async () => {
    const { fixer, opened, created } = await setup({ typed: true });
    const result = await fixer.apply(5, "f1", "sign-in");
    expect(opened).toEqual([]);
    expect(created).toEqual([{ url: "https://app.example.com/", openerTabId: 5 }]);
    expect(result.message).toContain("kept this page as it is");
  });
});

describe("nothing typed is lost", () => {
  it("asks before a reload of a page holding typed text, and reloads when the person says so", async () => {
    const { fixer, reloads } = await setup({ typed: true });
    expect(await fixer.apply(5, "f1", "reload")).toMatchObject({ ok: false, confirm: "unsaved-input" });
    expect(reloads).toEqual([]);
    expect((await fixer.apply(5, "f1", "reload", { force: true })).reloaded).toBe(true);
    expect(reloads).toEqual([5]);
  });

  it("does not reload by itself after a cookie fix when the page holds typed text, and says so", async () => {
    const { fixer, reloads } = await setup({ typed: true });
    const result = await fixer.apply(5, "f1", "clear-site-cookies");
    expect(reloads).toEqual([]);
    expect(result).toMatchObject({ ok: true, reloaded: false });
    expect(result.message).toMatch(/^Removed 6 cookies .* The page was not reloaded, so the text you typed is kept/);
  });
});

describe("AuthLens's own actions", () => {
  it("tells what it is about to remove and put back, and notes its reloads", async () => {
    const { fixer, expected, noted } = await setup();
    const { undoId } = await fixer.apply(5, "f1", "clear-site-cookies");
    await fixer.undo(5, undoId!);
    expect(expected.map((e) => [e.removed, e.cookies.length])).toEqual([
      [true, 6],
      [false, 6],
    ]);
    expect(noted).toEqual(["clear-site-cookies", "clear-site-cookies", "undo"]);
  });

  it("watches the failure's request from before the fix acts, and not for a report sent elsewhere", async () => {
    const { fixer, watches } = await setup();
    await fixer.apply(5, "f1", "reload");
    expect(watches).toMatchObject([{ tabId: 5, fix: "reload", failureIds: ["f1"], endpoints: ["GET https://app.example.com/app/api/me"] }]);
    await fixer.apply(5, "f1", "copy-report");
    expect(watches).toHaveLength(1);
  });

  it("ends the watch of a fix that could not be carried out", async () => {
    const { fixer, watches } = await setup({ typed: true });
    await fixer.apply(5, "f1", "reload");
    expect(watches).toEqual([]);
  });
});

describe("fixes that happen elsewhere", () => {
  it("hands the report to copy to the surface, addressed to the site or to IT", async () => {
    const { fixer } = await setup();
    expect(await fixer.apply(5, "f1", "copy-report")).toMatchObject({ ok: true, copy: "report of session-expired at https://app.example.com/app/api/me", message: expect.stringContaining("site's administrator") as unknown });
  });

  it("says how far off the clock is and where to set it", async () => {
    const { fixer } = await setup({ responseHeaders: [["Date", "Sun, 22 Nov 2026 13:00:00 GMT"]] });
    expect((await fixer.apply(5, "f1", "set-clock")).message).toMatch(/^Your computer's clock is 1 hour behind the clock of app\.example\.com\. Turn on “Set time automatically”/);
  });

  it("opens a framed site in a tab of its own, and the browser's cookie settings", async () => {
    const { fixer, created } = await setup();
    expect((await fixer.apply(5, "f1", "open-own-tab")).message).toContain("Opened app.example.com in a tab of its own");
    expect(created).toEqual([{ url: "https://app.example.com/", openerTabId: 5 }]);
    expect((await fixer.apply(5, "f1", "allow-cookies")).message).toContain("Opened your browser's cookie settings: add example.com");
  });
});
