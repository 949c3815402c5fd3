import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { BannerDriver, labDone, captureCopies, copiedTexts } from "./authlens";
import { expect, test } from "./fixtures";
import { SCENARIOS } from "./lab/scenarios/index";

const scenario = (id: string) => SCENARIOS.find((s) => s.id === id)!;

test("on install AuthLens opens its first-run page: what it does, how to pin it, the shortcut, privacy, how to try it", ({ launched }) => {
  expect(launched.welcome, "no first-run page opened on install").not.toBeNull();
  const { url, title, text } = launched.welcome!;
  expect(url).toMatch(/\/src\/welcome\/index\.html$/);
  expect(title).toBe("Welcome to AuthLens");
  expect(text).toContain("AuthLens says why, in plain words");
  expect(text).toContain("the pin next to AuthLens");
  expect(text).toContain("Alt+Shift+U");
  expect(text).toContain("AuthLens sends nothing anywhere");
  expect(text).toContain("Try it");
});

test("the manifest gives the popup a keyboard shortcut", () => {
  const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, "../dist/manifest.json"), "utf8")) as { commands?: Record<string, { suggested_key?: { default?: string } }> };
  expect(manifest.commands?._execute_action?.suggested_key?.default).toBe("Alt+Shift+U");
});

test("'Was this right?' is answered on the card, kept, and carried into the copied report", async ({ authlens }) => {
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("session-expired").start);
  await page.evaluate(labDone);
  await authlens.waitForFailures(tabId, 1);
  const popup = await authlens.openPopup(tabId, captureCopies);
  const card = popup.locator('li.failure[data-cause="session-expired"]');
  const feedback = card.getByRole("group", { name: "Was this right?" });
  await feedback.getByRole("button", { name: "No" }).click();
  await expect(feedback.getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByRole("status")).toContainText("noted as wrong on this device");
  expect((await authlens.report(tabId)).failures[0]?.feedback).toBe("wrong");
  await popup.getByRole("button", { name: "Copy report" }).click();
  await expect(popup.getByRole("alert")).toContainText("Report copied");
  const [text = ""] = await copiedTexts(popup);
  expect(text).toContain("Was this right? The person said no: this diagnosis is wrong.");
  // Reopened, the answer is still there.
  await popup.close();
  const again = await authlens.openPopup(tabId);
  await expect(again.locator('li.failure[data-cause="session-expired"]').getByRole("button", { name: "No" })).toHaveAttribute("aria-pressed", "true");
});

test("'Pause on this site' silences the site (no badge, no banner) until resumed", async ({ context, authlens }) => {
  const s = scenario("session-expired");
  const actionTitle = async (tabId: number) => (await authlens.probe()).evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
  const { page, tabId } = await authlens.newTab();
  await page.goto(s.start);
  await page.evaluate(labDone);
  await expect(new BannerDriver(context, page).host()).toBeVisible();
  const before = (await authlens.waitForFailures(tabId, 1)).failures.map((f) => f.id);
  const popup = await authlens.openPopup(tabId);
  await popup.getByRole("button", { name: "Pause on session-expired.test" }).click();
  await expect(popup.getByRole("status").filter({ hasText: "AuthLens is paused on session-expired.test" })).toBeVisible();
  await expect.poll(() => authlens.badgeText(tabId)).toBe("");
  await expect.poll(() => actionTitle(tabId)).toBe("AuthLens is paused on session-expired.test");
  await expect(new BannerDriver(context, page).host()).toHaveCount(0);

  // Failing again while paused: nothing new recorded (the failure from before stays in the popup), nothing shown.
  await page.reload();
  await page.evaluate(labDone);
  await page.waitForTimeout(1000);
  expect(await authlens.badgeText(tabId)).toBe("");
  await expect(new BannerDriver(context, page).host()).toHaveCount(0);
  expect((await authlens.report(tabId)).failures.map((f) => f.id)).toEqual(before);

  // Resumed, the next failure is recorded and shown again.
  await popup.reload();
  await popup.getByRole("button", { name: "Resume" }).click();
  await expect(popup.getByRole("button", { name: "Pause on session-expired.test" })).toBeVisible();
  await page.reload();
  await page.evaluate(labDone);
  await authlens.waitForFailures(tabId, 2);
  await expect.poll(() => authlens.badgeText(tabId)).toBe("1");
  await expect.poll(() => actionTitle(tabId)).toBe("AuthLens: a sign-in failure on this tab. Click to see why");
  await expect(new BannerDriver(context, page).host()).toBeVisible();
});

test("the recent-failures page lists the failures of two tabs, shows a tab, and clears the list", async ({ context, authlens }) => {
  const first = await authlens.newTab();
  await first.page.goto(scenario("session-expired").start);
  await first.page.evaluate(labDone);
  const second = await authlens.newTab();
  await second.page.goto(scenario("token-expired").start);
  await second.page.evaluate(labDone);
  await authlens.waitForFailures(first.tabId, 1);
  await authlens.waitForFailures(second.tabId, 1);

  const popup = await authlens.openPopup(second.tabId);
  const [recent] = await Promise.all([context.waitForEvent("page"), popup.getByRole("link", { name: "Recent failures" }).click()]);
  await recent.waitForLoadState();
  await expect(recent.getByRole("heading", { level: 1 })).toHaveText("AuthLens: recent sign-in failures");
  const items = recent.locator("li.failure");
  await expect(items.filter({ hasText: "app.session-expired.test" })).toHaveCount(1);
  await expect(items.filter({ hasText: "app.token-expired.test" })).toHaveCount(1);
  await expect(items.filter({ hasText: "app.session-expired.test" }).getByRole("heading")).toHaveText("Your sign-in has ended");
  await expect(items.filter({ hasText: "app.session-expired.test" })).toHaveAttribute("data-tab", String(first.tabId));

  await items.filter({ hasText: "app.session-expired.test" }).getByRole("button", { name: "Show tab" }).click();
  await expect.poll(() => first.page.evaluate(() => document.visibilityState)).toBe("visible");

  await recent.getByRole("button", { name: "Clear this list" }).click();
  await expect(recent.getByRole("status")).toHaveText("The list is empty now.");
  await expect(items).toHaveCount(0);
  // Clearing the list leaves each tab's own report alone.
  expect((await authlens.report(first.tabId)).failures).toHaveLength(1);
});
