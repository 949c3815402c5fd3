/**
 * Issue 8: nothing leaks, nothing is lost, nothing can be abused. See docs/security.md for what
 * each test proves.
 */
import type { BrowserContext, Page } from "@playwright/test";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { HANDLED_MS } from "../src/core/diagnosis/handled";
import { BannerDriver, DIST, dumpStorage, type AuthLens, labDone, inOrder, in1h, captureCopies, copiedTexts } from "./authlens";
import { expect, test } from "./fixtures";
import { SECRETS, secretForms } from "./lab/security-routes";
import type { Report } from "../src/messaging/protocol";


/** Every file of a built extension, relative to its root. */
function builtFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? builtFiles(join(dir, name), root) : [relative(root, join(dir, name))]));
}

/** Sends a message as AuthLens's content script in `page` would (its isolated world). */
function asContentScript(context: BrowserContext, page: Page, message: object): Promise<unknown> {
  return new BannerDriver(context, page).evaluateInContentScript(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);
}

/** Sends a message from AuthLens's own extension page without waiting for the answer. */
async function sendWithoutWaiting(authlens: AuthLens, message: object): Promise<void> {
  const probe = await authlens.probe();
  await probe.evaluate((m) => void chrome.runtime.sendMessage(m).catch(() => undefined), message);
}

async function undoList(authlens: AuthLens, tabId: number): Promise<{ id: string; count: number }[]> {
  const probe = await authlens.probe();
  const answer = await probe.evaluate((id) => chrome.runtime.sendMessage<unknown, { undo: { id: string; count: number }[] }>({ type: "undo-list", tabId: id }), tabId);
  return answer.undo;
}

