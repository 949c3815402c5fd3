import { BannerDriver, labDone, type AuthLens } from "./authlens";
import { expect, test } from "./fixtures";
import { SCENARIOS } from "./lab/scenarios/index";

const scenario = (id: string) => SCENARIOS.find((s) => s.id === id)!;

/** Opens a scenario's page in a fresh tab and waits for its refusal to be recorded. */
async function fail(authlens: AuthLens, id: string) {
  const { page, tabId } = await authlens.newTab();
  await page.goto(scenario(id).start);
  await page.evaluate(labDone);
  const report = await authlens.waitForFailures(tabId, 1);
  return { page, tabId, failure: report.failures[0]! };
}

test("a stale cookie removed: the page's next call answers 200, and popup, badge and banner say it is fixed", async ({ context, authlens }) => {
  const { page, tabId, failure } = await fail(authlens, "stale-cookie");
  expect(failure.cause).toBe("stale-cookie");
  // Told of once the page had its moment to handle the refusal itself.
  await expect.poll(() => authlens.badgeText(tabId)).toBe("1");
  const popup = await authlens.openPopup(tabId);
  const card = popup.locator(`li.failure[data-failures~="${failure.id}"]`);
  await card.getByRole("button", { name: "Remove stale cookie" }).click();
  // The tab reloads by itself (the default), its call goes through, and the popup (still open) updates.
  await expect(page.locator("#log")).toContainText("GET /app/api/me → 200");
  await expect(card).toHaveAttribute("data-state", "fixed");
  await expect(card.locator(".outcome")).toHaveText("✓ Fixed: the site answered normally after “Remove stale cookie”.");
  await expect(card.locator(".fixes button")).toHaveCount(0);
  await expect.poll(() => authlens.badgeText(tabId)).toBe("");
  // Undo would bring the problem back: it stays on offer, saying so, below the card.
  await expect(popup.locator(".undo-pending.after-fix button")).toHaveText("Undo: put back 1 cookie for stale-cookie.test (brings the problem back)");
  const banner = new BannerDriver(context, page);
  await expect.poll(async () => ((await banner.host().count()) === 0 ? "gone" : await banner.host().getAttribute("data-state"))).toMatch(/^(gone|fixed)$/);
  const report = await authlens.report(tabId);
  expect(report.failures.map((f) => f.outcome?.state)).toEqual(["fixed"]);
});

test("Clear cookies then Undo on an ended session: its cause and confidence stay as they were, and no loop or repeat is recorded", async ({ authlens }) => {
  const { tabId, failure: first } = await fail(authlens, "session-expired");
  expect(first).toMatchObject({ cause: "session-expired" });
  const popup = await authlens.openPopup(tabId);
  await popup.getByRole("button", { name: /^Clear cookies for session-expired\.test/ }).click();
  await expect(popup.locator(".notice")).toContainText("Removed");
  // The reload after the clear is refused again (nobody is signed in now): that is AuthLens's doing.
  const afterClear = await authlens.waitForFailures(tabId, 2);
  expect(afterClear.failures[0]?.after).toMatchObject({ kind: "clear-site-cookies" });
  await popup.locator(".notice").getByRole("button", { name: "Undo" }).click();
  await expect(popup.locator(".notice")).toContainText("Put back");
  const { failures } = await authlens.waitForFailures(tabId, 3);
  const [newest] = failures;
  const seen = JSON.stringify(failures.map((f) => ({ time: f.time, cause: f.cause, after: f.after, outcome: f.outcome })));
  expect(newest?.after, seen).toMatchObject({ kind: "undo" });
  expect({ cause: newest?.cause, confidence: newest?.confidence }).toEqual({ cause: first.cause, confidence: first.confidence });
  // AuthLens's own clear and undo are no evidence: no deleted session cookie, no repeat, no loop.
  expect(failures.map((f) => f.details.repeats)).toEqual([0, 0, 0]);
  expect(failures.some((f) => f.details.redirect)).toBe(false);
  expect(newest?.evidence.map((e) => `${e.seen} ${e.meaning}`).join("\n")).not.toMatch(/deleted|times in two minutes|loop/i);
  expect(newest?.evidence).toEqual(first.evidence);
});

