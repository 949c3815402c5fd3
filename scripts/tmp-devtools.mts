import { spawn } from "node:child_process";
import { chromium } from "@playwright/test";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLab } from "../e2e/lab/server";
import { chromiumArgs, chromiumExecutable } from "../e2e/lab/chromium";
import { DIST } from "../e2e/authlens";
import { attachTarget } from "../e2e/cdp-target";
const xvfb = spawn("Xvfb", [":97", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 800));
const lab = await startLab();
const profile = mkdtempSync(join(tmpdir(), "dt-"));
mkdirSync(join(profile, "Default"), { recursive: true });
writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumExecutable(), headless: false, env: { ...process.env, DISPLAY: ":97" }, args: [...chromiumArgs(lab, DIST), "--auto-open-devtools-for-tabs"] });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto("http://app.token-expired.test/");
  await page.waitForTimeout(2000);
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string; targetId: string }[] };
  console.log(targetInfos.map((t) => `${t.type} ${t.url.slice(0, 100)}`).join("\n"));
  const dt = targetInfos.find((t) => t.url.startsWith("devtools://"))!;
  const devtools = await attachTarget(cdp, dt.targetId);
  console.log("has InspectorFrontendAPI:", await devtools.evaluate("typeof InspectorFrontendAPI"));
  const id = new URL(targetInfos.find((t) => t.type === "service_worker")!.url).host;
  console.log("ext", id);
  console.log(await devtools.evaluate(`(InspectorFrontendAPI.showPanel("chrome-extension://${id}AuthLens"), "shown")`));
  await page.waitForTimeout(1500);
  const after = (await cdp.send("Target.getTargets")) as { targetInfos: { type: string; url: string; targetId: string }[] };
  console.log(after.targetInfos.filter((t) => t.url.includes("panel")).map((t) => `${t.type} ${t.url}`).join("\n"));
  const panel = after.targetInfos.find((t) => t.url.includes("panel.html"));
  if (panel) { const p = await attachTarget(cdp, panel.targetId); console.log(await p.evaluate("document.body.innerText.slice(0, 500)")); }
} finally { await context.close(); await lab.close(); xvfb.kill(); }
