/**
 * `npm start`: the built extension in Chromium, on the local auth lab.
 *
 * With a display, Chromium opens on the lab's index page for you to explore (close the window or
 * press Ctrl+C to stop). With no display, or with `--headless`, it tours every lab scenario, prints
 * what AuthLens recorded for each, and saves a screenshot of the popup for each to artifacts/.
 */
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { launchAuthLens } from "../e2e/launch";
import { SCENARIOS, CLEAN_PAGE } from "../e2e/lab/scenarios/index";
import { startLab } from "../e2e/lab/server";

const headless = process.argv.includes("--headless") || !process.env.DISPLAY;
const lab = await startLab(Number(process.env.LAB_PORT ?? 0));
const launched = await launchAuthLens(lab, { headless, watchWorker: false });
const { context, authlens } = launched;

const stop = async () => {
  await launched.close().catch(() => undefined);
  await lab.close();
};

if (!headless) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(lab.index);
  console.log(`AuthLens is loaded in Chromium, on the auth lab (${lab.index}).
Open a scenario; the AuthLens icon counts the failures in that tab (pin it from the puzzle-piece menu), and its popup explains them
(for a CORS preflight or a token's claims, click "Look closer" in the popup).
Close the browser window or press Ctrl+C to stop.`);
  process.once("SIGINT", () => void stop().then(() => process.exit(0)));
  context.once("close", () => void lab.close().then(() => process.exit(0)));
} else {
  const shots = resolve(import.meta.dirname, "../artifacts/screenshots");
  mkdirSync(shots, { recursive: true });
  console.log("No display (or --headless): touring the auth lab headless.\n");
  const rows: string[][] = [["scenario", "expected", "recorded", "seen", "status", "confidence", "summary"]];
  // Two scenarios fail on an image or a script: the tour turns on watching those.
  await authlens.setSettings({ watchSubresources: true });
  for (const scenario of [...SCENARIOS, { id: "clean-page", cause: "(nothing)", start: CLEAN_PAGE, closerLook: undefined }]) {
    const { page, tabId } = await authlens.newTab();
    // A sign-in prompt is cancelled headless, and a proxy 407 ends the navigation: both are expected.
    await page.goto(scenario.start).catch(() => undefined);
    await page
      .evaluate(() => (window as { labDone?: Promise<void> }).labDone)
      .catch(() => undefined);
    const expectsFailure = scenario.id !== "clean-page";
    // What only a closer look shows (a CORS preflight, a token's claims): as a person would, look closer.
    if (scenario.closerLook) {
      await authlens.waitForFailures(tabId, 1, 1500);
      await authlens.lookCloser(tabId, page);
    }
    let report = expectsFailure ? await authlens.waitForFailures(tabId, 1) : await authlens.report(tabId);
    // The failure seen closer replaces the first one once the reloaded page's requests are recorded.
    for (let i = 0; scenario.closerLook && i < 20 && !report.failures[0]?.details.sent.seen; i++) {
      await page.waitForTimeout(250);
      report = await authlens.report(tabId);
    }
    const top = report.failures[0];
    const seen = !top ? "" : top.details.sent.seen ? "closer" : "default";
    rows.push([scenario.id, scenario.cause, top?.cause ?? "(nothing)", seen, top ? String(top.status) : "", top ? `${Math.round(top.confidence * 100)}%` : "", top?.summary ?? ""]);
    const popup = await authlens.openPopup(tabId);
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.screenshot({ path: resolve(shots, `${scenario.id}.png`), fullPage: true });
    await popup.close();
    await page.close();
  }
  const widths = rows[0]!.map((_, i) => Math.min(60, Math.max(...rows.map((r) => (r[i] ?? "").length))));
  for (const row of rows) console.log(row.map((cell, i) => cell.slice(0, 60).padEnd(widths[i] ?? 0)).join("  "));
  console.log(`\nScreenshots of the popup for each scenario: ${shots}`);
  await stop();
}
