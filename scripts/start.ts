/**
 * `npm start`: the built extension in Chromium, on the local auth lab at once.
 *
 * With a display, Chromium opens AuthLens's first-run page and the lab's index page for you to
 * explore (close the window or press Ctrl+C to stop); `npm start -- --real` adds the real-server
 * lab (nginx, Apache, Django, …), installing its server software first. With no display, or with
 * `--headless`, it tours every scenario of both labs and the sign-in navigations (installing the
 * real servers it needs), prints what AuthLens recorded for each, and saves a screenshot of the
 * popup for each to artifacts/.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { dismissSignInPrompts } from "../e2e/authlens";
import { launchAuthLens } from "../e2e/launch";
import { SCENARIOS, CLEAN_PAGE } from "../e2e/lab/scenarios/index";
import { startLab } from "../e2e/lab/server";
import { missingServerSoftware, startRealLab, type RealLab } from "../e2e/real-lab/real-lab";
import { REAL_SCENARIOS } from "../e2e/real-lab/scenarios/index";
import { SIGN_IN_FLOWS } from "../e2e/real-lab/sign-in-flows";

const headless = process.argv.includes("--headless") || !process.env.DISPLAY;
// The real servers take minutes to install and a while to start: only for the tour, or when asked.
const withRealLab = headless || process.argv.includes("--real");
if (withRealLab) spawnSync("bash", [resolve(import.meta.dirname, "install-lab-servers.sh")], { stdio: "inherit" });
const lab = await startLab(Number(process.env.LAB_PORT ?? 0));
const missing = withRealLab ? missingServerSoftware() : null;
if (missing) console.log(`The real-server lab is not running: it needs ${missing}.`);
const realLab: RealLab | null = withRealLab && !missing ? await startRealLab(lab) : null;
// A person sees the first-run page AuthLens opens on install, as in their own browser.
const launched = await launchAuthLens(lab, { headless, watchWorker: false, keepWelcome: !headless });
const { context, authlens } = launched;

const stop = async () => {
  await launched.close().catch(() => undefined);
  await realLab?.close();
  await lab.close();
};

/** A scenario of either lab, as the tour walks it. */
interface TourStop {
  id: string;
  cause: string;
  start: string;
  failing?: string;
  closerLook?: string | undefined;
  prepare?: (stage: { page: Page; context: BrowserContext; lab: RealLab }) => Promise<void>;
}

if (!headless) {
  const page = await context.newPage();
  await page.goto(lab.index);
  await page.bringToFront();
  console.log(`AuthLens is loaded in Chromium, on the auth lab (${lab.index})${realLab ? " and the real-server lab" : " (npm start -- --real adds the real-server lab)"}.
Open a scenario; the AuthLens icon counts the failures in that tab (pin it from the puzzle-piece menu), and its popup explains them
(where the browser hid the answer, click "Look closer" in the popup).
Close the browser window or press Ctrl+C to stop.`);
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  context.once("close", () => void stop().then(() => process.exit(0)));
} else {
  const shots = resolve(import.meta.dirname, "../artifacts/screenshots");
  mkdirSync(shots, { recursive: true });
  console.log("No display (or --headless): touring the labs headless.\n");
  const rows: string[][] = [["scenario", "expected", "recorded", "seen", "status", "confidence", "summary"]];
  // Two scenarios fail on an image or a script: the tour turns on watching those.
  await authlens.setSettings({ watchSubresources: true });
  const stops: TourStop[] = [
    ...SCENARIOS.map((s) => ({ ...s, failing: s.failing })),
    { id: "clean-page", cause: "(nothing)", start: CLEAN_PAGE },
    ...(realLab ? REAL_SCENARIOS.map((s) => ({ ...s, id: `real: ${s.id}`, failing: s.failing.url })) : []),
  ];
  for (const scenario of stops) {
    const { page, tabId } = await authlens.newTab();
    // A person dismisses the sign-in prompt a Basic challenge raises (headless Chromium would close the tab).
    await dismissSignInPrompts(context, page);
    if (scenario.prepare && realLab) await scenario.prepare({ page, context, lab: realLab });
    // A sign-in prompt is dismissed, and a proxy 407 ends the navigation: both are expected.
    await page.goto(scenario.start).catch(() => undefined);
    await page
      .evaluate(() => (window as { labDone?: Promise<void> }).labDone)
      .catch(() => undefined);
    const expectsFailure = scenario.id !== "clean-page";
    // What only a closer look shows (a refused preflight, an answer without CORS headers): as a person would, look closer.
    if (scenario.closerLook) {
      await page.waitForTimeout(500);
      await authlens.lookCloser(tabId, page);
    }
    const find = async () => {
      const report = expectsFailure ? await authlens.waitForFailures(tabId, 1) : await authlens.report(tabId);
      return report.failures.find((f) => f.url === scenario.failing) ?? report.failures[0];
    };
    let top = await find();
    // The failure seen closer is recorded once the reloaded page's requests are.
    for (let i = 0; scenario.closerLook && i < 20 && top?.details.sent.cookiesFrom !== "header"; i++) {
      await page.waitForTimeout(250);
      top = await find();
    }
    const seen = !top ? "" : top.details.sent.cookiesFrom === "header" ? "closer" : "default";
    rows.push([scenario.id, scenario.cause, top?.cause ?? "(nothing)", seen, top ? String(top.status) : "", top ? `${Math.round(top.confidence * 100)}%` : "", top?.summary ?? ""]);
    const popup = await authlens.openPopup(tabId);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.screenshot({ path: resolve(shots, `${scenario.id.replace(/[^a-z0-9-]+/gi, "-")}.png`), fullPage: true });
    await popup.close();
    await page.close();
  }
  // The sign-in navigations, as a person makes them: those the site turns into a sign-in, and those it does not.
  for (const flow of realLab ? SIGN_IN_FLOWS : []) {
    const { page, tabId } = await authlens.newTab();
    await dismissSignInPrompts(context, page);
    await flow.run({ page, context, lab: realLab! });
    await page.waitForTimeout(500);
    const failures = (await authlens.report(tabId)).failures;
    const top = flow.expect ? (failures.find((f) => f.url.startsWith(flow.expect!.url)) ?? failures[0]) : failures[0];
    rows.push([`sign-in: ${flow.id}`, flow.expect?.cause ?? "(nothing)", top?.cause ?? "(nothing)", top ? "default" : "", top ? String(top.status) : "", top ? `${Math.round(top.confidence * 100)}%` : "", top?.summary ?? ""]);
    const popup = await authlens.openPopup(tabId);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.screenshot({ path: resolve(shots, `sign-in-${flow.id}.png`), fullPage: true });
    await popup.close();
    await page.close();
  }
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? "").length))));
  for (const row of rows) console.log(row.map((cell, i) => cell.slice(0, 60).padEnd(widths[i] ?? 0)).join("  "));
  console.log(`\nScreenshots of the popup for each scenario: ${shots}`);
  await stop();
}