test("no planted secret reaches any storage area, the report, the copied text, the page, the popup or a console", async ({ context, authlens, launched }) => {
  test.setTimeout(60_000);
  await authlens.setSettings({ reloadAfterFix: false });
  const consoles: string[] = [];
  context.on("console", (m) => consoles.push(m.text()));

  const { page, tabId } = await authlens.newTab();
  await page.goto("http://secrets.test/");
  await page.evaluate(labDone);
  await authlens.waitForFailures(tabId, 4);
  // Looking closer, AuthLens reads every secret-bearing header: the request headers too.
  expect((await authlens.lookCloser(tabId, page)).ok).toBe(true);
  await expect.poll(async () => (await authlens.report(tabId)).failures.filter((f) => f.details.sent.seen).length).toBeGreaterThanOrEqual(4);
  const report = await authlens.report(tabId);
  // The secrets did pass through AuthLens: it read the cookies, the schemes and the token's claims.
  const byPath = (path: string) => report.failures.find((f) => new URL(f.url).pathname === path)!;
  expect(byPath("/api/session").details.sent.cookieNames).toEqual(expect.arrayContaining(["sid", "prefs"]));
  expect(byPath("/api/token").details.sent.token?.claims).toMatchObject({ exp: 1_700_000_000, iss: "https://id.secrets.test" });
  expect(byPath("/api/token").cause).toBe("token-expired");
  expect(byPath("/api/basic").details.sent.authorizationScheme).toBe("Basic");
  expect(byPath("/api/key").url).toContain("access_token=REDACTED");
  expect((await context.cookies("http://secrets.test/")).map((c) => c.value)).toEqual(expect.arrayContaining([SECRETS.cookie, SECRETS.httpOnlyCookie]));

  // The banner on the page.
  const banner = new BannerDriver(context, page);
  await expect(banner.host()).toHaveAttribute("data-cause", /.+/);
  const bannerText = await banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).innerHTML`);

  // The popup, every detail opened, and its copied report.
  const popup = await authlens.openPopup(tabId, captureCopies);
  await expect(popup.getByText("Details and evidence").first()).toBeVisible(); // rendered, before listing them
  for (const summary of await popup.getByText("Details and evidence").all()) await summary.click();
  await popup.getByRole("button", { name: "Copy report" }).click();
  await expect(popup.getByRole("alert")).toContainText("Report copied");
  const [copied = ""] = await copiedTexts(popup);
  expect(copied).toContain("secrets.test");

  // Clearing cookies keeps an undo snapshot, values included (sealed): it must not show either.
  await popup.getByRole("button", { name: /^Clear cookies/ }).first().click();
  await expect(popup.getByRole("alert")).toContainText("Removed");
  const popupHtml = await popup.content();
  const storage = await dumpStorage(authlens);
  expect(storage).toContain("undo:");
  expect(storage).toContain("tab:");
  expect(storage).toContain('"cryptoKey"');
  expect(storage).toContain('"extractable":false');

  const everything = { storage, report: JSON.stringify(await authlens.report(tabId)), copied, popupHtml, bannerText, pageConsoles: consoles.join("\n"), workerConsole: launched.workerConsole.join("\n") };
  for (const [where, text] of Object.entries(everything)) {
    for (const secret of secretForms()) expect(text.includes(secret), `${where} contains ${secret}`).toBe(false);
  }

  // And the sealed values are really there: Undo puts the planted cookies back.
  await popup.getByRole("button", { name: /^Undo/ }).first().click();
  await expect(popup.getByRole("alert")).toContainText("Put back");
  expect((await context.cookies("http://secrets.test/")).map((c) => c.value)).toEqual(expect.arrayContaining([SECRETS.cookie, SECRETS.httpOnlyCookie]));
});

test.describe("the page cannot drive AuthLens", () => {
  test("page scripts cannot message AuthLens, open the banner's root, or click its buttons", async ({ context, authlens }) => {
    await authlens.setSettings({ reloadAfterFix: false });
    await context.addCookies([{ name: "sid", value: "keep-me", domain: "secrets.test", path: "/", expires: in1h() }]);
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://secrets.test/");
    await page.evaluate(labDone);
    await authlens.waitForFailures(tabId, 4);
    const banner = new BannerDriver(context, page);
    await expect(banner.host()).toHaveAttribute("data-cause", /.+/);
    const attempts = await page.evaluate(async (extensionId) => {
      const host = document.querySelector('[data-authlens="banner"]') as HTMLElement;
      // Synthetic events everywhere a click could land: none is trusted.
      for (const type of ["click", "pointerdown", "pointerup", "keydown"]) host.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
      host.click();
      const runtime = (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      let messaged = "no chrome.runtime.sendMessage in the page";
      if (typeof runtime?.sendMessage === "function") {
        try {
          await (runtime.sendMessage as (id: string, m: unknown) => Promise<unknown>)(extensionId, { type: "apply-fix", tabId: 0, failureId: "x", fix: "clear-site-cookies" });
          messaged = "answered";
        } catch (error) {
          messaged = `refused: ${String(error)}`;
        }
      }
      return { shadowRoot: host.shadowRoot === null ? "closed" : "open", messaged };
    }, authlens.extensionId);
    // Nor can it tell that AuthLens is installed by fetching any of its files.
    const built = builtFiles(DIST);
    expect(built).toEqual(expect.arrayContaining(["manifest.json", "content.js"]));
    const fetched = await page.evaluate(
      async ({ base, paths }) => Promise.all(paths.map((path) => fetch(base + path).then((r) => `${path}: ${r.status}`, () => null))),
      { base: `chrome-extension://${authlens.extensionId}/`, paths: built },
    );
    expect(fetched.filter((r) => r !== null)).toEqual([]);
    expect(attempts.shadowRoot).toBe("closed");
    expect(attempts.messaged).not.toBe("answered");
    await page.waitForTimeout(500);
    expect((await context.cookies("http://secrets.test/")).map((c) => c.name)).toContain("sid");
  });

  test("a page cannot show another site's diagnosis in its banner; a content script can neither read nor act on another tab, nor clear another site's cookies", async ({ context, authlens }) => {
    await authlens.setSettings({ reloadAfterFix: false });
    await context.addCookies([{ name: "bank_session", value: "bank-cookie", domain: "api.bank.test", path: "/", expires: in1h() }]);
    const other = await authlens.newTab();
    await other.page.goto("http://secrets.test/");
    await other.page.evaluate(labDone);
    await authlens.waitForFailures(other.tabId, 4);

    // A page on attacker.test makes a request to bank.test fail, so the bank's failure is in this tab.
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://attacker.test/");
    await page.evaluate(labDone);
    const [bankFailure] = (await authlens.waitForFailures(tabId, 1)).failures;
    expect(bankFailure?.site).toBe("bank.test");
    expect(bankFailure?.fixes).toContain("clear-site-cookies");

    // The page's banner says nothing about another site: that failure is for the popup only (past the page's moment to handle it).
    await page.waitForTimeout(HANDLED_MS + 1000);
    await expect(new BannerDriver(context, page).host()).toHaveCount(0);

    const refused = { error: "AuthLens answers only its own pages." };
    expect(await asContentScript(context, page, { type: "report", tabId: other.tabId })).toEqual(refused);
    expect(await asContentScript(context, page, { type: "apply-fix", tabId: other.tabId, failureId: (await authlens.report(other.tabId)).failures[0]!.id, fix: "clear-site-cookies" })).toEqual(refused);
    expect(await asContentScript(context, page, { type: "clear-failures", tabId })).toEqual(refused);
    expect(await asContentScript(context, page, { type: "undo-list", tabId })).toEqual(refused);
    expect(await asContentScript(context, page, { type: "apply-fix", tabId, failureId: bankFailure!.id, fix: "clear-site-cookies" })).toMatchObject({ ok: false });
    // Not even its own tab's record: it holds bank.test's failure (cookie names, token claims).
    expect(await asContentScript(context, page, { type: "report", tabId })).toEqual(refused);
    expect(await asContentScript(context, page, { type: "eval", code: "1" })).toEqual({ error: "Not an AuthLens message." });

    expect((await context.cookies("http://api.bank.test/")).map((c) => c.name)).toEqual(["bank_session"]);
    expect((await authlens.report(other.tabId)).failures).toHaveLength(4);
  });
});

