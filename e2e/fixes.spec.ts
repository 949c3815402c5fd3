import type { BrowserContext } from "@playwright/test";
import { labDone, inOrder, in1h, type AuthLens } from "./authlens";
import { expect, test } from "./fixtures";
import { SCENARIOS } from "./lab/scenarios/index";

const scenario = (id: string) => SCENARIOS.find((s) => s.id === id)!;

/** Cookies on session-expired.test's parent domain and two subdomains, and on an unrelated site. */
async function plantCookies(context: BrowserContext) {
  await context.addCookies([
    { name: "parent_pref", value: "planted-parent", domain: ".session-expired.test", path: "/", expires: in1h() },
    { name: "account_path", value: "planted-path", domain: "app.session-expired.test", path: "/account", expires: in1h() },
    { name: "admin_token", value: "planted-httponly", domain: "admin.session-expired.test", path: "/", expires: in1h(), httpOnly: true, sameSite: "Strict" },
    { name: "app_session", value: "planted-session-cookie", domain: "app.session-expired.test", path: "/" },
    { name: "unrelated", value: "planted-unrelated", domain: "www.unrelated-site.test", path: "/", expires: in1h() },
  ]);
}

async function failSessionExpired(authlens: AuthLens) {
  const s = scenario("session-expired");
  const { page, tabId } = await authlens.newTab();
  await page.goto(s.start);
  await page.evaluate(labDone);
  await authlens.waitForFailures(tabId, 1);
  return { page, tabId };
}

test.describe("Clear cookies for this site", () => {
  test.beforeEach(async ({ authlens }) => {
    // Keep the page still after the fix, so the cookie jar shows exactly what the fix did.
    await authlens.setSettings({ reloadAfterFix: false });
  });

  test("removes exactly this site's cookies, and Undo restores them field by field", async ({ context, authlens }) => {
    await plantCookies(context);
    const { tabId } = await failSessionExpired(authlens);
    const before = inOrder(await context.cookies());
    expect(before.map((c) => c.name)).toEqual(expect.arrayContaining(["parent_pref", "account_path", "admin_token", "app_session", "connect.sid", "unrelated"]));

    const popup = await authlens.openPopup(tabId);
    await popup.getByRole("button", { name: /^Clear cookies/ }).first().click();
    await expect(popup.getByRole("alert")).toContainText("Removed 5 cookies from 3 hosts of session-expired.test.");
    expect((await context.cookies()).map((c) => c.name)).toEqual(["unrelated"]);

    await popup.getByRole("button", { name: /^Undo/ }).first().click();
    await expect(popup.getByRole("alert")).toContainText("Put back 5 cookies for session-expired.test.");
    expect(inOrder(await context.cookies())).toEqual(before);
  });

  test("Undo still works after the service worker was stopped", async ({ context, authlens }) => {
    await plantCookies(context);
    const { tabId } = await failSessionExpired(authlens);
    const before = inOrder(await context.cookies());
    const popup = await authlens.openPopup(tabId);
    await popup.getByRole("button", { name: /^Clear cookies/ }).first().click();
    await expect(popup.getByRole("alert")).toContainText("Removed 5 cookies");

    await authlens.stopWorker();
    // A popup opened afresh still offers the undo: it lives in storage.session, not the worker.
    const reopened = await authlens.openPopup(tabId);
    await reopened.getByRole("button", { name: /^Undo: put back 5 cookies for session-expired\.test/ }).click();
    await expect(reopened.getByRole("alert")).toContainText("Put back 5 cookies");
    expect(inOrder(await context.cookies())).toEqual(before);
  });
});

test("Remove stale cookie removes only the stale cookie, and the next request succeeds", async ({ context, authlens, lab }) => {
  const s = scenario("stale-cookie");
  const { page, tabId } = await authlens.newTab();
  await page.goto(s.start);
  await page.evaluate(labDone);
  const report = await authlens.waitForFailures(tabId, 1);
  expect(report.failures[0]?.cause).toBe("stale-cookie");

  const popup = await authlens.openPopup(tabId);
  const since = Date.now();
  await popup.getByRole("button", { name: /^Remove stale cookie/ }).click();
  await expect(popup.getByRole("alert")).toContainText("Removed the stale cookie _session_id on app.stale-cookie.test/app");
  const left = (await context.cookies()).filter((c) => c.name === "_session_id");
  expect(left.map((c) => [c.value, c.domain, c.path])).toEqual([["fresh-session", ".stale-cookie.test", "/"]]);
  // The tab reloads by itself (the default setting), and its API call now goes through.
  await expect.poll(() => lab.requests.filter((r) => r.at >= since && r.path === "/app/api/me").map((r) => r.cookie)).toEqual(["_session_id=fresh-session"]);
  await expect(page.locator("#log")).toContainText("GET /app/api/me → 200");
});

test("Retry in incognito opens the page in a new private window whose request carries no cookies", async ({ context, authlens, lab }) => {
  // A rejected token is where a private window helps: it rules out what the browser stored.
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("token-invalid").start);
  await page.evaluate(labDone);
  await authlens.waitForFailures(tabId, 1);
  await context.addCookies([{ name: "pref", value: "planted-pref", domain: "app.token-invalid.test", path: "/", expires: in1h() }]);
  const popup = await authlens.openPopup(tabId);
  const since = Date.now();
  await popup.getByRole("button", { name: /^Retry in incognito/ }).click();
  await expect(popup.getByRole("alert")).toContainText("Opened http://app.token-invalid.test/ in a new private window");
  await expect.poll(() => lab.requests.filter((r) => r.at >= since && r.host === "app.token-invalid.test" && r.path === "/").length).toBeGreaterThan(0);
  const fresh = lab.requests.filter((r) => r.at >= since && r.host === "app.token-invalid.test" && r.path === "/");
  expect(fresh.map((r) => r.cookie)).toEqual([null]);
});

test("Reload reloads the tab", async ({ authlens, lab }) => {
  const { tabId } = await failSessionExpired(authlens);
  const popup = await authlens.openPopup(tabId);
  const since = Date.now();
  await popup.getByRole("button", { name: /^Reload/ }).first().click();
  await expect(popup.getByRole("alert")).toContainText("Reloaded the page.");
  await expect.poll(() => lab.requests.filter((r) => r.at >= since && r.host === "app.session-expired.test" && r.path === "/").length).toBe(1);
});
