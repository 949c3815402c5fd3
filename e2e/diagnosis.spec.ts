import { labDone } from "./authlens";
import { expect, test } from "./fixtures";
import { CLEAN_PAGE, SCENARIOS } from "./lab/scenarios/index";
import { CAUSE_IDS } from "../src/core/diagnosis/cause";
import { seenInFull } from "../src/core/diagnosis/seen-in-full";
import { checkFixChoice, checkHandledQuietly } from "./fix-choice";

test("every cause has at least two lab scenarios from different server families", () => {
  for (const cause of CAUSE_IDS) {
    const families = new Set(SCENARIOS.filter((s) => s.cause === cause).map((s) => s.family));
    expect(families.size, `families for ${cause}`).toBeGreaterThanOrEqual(2);
  }
});

test("AuthLens names the right cause for every lab scenario, from what it watches by default or once it looks closer, and offers first the fix that resolves it", async ({ authlens, context }) => {
  test.setTimeout(300_000);
  // Two scenarios fail on an image or a script, which AuthLens watches only when asked to.
  await authlens.setSettings({ watchSubresources: true });
  for (const scenario of SCENARIOS) {
    await test.step(`${scenario.id} (${scenario.family}) → ${scenario.cause}${scenario.closerLook ? " (looking closer)" : ""}`, async () => {
      const { page, tabId } = await authlens.newTab();
      // A sign-in prompt or proxy prompt is cancelled headless and ends the navigation: expected.
      await page.goto(scenario.start).catch(() => undefined);
      await page.evaluate(labDone).catch(() => undefined);
      const recorded = async () => (await authlens.report(tabId)).failures.find((f) => f.url === scenario.failing);
      if (scenario.closerLook) {
        // By default the failure is not seen at all (a preflight) or not in full (Chrome hides its cookie headers),
        // and whatever is recorded does not claim the cause surely; then the page is reloaded under the closer look.
        await page.waitForTimeout(300);
        const before = await recorded();
        expect(before ? seenInFull(before.details) : false).toBe(false);
        if (before && before.cause !== scenario.cause) expect(before.confidence).toBeLessThanOrEqual(0.5);
        expect((await authlens.lookCloser(tabId, page)).ok).toBe(true);
        await expect.poll(async () => { const f = await recorded(); return f && seenInFull(f.details); }, { message: `failure seen closer for ${scenario.failing}` }).toBe(true);
      }
      await expect.poll(async () => (await recorded())?.cause, { message: `cause recorded for ${scenario.failing}` }).toBe(scenario.cause);
      const failure = await recorded();
      // Nothing recorded in the tab names a wrong cause above 50%.
      const wrong = (await authlens.report(tabId)).failures.filter((f) => f.cause !== scenario.cause && f.confidence > 0.5);
      expect(wrong.map((f) => `${f.url}: ${f.cause} ${f.confidence}`)).toEqual([]);
      expect(failure?.confidence).toBeGreaterThan(0);
      // Pages, frames and fetches: their request headers are seen in every tab (images and scripts are not watched for them).
      if (!scenario.closerLook && !scenario.subresource) expect(failure?.details.sent.seen, "request headers seen by default").toBe(true);
      expect(failure?.confidence).toBeLessThanOrEqual(1);
      expect(failure?.explanation.length).toBeGreaterThan(40);
      expect(failure?.fixes.length).toBeGreaterThan(0);
      // The popup leads with the fix that resolves it, the banner with the same, and no card offers what its words rule out.
      if (failure && scenario.handled) await checkHandledQuietly(authlens, context, page, tabId, failure, scenario.handled);
      else if (failure) await checkFixChoice(authlens, context, page, tabId, failure, scenario.resolvedBy);
      await page.close();
    });
  }
});

test("a clean page records nothing", async ({ authlens }) => {
  const { page, tabId } = await authlens.newTab();
  await page.goto(CLEAN_PAGE);
  await page.evaluate(() => (window as { labDone?: Promise<void> }).labDone);
  await page.waitForTimeout(500);
  expect((await authlens.report(tabId)).failures).toEqual([]);
});
