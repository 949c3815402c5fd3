import { describe, expect, it } from "vitest";
import { diagnose } from "../test/diagnose";
import type { CookieSnapshot } from "../core/cookie-snapshot";
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

async function setup({ jar = [...SITE_COOKIES, ...OTHER_SITE], sent = "sid=x", reloadAfterFix = true, privateAllowed = true, redirect = undefined as SignInRedirect | undefined } = {}) {
  const tabStore = createTabStore(fakeStorageArea());
  const evidence = { ...makeEvidence({ url: redirect?.requested ?? "https://app.example.com/app/api/me", type: redirect ? "main_frame" : "xmlhttprequest" }, headers(["Cookie", sent])), redirect };
  const failure = toFailure("f1", 0, evidence, diagnose(evidence));
  await tabStore.update(5, (r) => appendFailure({ ...r, site: "example.com" }, failure));
  const cookies = fakeCookies(jar);
  const reloads: number[] = [];
  const opened: string[] = [];
  const windows: { url: string; incognito: boolean }[] = [];
  const sync = fakeStorageArea();
  const settings = createSettingsStore(sync);
  await settings.write({ ...DEFAULT_SETTINGS, reloadAfterFix });
  let n = 0;
  const fixer = createFixer({
    tabStore,
    undo: createUndoStore(fakeStorageArea(), testSealer()),
    cookies,
    tabs: { get: async () => ({ url: "https://app.example.com/app/", incognito: false }), reload: async (id) => void reloads.push(id), update: async (_id, { url }) => void opened.push(url) },
    windows: { create: async (d) => void windows.push(d) },
    privateWindowsAllowed: async () => privateAllowed,
    settings,
    newId: () => `undo-${++n}`,
  });
  return { fixer, cookies, reloads, windows, opened };
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
    const result = await fixer.apply(5, "f1", "clear-site-cookies", "evil.test");
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain("only change its own site's cookies");
    expect(await cookies.getAll({})).toEqual(before);
    expect((await fixer.apply(5, "f1", "clear-site-cookies", "example.com")).ok).toBe(true);
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
      tabs: { get: async () => ({ url: "https://app.example.com/", incognito: false }), reload: async () => undefined, update: async () => undefined },
      windows: { create: () => Promise.reject(new Error("Incognito mode is disabled.")) },
      privateWindowsAllowed: async () => true,
      settings: createSettingsStore(fakeStorageArea()),
      newId: () => "u",
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

describe("sign in again", () => {
  it("opens the page the site sent the person away from, so the site chooses its sign-in page afresh", async () => {
    const { fixer, opened } = await setup({ sent: "", redirect: toSignIn("https://app.example.com/notes/") });
    const result = await fixer.apply(5, "f1", "sign-in-again");
    expect(result.ok).toBe(true);
    expect(opened).toEqual(["https://app.example.com/notes/"]);
  });

  it("after a provider's error, opens the app's front page (its callback's state cannot be used twice)", async () => {
    const { fixer, opened } = await setup({ sent: "", redirect: toSignIn("https://app.example.com/callback?error=access_denied&state=REDACTED", { error: "access_denied", description: null }) });
    await fixer.apply(5, "f1", "sign-in-again");
    expect(opened).toEqual(["https://app.example.com/"]);
  });

  it("is advice, not an action, for a failure the site chose no sign-in page for", async () => {
    const { fixer, opened } = await setup();
    expect((await fixer.apply(5, "f1", "sign-in-again")).ok).toBe(false);
    expect(opened).toEqual([]);
  });
});
