/**
 * AuthLens in Firefox: Debian's firefox-esr, driven over WebDriver BiDi with puppeteer-core
 * (Playwright's Firefox needs its own patched build, which cannot be downloaded here). The
 * Firefox build (dist-firefox/) is installed as a temporary add-on; every *.test host goes
 * through the lab's proxy, as Firefox has no host-resolver rules.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { expect, test } from "./fixtures";
import { SCENARIOS } from "./lab/scenarios/index";

const FIREFOX = process.env.FIREFOX_PATH ?? ["/usr/bin/firefox-esr", "/usr/bin/firefox"].find((p) => existsSync(p));
const DIST_FIREFOX = resolve(import.meta.dirname, "../dist-firefox");

test.skip(!FIREFOX, "Firefox is not installed (apt-get install firefox-esr, or set FIREFOX_PATH)");
test.skip(!existsSync(resolve(DIST_FIREFOX, "manifest.json")), "dist-firefox/ is not built (npm run build:firefox)");

let browser: Browser;

test.beforeEach(async ({ lab }) => {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      "network.proxy.type": 2,
      "network.proxy.autoconfig_url": lab.allHostsPacUrl,
    },
  });
  await browser.installExtension(DIST_FIREFOX);
});

test.afterEach(async () => {
  await browser?.close();
});

/** Loads a scenario until AuthLens's banner shows on it: the first requests after install can go unseen while the add-on starts. */
async function bannerCauseOn(page: Page, start: string): Promise<string | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.goto(start);
    await page.evaluate(() => (window as { labDone?: Promise<void> }).labDone);
    const cause = await page
      .waitForSelector('[data-authlens="banner"]', { timeout: 2000 })
      .then((host) => host?.evaluate((el) => el.getAttribute("data-cause")) ?? null)
      .catch(() => null);
    if (cause) return cause;
  }
  return null;
}

// Firefox does not let WebDriver BiDi open moz-extension:// pages, so these tests read AuthLens
// from what it shows on the page: the banner's host carries the diagnosed cause.
test("Firefox: a fetch 401 sent with a session cookie is diagnosed and shown on the page", async () => {
  const page = await browser.newPage();
  expect(await bannerCauseOn(page, SCENARIOS.find((x) => x.id === "session-expired")!.start)).toBe("session-expired");
});

test("Firefox: an expired bearer JWT is read and diagnosed", async () => {
  const page = await browser.newPage();
  expect(await bannerCauseOn(page, SCENARIOS.find((x) => x.id === "token-expired")!.start)).toBe("token-expired");
});

test("Firefox: the Cookie header is seen without Chrome's extraHeaders (a duplicated cookie name)", async () => {
  const page = await browser.newPage();
  expect(await bannerCauseOn(page, SCENARIOS.find((x) => x.id === "stale-cookie-php")!.start)).toBe("stale-cookie");
});
