/**
 * The AuthLens panel in DevTools, in a real Chromium with a display (Xvfb: DevTools does not open
 * in a headless browser), DevTools opened for every tab as a developer's would be, and the panel
 * shown as a developer clicks its tab (DevTools' own InspectorFrontendAPI.showPanel).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { labDone } from "./authlens";
import { attachTarget, type TargetSession } from "./cdp-target";
import { launchAuthLens, type Launched } from "./launch";
import { PLANTED_JWT, secretForms } from "./lab/security-routes";
import { expect, test } from "./real-lab/fixtures";
import { missingServerSoftware } from "./real-lab/real-lab";
import { djangoSignIn } from "./real-lab/scenarios/python";
import { harProblems } from "../src/test/har-validator";

const XVFB = spawnSync("sh", ["-c", "command -v Xvfb"]).status === 0;
test.skip(!XVFB, "DevTools needs a display: install xvfb (scripts/install-browsers.sh does)");
test.skip(() => missingServerSoftware() !== null, `the real-server lab needs ${missingServerSoftware()}`);

let xvfb: ChildProcess;
let display = "";
test.beforeAll(async () => {
  const number = [...Array(40).keys()].map((i) => 140 + i).find((n) => !existsSync(`/tmp/.X11-unix/X${n}`) && !existsSync(`/tmp/.X${n}-lock`))!;
  display = `:${number}`;
  xvfb = spawn("Xvfb", [display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"], { stdio: "ignore" });
  for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${number}`); i++) await new Promise((r) => setTimeout(r, 100));
});
test.afterAll(() => void xvfb?.kill());

/** Chromium with a display, DevTools open for every tab, downloads kept in `downloads` (Playwright names them by a GUID). */
async function withDevtools(lab: Parameters<typeof launchAuthLens>[0], downloads: string): Promise<Launched> {
  return launchAuthLens(lab, {
    headless: false,
    watchWorker: false,
    extraArgs: ["--auto-open-devtools-for-tabs", "--window-size=1500,950"],
    env: { DISPLAY: display },
    downloadsPath: downloads,
  });
}

/**
 * The AuthLens panel of the DevTools that inspects `page`: shows AuthLens's tab in every DevTools
 * window, then picks the panel whose inspected tab is the page's.
 */
