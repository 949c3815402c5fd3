import type { BrowserContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";
import type { Failure } from "../src/core/failure";
import type { FixId } from "../src/core/fixes/fix";
import { ruledOutFixes } from "../src/test/ruled-out";
import { BannerDriver, type AuthLens } from "./authlens";
import { HANDLED_MS } from "../src/core/diagnosis/handled";

/** What a person meets for a failure: the popup's card, the banner, and whether they agree. */
export interface FixChoice {
  popupFirst: string | null;
  popupFixes: string[];
  bannerFirst: string | null;
}

/** The banner's failure and primary button, as the page shows them; null when the page has no banner. */
async function bannerFirst(context: BrowserContext, page: Page): Promise<{ failure: string; label: string } | null> {
  const banner = new BannerDriver(context, page);
  if ((await banner.host().count()) === 0) return null;
  return banner
    .evaluateInContentScript<{ failure: string; label: string } | null>(
      `(() => { const host = document.querySelector('[data-authlens="banner"]'); const button = chrome.dom.openOrClosedShadowRoot(host).querySelector("button.primary"); return button ? { failure: host.dataset.failure, label: button.textContent } : null; })()`,
    )
    .catch(() => null);
}

/**
 * Checks, as a person would see it, that the popup's first fix for `failure` is `expected` (the
 * fix that resolves the situation), that its card offers no fix its own words rule out, and that
 * the banner, where the page has one, leads with the fix the popup leads with for the same failure.
 * Soft: one run reports every scenario that disagrees.
 */
export async function checkFixChoice(authlens: AuthLens, context: BrowserContext, page: Page, tabId: number, failure: Failure, expected: FixId): Promise<FixChoice> {
  // The banner comes a moment after the failure is recorded.
  await expect.poll(async () => (await bannerFirst(context, page)) !== null, { timeout: 1500 }).toBe(true).catch(() => undefined);
  const popup = await authlens.openPopup(tabId);
  try {
    const card = popup.locator(`li.failure[data-failures~="${failure.id}"]`);
    await expect(card).toBeVisible();
    const buttons = card.locator(".fixes button");
    const fixes = (await buttons.evaluateAll((list) => list.map((b) => b.getAttribute("data-fix") ?? ""))) as FixId[];
    const labels = await buttons.allTextContents();
    expect.soft(fixes[0], `first fix offered for ${failure.method} ${failure.url} (${failure.cause})`).toBe(expected);
    expect.soft(ruledOutFixes(await card.innerText(), fixes), `fixes the card's words rule out (${failure.url})`).toEqual([]);
    const banner = await bannerFirst(context, page);
    if (banner) {
      const shown = popup.locator(`li.failure[data-failures~="${banner.failure}"] .fixes button.primary`);
      if ((await shown.count()) > 0) expect.soft(banner.label, `the banner's first fix on ${page.url()}`).toBe(await shown.textContent());
    }
    if (process.env.AUTHLENS_DEBUG_FIXES) console.log(`${failure.cause}: popup ${labels.join(" / ")} · banner ${banner?.label ?? "(none)"}`);
    return { popupFirst: labels[0] ?? null, popupFixes: labels, bannerFirst: banner?.label ?? null };
  } finally {
    await popup.close();
  }
}

/**
 * For a refusal the page handles itself: recorded as handled, and told of nowhere — no badge, no
 * banner once the page's moment is over — while the popup keeps it apart.
 */
export async function checkHandledQuietly(authlens: AuthLens, context: BrowserContext, page: Page, tabId: number, failure: Failure, how: NonNullable<Failure["handled"]>["how"]): Promise<void> {
  await expect.poll(async () => (await authlens.report(tabId)).failures.find((f) => f.id === failure.id)?.handled?.how, { message: `handled by the page: ${failure.url}` }).toBe(how);
  // Past the page's moment to handle it, nothing tells of it.
  await page.waitForTimeout(HANDLED_MS + 500);
  const others = (await authlens.report(tabId)).failures.filter((f) => !f.handled && !f.outcome).length;
  expect.soft(await authlens.badgeText(tabId), `badge for ${page.url()}, counting only what the page did not handle`).toBe(others ? String(others) : "");
  const banner = new BannerDriver(context, page).host();
  const shownFailure = (await banner.count()) > 0 ? await banner.getAttribute("data-failure") : null;
  expect.soft(shownFailure, `the banner on ${page.url()} shows a refusal the page handled`).not.toBe(failure.id);
  const popup = await authlens.openPopup(tabId);
  try {
    await expect(popup.locator(`details.handled li[data-handled="${how}"]`).first()).toBeAttached();
    await expect(popup.locator(`li.failure[data-failures~="${failure.id}"]`)).toHaveCount(0);
  } finally {
    await popup.close();
  }
}
