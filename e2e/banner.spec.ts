import { expect, test } from "./fixtures";
import { BannerDriver, labDone } from "./authlens";
import { CLEAN_PAGE, SCENARIOS } from "./lab/scenarios/index";

const scenario = (id: string) => SCENARIOS.find((s) => s.id === id)!;

test("a banner appears for a main-frame failure, with its cause", async ({ context, authlens }) => {
  const { page } = await authlens.newTab();
  await page.goto(scenario("session-expired-main-frame").start);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toHaveAttribute("data-cause", "session-expired");
  await expect(banner.host()).toBeVisible();
});

test("a banner appears for a fetch failure, leads with the popup's first fix, and the fix works from the page", async ({ context, authlens }) => {
  await authlens.setSettings({ reloadAfterFix: false });
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("stale-cookie").start);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toHaveAttribute("data-cause", "stale-cookie");
  const rootText = () => banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector(".banner").textContent`);
  // It says it is AuthLens, in one sentence, and leads with what the popup leads with.
  await expect.poll(rootText).toMatch(/^AuthLens /);
  const primary = await banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector("button.primary").textContent`);
  const popup = await authlens.openPopup(tabId);
  await expect(popup.locator(".fixes button.primary").first()).toHaveText(primary);
  expect(primary).toBe("Remove stale cookie");
  await popup.close();
  await banner.click("Remove stale cookie");
  await expect.poll(async () => (await context.cookies()).filter((c) => c.name === "_session_id").map((c) => c.value)).toEqual(["fresh-session"]);
  const status = await banner.evaluateInContentScript<string>(
    `chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector('[role="status"]').textContent`,
  );
  expect(status).toContain("Removed the stale cookie _session_id");
});

test("no banner for a failed image, nor for a clean page", async ({ context, authlens }) => {
  await authlens.setSettings({ watchSubresources: true });
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("unknown").start);
  // The image's 403 is recorded (so the worker saw it) but raises no banner.
  expect((await authlens.waitForFailures(tabId, 1)).failures[0]?.resourceType).toBe("image");
  await page.waitForTimeout(1000);
  await expect(new BannerDriver(context, page).host()).toHaveCount(0);
  await page.goto(CLEAN_PAGE);
  await page.evaluate(labDone);
  await page.waitForTimeout(1000);
  await expect(new BannerDriver(context, page).host()).toHaveCount(0);
});

test("the banner script goes only into pages whose tab has a failure, and into the site's next page", async ({ context, authlens }) => {
  // A page whose requests all succeed gets no AuthLens script at all: that costs every page load.
  const { page, tabId } = await authlens.newTab();
  await page.goto(CLEAN_PAGE);
  await page.evaluate(labDone);
  await page.waitForTimeout(500);
  const banner = new BannerDriver(context, page);
  await expect(banner.evaluateInContentScript("1")).rejects.toThrow(/no AuthLens content-script world/);
  // A failure puts it there; another page of the site, which fails nothing, gets the banner back (failures are kept per site).
  await page.goto(scenario("token-expired").start);
  await expect(banner.host()).toHaveAttribute("data-cause", "token-expired");
  await expect.poll(async () => (await authlens.report(tabId)).failures.length).toBe(1);
  await page.goto(new URL("/help", scenario("token-expired").start).href);
  await expect(banner.host()).toHaveAttribute("data-cause", "token-expired");
  expect((await authlens.report(tabId)).failures).toHaveLength(1);
  expect(await banner.evaluateInContentScript<number>(`document.querySelectorAll('[data-authlens="banner"]').length`)).toBe(1);
});

test("a dismissed banner stays dismissed after reload on that site", async ({ context, authlens }) => {
  const { page } = await authlens.newTab();
  await page.goto(scenario("session-expired").start);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toHaveAttribute("data-cause", "session-expired");
  await banner.click("Dismiss on this site");
  await expect(banner.host()).toHaveCount(0);
  await page.reload();
  await page.evaluate(labDone);
  await page.waitForTimeout(1000);
  await expect(banner.host()).toHaveCount(0);
  // Other sites still get their banner.
  await page.goto(scenario("token-expired").start);
  await expect(banner.host()).toHaveAttribute("data-cause", "token-expired");
});

test("the page cannot click the banner's buttons with synthetic events", async ({ context, authlens }) => {
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("session-expired").start);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toBeVisible();
  // A page script reaches the host but not the closed root; a forged click on the host does nothing.
  const reach = await page.evaluate(() => {
    const host = document.querySelector('[data-authlens="banner"]')!;
    host.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    return host.shadowRoot;
  });
  expect(reach).toBeNull();
  // From inside the content-script world, an untrusted click on the dismiss button is ignored too.
  await banner.evaluateInContentScript(
    `[...chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelectorAll("button")].forEach((b) => b.dispatchEvent(new MouseEvent("click", { bubbles: true })))`,
  );
  await page.waitForTimeout(500);
  await expect(banner.host()).toHaveCount(1);
  expect((await authlens.report(tabId)).failures).toHaveLength(1);
});

test("the banner folds into a small button and back, and Details opens the full view in a tab", async ({ context, authlens }) => {
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario("session-expired").start);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toBeVisible();
  const rootText = () => banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).textContent`);

  await banner.click("Collapse");
  await expect.poll(rootText).toContain("AuthLens: Session expired");
  expect(await rootText()).not.toContain("Dismiss on this site");
  await banner.click("AuthLens: Session expired");
  await expect.poll(rootText).toContain("Dismiss on this site");

  const details = context.waitForEvent("page");
  await banner.click("Details");
  const view = await details;
  await expect(view).toHaveURL(new RegExp(`^chrome-extension://${authlens.extensionId}/src/popup/index\\.html\\?tab=${tabId}$`));
  await expect(view.locator('li.failure[data-cause="session-expired"]')).toBeVisible();
});
