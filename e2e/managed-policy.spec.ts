import { createHash } from "node:crypto";
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BannerDriver, DIST, labDone } from "./authlens";
import { expect, test } from "./fixtures";
import { launchAuthLens } from "./launch";
import { SCENARIOS } from "./lab/scenarios/index";

/**
 * An organisation's policy as an IT department sets it: a JSON file in the browser's managed
 * policy folder naming the extension under `3rdparty.extensions`. Chromium (Debian's, and
 * Chromium builds) reads /etc/chromium/policies/managed; Google Chrome /etc/opt/chrome/policies/managed.
 */
const POLICY_DIRS = ["/etc/chromium/policies/managed", "/etc/opt/chrome/policies/managed"];

/** The id Chromium gives an unpacked extension: its absolute path's SHA-256, first 16 bytes, each hex digit as a letter a–p. */
function unpackedId(path: string): string {
  return [...createHash("sha256").update(path).digest("hex").slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join("");
}

function writable(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

test("a managed policy turns the banner off, forbids Look closer and ignores a site; the settings page shows each as set by the organisation, not editable", async ({ lab }) => {
  const dirs = POLICY_DIRS.filter(writable);
  test.skip(dirs.length === 0, `a managed policy needs a writable ${POLICY_DIRS.join(" or ")} (run as root, as CI does)`);
  // A copy of the build at a path of its own: an id of its own, so the policy touches no other browser's AuthLens.
  const copy = mkdtempSync(join(tmpdir(), "authlens-managed-"));
  cpSync(DIST, copy, { recursive: true });
  const id = unpackedId(copy);
  const files = dirs.map((d) => join(d, `authlens-e2e-${id}.json`));
  const policy = { bannerEnabled: false, lookCloserAllowed: false, ignoredSites: ["corp-intranet.test"] };
  for (const file of files) writeFileSync(file, JSON.stringify({ "3rdparty": { extensions: { [id]: policy } } }));
  const launched = await launchAuthLens(lab, { dist: copy });
  try {
    const { authlens, context } = launched;
    expect(authlens.extensionId, "Chromium named the copy otherwise: the policy file names the wrong extension").toBe(id);
    const probe = await authlens.probe();
    expect(await probe.evaluate(() => chrome.storage.managed.get(null))).toEqual(policy);

    // A failure on a lab page is still recorded and counted, but no banner comes.
    const s = SCENARIOS.find((x) => x.id === "session-expired")!;
    const { page, tabId } = await authlens.newTab();
    await page.goto(s.start);
    await page.evaluate(labDone);
    await authlens.waitForFailures(tabId, 1);
    const report = await authlens.report(tabId);
    expect(report).toMatchObject({ lookCloserAllowed: false });
    // The banner would have come within this time (banner.spec.ts): it asks once the failure is stored.
    await page.waitForTimeout(1500);
    await expect(new BannerDriver(context, page).host()).toHaveCount(0);

    const settings = await context.newPage();
    await settings.goto(`chrome-extension://${authlens.extensionId}/src/options/index.html`);
    await expect(settings.getByText("Some settings are set by your organisation and cannot be changed here.")).toBeVisible();
    const banner = settings.getByRole("checkbox", { name: "Show a banner on the page when sign-in fails" });
    await expect(banner).toBeDisabled();
    await expect(banner).not.toBeChecked();
    await expect(banner).toHaveAccessibleDescription(/Set by your organisation\./);
    const lookCloser = settings.getByRole("checkbox", { name: "Offer Look closer" });
    await expect(lookCloser).toBeDisabled();
    await expect(lookCloser).not.toBeChecked();
    // What the person may still change stays theirs to change.
    await expect(settings.getByRole("checkbox", { name: "Reload the page by itself after a fix" })).toBeEnabled();
    // The organisation's site is listed without a way to remove it.
    const site = settings.getByRole("listitem").filter({ hasText: "corp-intranet.test" });
    await expect(site).toContainText("Set by your organisation.");
    await expect(site.getByRole("button")).toHaveCount(0);
  } finally {
    await launched.close();
    for (const file of files) rmSync(file, { force: true });
    rmSync(copy, { recursive: true, force: true });
  }
});