async function panelFor(context: BrowserContext, page: Page, tabId: number, extensionId: string): Promise<{ panel: TargetSession; devtools: TargetSession }> {
  const cdp = await context.newCDPSession(page);
  for (let attempt = 0; attempt < 50; attempt++) {
    const { targetInfos } = await cdp.send("Target.getTargets");
    for (const target of targetInfos.filter((t) => t.url.startsWith("devtools://devtools/"))) {
      const devtools = await attachTarget(cdp, target.targetId);
      await devtools.evaluate(`InspectorFrontendAPI.showPanel(${JSON.stringify(`chrome-extension://${extensionId}AuthLens`)})`).catch(() => undefined);
    }
    const panels = (await cdp.send("Target.getTargets")).targetInfos.filter((t) => t.url.startsWith(`chrome-extension://${extensionId}/src/devtools/panel.html`));
    for (const target of panels) {
      const panel = await attachTarget(cdp, target.targetId);
      if ((await panel.evaluate<string>("document.documentElement.dataset.inspectedTab ?? ''")) !== String(tabId)) continue;
      // Its DevTools window (for a screenshot): the page whose main frame holds the panel's frame.
      const owner = targetInfos.find((t) => t.url.startsWith("devtools://devtools/") && t.targetId === (target as { parentFrameId?: string }).parentFrameId);
      if (!owner) throw new Error("no DevTools window holds the AuthLens panel");
      return { panel, devtools: await attachTarget(cdp, owner.targetId) };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the AuthLens panel did not open");
}

/**
 * Waits until DevTools is open on `tabId` and recording its network (its DevTools page, AuthLens's,
 * answers for that tab): a page loaded before that is not in the Network log, as for a developer.
 */
async function devtoolsOpenOn(context: BrowserContext, page: Page, tabId: number, extensionId: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  for (let attempt = 0; attempt < 50; attempt++) {
    const { targetInfos } = await cdp.send("Target.getTargets");
    for (const target of targetInfos.filter((t) => t.url === `chrome-extension://${extensionId}/src/devtools/devtools.html`)) {
      const devtoolsPage = await attachTarget(cdp, target.targetId);
      if ((await devtoolsPage.evaluate<number>("chrome.devtools.inspectedWindow.tabId").catch(() => -1)) === tabId) return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("DevTools did not open on the tab");
}

type Row = { cause: string; url: string; text: string; fixes: string[] };
const rowsOf = (panel: TargetSession) =>
  panel.evaluate<Row[]>(
    `[...document.querySelectorAll("li.failure")].map((li) => ({ cause: li.dataset.cause, url: li.querySelector(".url")?.textContent ?? "", text: li.textContent ?? "", fixes: [...li.querySelectorAll(".fix-list li")].map((f) => f.dataset.fix) }))`,
  );

test("the panel lists the tab's failures from the Network log, names token-expired from express-jwt's body and the CSRF cause from Django REST framework's", async ({ lab }) => {
  test.setTimeout(120_000);
  const downloads = mkdtempSync(join(tmpdir(), "authlens-downloads-"));
  const launched = await withDevtools(lab, downloads);
  try {
    const { authlens, context } = launched;
    // express-jwt reads the token from a cookie and answers a bare 401: only the body says the token expired.
    const { page, tabId } = await authlens.newTab();
    await devtoolsOpenOn(context, page, tabId, authlens.extensionId);
    await page.goto("http://shop.express-jwt.test/pages/cookie-expired.html");
    await page.evaluate(labDone);
    // The panel opens after the page loaded: it reads what the Network log already holds.
    const { panel, devtools } = await panelFor(context, page, tabId, authlens.extensionId);
    const ofOrders = async () => (await rowsOf(panel)).find((r) => r.url.includes("/api/cookie/orders"));
    await expect.poll(async () => (await ofOrders())?.cause, { timeout: 10_000 }).toBe("token-expired");
    expect((await ofOrders())?.text).toContain("jwt expired");
    // The same ranked fixes the popup offers: a fresh token from a reload first.
    expect((await ofOrders())?.fixes).toEqual(["reload", "sign-in"]);
    // New requests show as they happen: the page again, with the panel open.
    await page.reload();
    await page.evaluate(labDone);
    await expect.poll(async () => (await rowsOf(panel)).filter((r) => r.url.includes("/api/cookie/orders")).length, { timeout: 10_000 }).toBe(1);
    if (process.env.UPDATE_DOCS_SCREENSHOTS) {
      const { data } = await devtools.call<{ data: string }>("Page.captureScreenshot", { format: "png" });
      (await import("node:fs")).writeFileSync(resolve(import.meta.dirname, "../docs/screenshots/devtools-panel.png"), Buffer.from(data, "base64"));
    }

    // Django REST framework's CSRF refusal: a signed-in page posts without its X-CSRFToken header.
    const csrf = await authlens.newTab();
    await devtoolsOpenOn(context, csrf.page, csrf.tabId, authlens.extensionId);
    await djangoSignIn(csrf.page, "forms.django.test", "alice");
    await csrf.page.goto("http://forms.django.test/pages/post-note.html");
    await csrf.page.evaluate(labDone);
    const { panel: csrfPanel } = await panelFor(context, csrf.page, csrf.tabId, authlens.extensionId);
    await expect.poll(async () => (await rowsOf(csrfPanel)).find((r) => r.url.includes("/api/notes"))?.cause, { timeout: 10_000 }).toBe("csrf");
    expect((await rowsOf(csrfPanel)).find((r) => r.url.includes("/api/notes"))?.text).toContain("CSRF Failed");
  } finally {
    await launched.close();
    rmSync(downloads, { recursive: true, force: true });
  }
});

test("Save redacted HAR shows what it replaced, and saves a valid HAR with none of the planted secrets", async ({ lab }) => {
  test.setTimeout(120_000);
  const downloads = mkdtempSync(join(tmpdir(), "authlens-downloads-"));
  const launched = await withDevtools(lab, downloads);
  try {
    const { authlens, context } = launched;
    const { page, tabId } = await authlens.newTab();
    await devtoolsOpenOn(context, page, tabId, authlens.extensionId);
    // Cookies, a bearer JWT, Basic credentials, an API key and a query token, each refused (e2e/lab/security-routes.ts).
    await page.goto("http://secrets.test/");
    await page.evaluate(labDone);
    const { panel } = await panelFor(context, page, tabId, authlens.extensionId);
    await expect.poll(async () => (await rowsOf(panel)).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await panel.evaluate(`document.querySelector("button.save-har").click()`);
    await expect.poll(() => panel.evaluate<string[]>(`[...document.querySelectorAll(".har li")].map((li) => li.dataset.kind)`), { timeout: 10_000 }).toEqual(expect.arrayContaining(["cookies", "authorization", "apiKeys", "urlTokens", "jwtSignatures"]));
    await panel.evaluate(`document.querySelector("button.save-har-file").click()`);
    await expect.poll(() => readdirSync(downloads).length, { timeout: 10_000 }).toBe(1);
    const file = readFileSync(join(downloads, readdirSync(downloads)[0]!), "utf8");
    // A JWT's claims may stay (they are labelled); its signature, and every other secret, may not.
    const claims = PLANTED_JWT.split(".")[1]!;
    const allowed = (form: string) => form.includes(claims) || form === "plantedJwtSubject27c8" || form === encodeURIComponent("plantedJwtSubject27c8") || form === Buffer.from("plantedJwtSubject27c8").toString("base64");
    const leaked = secretForms().filter((form) => !allowed(form) && file.includes(form));
    expect(leaked).toEqual([]);
    const har = JSON.parse(file) as unknown;
    expect(harProblems(har)).toEqual([]);
    expect(file).toContain("secrets.test/api/token");
  } finally {
    await launched.close();
    rmSync(downloads, { recursive: true, force: true });
  }
});
