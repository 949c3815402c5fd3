import type { BrowserContext, Page } from "@playwright/test";
import { launchAuthLens } from "../e2e/launch";
import { startLab } from "../e2e/lab/server";
async function timedLoad(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return page.evaluate(async () => { await (window as { benchDone?: Promise<unknown> }).benchDone; return performance.now(); });
}
async function loadTime(context: BrowserContext, url: string) { const p = await context.newPage(); const ms = await timedLoad(p, url); await p.close(); return ms; }
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const lab = await startLab();
const head = await launchAuthLens(lab, { watchWorker: false, dist: "/tmp/head-dist" });
const base = await launchAuthLens(lab, { watchWorker: false, dist: "/tmp/base/dist" });
const base2 = await launchAuthLens(lab, { watchWorker: false, dist: "/tmp/varA-dist" });
for (const [url, n] of [["http://bench.test/busy", 31], ["http://slow.bench.test/busy", 17]] as const) {
  const runs = [["head", head.context], ["base", base.context], ["base2", base2.context]] as const;
  for (const [, c] of runs) { await loadTime(c, url); await loadTime(c, url); }
  const t = new Map<string, number[]>(runs.map(([n]) => [n, []]));
  for (let i = 0; i < n; i++) for (let k = 0; k < runs.length; k++) { const [name, c] = runs[(i + k) % runs.length]!; t.get(name)!.push(await loadTime(c, url)); }
  const r = (a: string, b: string) => median(t.get(a)!.map((x, i) => x / t.get(b)![i]!)).toFixed(3);
  console.log(url, "head/base", r("head", "base"), "wsOnly/base", r("base2", "base"), "ms", median(t.get("head")!).toFixed(0), median(t.get("base")!).toFixed(0));
}
await Promise.all([head.close(), base.close(), base2.close()]);
await lab.close();