test("a draft typed on a refused form survives the primary fix, in the popup and in the banner", async ({ context, authlens }) => {
  const { page, tabId } = await authlens.newTab();
  await page.goto("http://app.laravel-expired.test/notes");
  await page.evaluate(labDone);
  const draft = "Notes from Tuesday's meeting: the budget, the hires, and who takes over the lab.";
  await page.locator("#draft").fill(draft);
  await page.getByRole("button", { name: "Save" }).click();
  const { failures } = await authlens.waitForFailures(tabId, 1);
  expect(failures[0]?.cause).toBe("csrf");
  // The banner leads with what the popup leads with: signing in elsewhere, keeping the page.
  const banner = new BannerDriver(context, page);
  const bannerPrimary = () =>
    banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector("button.primary").textContent`).catch(() => "");
  await expect.poll(bannerPrimary).toBe("Sign in in a new tab, then try again");
  const popup = await authlens.openPopup(tabId);
  const primary = popup.locator(".fixes button.primary");
  await expect(primary).toHaveText("Sign in in a new tab, then try again");
  const opened = context.waitForEvent("page");
  await primary.click();
  const signIn = await opened;
  await expect(popup.locator(".notice")).toContainText("kept this page as it is");
  expect(signIn.url()).toMatch(/^http:\/\/app\.laravel-expired\.test\//);
  await expect(page.locator("#draft")).toHaveValue(draft);
  // A reload asks first, and reloads only when the person says so.
  await popup.getByRole("button", { name: "Reload page" }).click();
  await expect(popup.locator(".notice")).toContainText("which reloading would lose");
  await page.waitForTimeout(500);
  await expect(page.locator("#draft")).toHaveValue(draft);
  await expect(popup.locator(".notice").getByRole("button", { name: "Reload anyway" })).toBeVisible();
});

test("the banner says it is AuthLens in one sentence, and pushes the page down instead of covering it", async ({ context, authlens }) => {
  const { page } = await authlens.newTab();
  await page.goto(scenario("session-expired").start);
  await page.evaluate(labDone);
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toBeVisible();
  const text = await banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector(".text").textContent`);
  // One sentence, the popup card's headline: no sentence ends before the last.
  expect(text).toBe("AuthLens Your sign-in has ended");
  expect(text.split(/[.!?]\s/)).toHaveLength(1);
  const box = await banner.host().boundingBox();
  const heading = await page.locator("h1").boundingBox();
  expect(box && heading && heading.y >= box.y + box.height).toBe(true);
});

test("Copy a report from the banner puts the report for the site's administrator on the clipboard, on a plain-http page", async ({ context, authlens }) => {
  const { page } = await fail(authlens, "insufficient-permissions");
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toBeVisible();
  await banner.click("Copy a report for the site's administrator");
  const status = () => banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector('[role="status"]').textContent`);
  await expect.poll(status).toContain("Copied a report for the site's administrator");
  // Read back from one of AuthLens's own pages (a secure context allowed to read the clipboard).
  const probe = await authlens.probe();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await probe.bringToFront();
  const copied = await probe.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("For the administrator of insufficient-permissions.test");
  expect(copied).toContain("HTTP 403 — GET http://app.insufficient-permissions.test/api/admin/users");
  expect(copied).not.toContain("eyJ");
});

test("Enter the password again brings back the browser's own sign-in window", async ({ context, authlens }) => {
  const { page, tabId } = await authlens.newTab();
  // Headless, nothing answers the window; count each time the browser asks, and cancel as a person who closes it does.
  const cdp = await context.newCDPSession(page);
  let asked = 0;
  cdp.on("Fetch.authRequired", (e: { requestId: string }) => {
    asked++;
    void cdp.send("Fetch.continueWithAuth", { requestId: e.requestId, authChallengeResponse: { response: "CancelAuth" } }).catch(() => undefined);
  });
  cdp.on("Fetch.requestPaused", (e: { requestId: string }) => void cdp.send("Fetch.continueRequest", { requestId: e.requestId }).catch(() => undefined));
  await cdp.send("Fetch.enable", { handleAuthRequests: true, patterns: [{ urlPattern: "*" }] });
  await page.goto(scenario("missing-credentials-main-frame").start).catch(() => undefined);
  await authlens.waitForFailures(tabId, 1);
  expect(asked).toBe(1);
  const popup = await authlens.openPopup(tabId);
  const primary = popup.locator(".fixes button.primary");
  await expect(primary).toHaveText("Enter the password again");
  await primary.click();
  await expect(popup.locator(".notice")).toContainText("your browser asks for the username and password again");
  await expect.poll(() => asked).toBe(2);
});