test.describe("stopping the worker loses nothing", () => {
  test("between a request and its response: the failure is still recorded", async ({ authlens, lab }) => {
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://secrets.test/tab");
    void page.evaluate(() => fetch("/api/slow?ms=2500").catch(() => undefined));
    await expect.poll(() => lab.requests.some((r) => r.path === "/api/slow")).toBe(true);
    await authlens.stopWorker();
    await expect.poll(async () => (await authlens.report(tabId)).failures.map((f) => new URL(f.url).pathname), { timeout: 10_000 }).toEqual(["/api/slow"]);
  });

  for (const when of ["in the middle of a clear", "in the middle of an undo"] as const) {
    test(when + ": no cookie is lost, and Undo still restores every one", async ({ context, authlens }) => {
      await authlens.setSettings({ reloadAfterFix: false });
      // Many cookies, so removing (or restoring) them takes long enough to be interrupted.
      await context.addCookies(
        Array.from({ length: 120 }, (_, i) => ({ name: `c${i}`, value: `v${i}`, domain: ["secrets.test", "a.secrets.test", ".secrets.test"][i % 3]!, path: i % 2 ? "/" : "/x", expires: in1h() })),
      );
      const { page, tabId } = await authlens.newTab();
      await page.goto("http://secrets.test/");
      await page.evaluate(labDone);
      const failureId = (await authlens.waitForFailures(tabId, 4)).failures[0]!.id;
      const before = inOrder(await context.cookies());

      const jarSize = async () => (await context.cookies()).filter((c) => c.domain.endsWith("secrets.test")).length;
      if (when === "in the middle of an undo") {
        const probe = await authlens.probe();
        const cleared = await probe.evaluate((m) => chrome.runtime.sendMessage<unknown, { undoId: string }>(m), { type: "apply-fix", tabId, failureId, fix: "clear-site-cookies" });
        expect(await jarSize()).toBe(0);
        await sendWithoutWaiting(authlens, { type: "undo", tabId, undoId: cleared.undoId });
        // Stop once the undo has begun putting cookies back.
        await expect.poll(jarSize, { intervals: [5] }).toBeGreaterThan(0);
      } else {
        await sendWithoutWaiting(authlens, { type: "apply-fix", tabId, failureId, fix: "clear-site-cookies" });
        // Stop once the clear has begun removing cookies (its snapshot is saved before the first removal).
        await expect.poll(jarSize, { intervals: [5] }).toBeLessThan(before.length);
      }
      await authlens.stopWorker();

      // Whatever the worker got through: every cookie is either still there or in an undo snapshot.
      const pending = await undoList(authlens, tabId);
      const remaining = await jarSize();
      test.info().annotations.push({ type: "stopped", description: `${remaining} of ${before.length} cookies in the jar; ${pending.length} undo snapshot(s)` });
      if (remaining < before.length) {
        expect(pending).toHaveLength(1);
        expect(pending[0]!.count).toBe(before.length);
        const probe = await authlens.probe();
        expect(await probe.evaluate((m) => chrome.runtime.sendMessage(m), { type: "undo", tabId, undoId: pending[0]!.id })).toMatchObject({ ok: true });
      }
      expect(inOrder(await context.cookies())).toEqual(before);
    });
  }
});

test.describe("bad input", () => {
  test("stored values of the wrong shape (an older version's) are dropped, and recording goes on", async ({ context, authlens }) => {
    const { page, tabId } = await authlens.newTab();
    const probe = await authlens.probe();
    await probe.evaluate(
      async (id) => {
        await chrome.storage.session.set({ [`tab:${id}`]: "garbage", "undo:old": { cookies: "nope" }, [`tab:${id + 1000}`]: { site: 42, failures: [{ id: 1 }, null] } });
        await chrome.storage.local.set({ settings: { statuses: "all", bannerEnabled: "yes", ignoredSites: [null, 7, "../../etc"] } });
      },
      tabId,
    );
    const popup = await authlens.openPopup(tabId);
    await expect(popup.getByText("No auth failures seen in this tab.")).toBeVisible();
    await page.goto("http://secrets.test/");
    await page.evaluate(labDone);
    expect((await authlens.waitForFailures(tabId, 4)).failures).toHaveLength(4);
    await expect(new BannerDriver(context, page).host()).toHaveAttribute("data-cause", /.+/);
    await popup.reload();
    await expect(popup.getByRole("button", { name: /^Clear cookies/ }).first()).toBeVisible();
  });

  test("malformed, huge and non-ASCII headers are diagnosed and shown", async ({ authlens }) => {
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://secrets.test/odd");
    await page.evaluate(labDone);
    const report = await authlens.waitForFailures(tabId, 3);
    expect(report.failures.map((f) => new URL(f.url).pathname).sort()).toEqual(["/api/huge", "/api/malformed", "/api/non-ascii"]);
    for (const f of report.failures) expect(f.summary.length).toBeGreaterThan(10);
    expect(JSON.stringify(report).length).toBeLessThan(60_000);
    const popup = await authlens.openPopup(tabId);
    await expect(popup.getByText("Details and evidence").first()).toBeVisible(); // rendered, before listing them
    for (const summary of await popup.getByText("Details and evidence").all()) await summary.click();
    await expect(popup.getByText(/Zürich/).first()).toBeVisible();
  });

  test("a tab closed while its request is in flight leaves no record behind", async ({ authlens, lab }) => {
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://secrets.test/tab");
    // keepalive: the request outlives its page, as a beacon or a logout call does.
    void page.evaluate(() => fetch("/api/slow?ms=1500", { keepalive: true }).catch(() => undefined)).catch(() => undefined);
    await expect.poll(() => lab.requests.filter((r) => r.path === "/api/slow").length).toBeGreaterThan(0);
    await page.close();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await authlens.sessionKeys()).not.toContain(`tab:${tabId}`);
  });

  test("a site's own service worker (tabId -1) gets a 401: it is recorded in the tab whose page the worker serves, in no other, and nothing throws", async ({ authlens, lab }) => {
    const elsewhere = await authlens.newTab();
    const { page, tabId } = await authlens.newTab();
    await page.goto("http://secrets.test/worker-page");
    await page.evaluate(labDone);
    expect(await page.evaluate(() => (window as { workerStatus?: number }).workerStatus)).toBe(401);
    expect(lab.requests.some((r) => r.path === "/api/from-worker")).toBe(true);
    const report: Report = await authlens.waitForFailures(tabId, 1);
    expect(report.failures.map((f) => [f.url, f.details.serviceWorker])).toEqual([["http://secrets.test/api/from-worker", true]]);
    expect((await authlens.report(elsewhere.tabId)).failures).toEqual([]);
  });
});
