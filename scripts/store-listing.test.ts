import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listingProblems, pngSize } from "./store-listing";

const root = resolve(import.meta.dirname, "..");
const copies: string[] = [];
afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The listing's parts of the repository, copied where a test may break them. */
function copyOfListing(): string {
  const dir = mkdtempSync(join(tmpdir(), "authlens-listing-"));
  copies.push(dir);
  for (const part of ["store", "docs/privacy.md", "manifest.json", "public/_locales"]) cpSync(join(root, part), join(dir, part), { recursive: true });
  return dir;
}

describe("the store listing", () => {
  it("is complete for every locale AuthLens speaks: texts within the limits, screenshots and tile at the stores' sizes, privacy policy, every permission justified", () => {
    expect(listingProblems(root)).toEqual([]);
  });

  it("fails a summary over the limit, a screenshot of the wrong size, a missing tile and an unjustified permission", () => {
    const dir = copyOfListing();
    writeFileSync(join(dir, "store/de/summary.txt"), "x".repeat(133));
    cpSync(join(dir, "store/promo/en/small-tile-440x280.png"), join(dir, "store/screenshots/en/9-wrong-light-1280x800.png"));
    rmSync(join(dir, "store/promo/de/small-tile-440x280.png"));
    writeFileSync(join(dir, "manifest.json"), JSON.stringify({ permissions: ["storage", "downloads"], host_permissions: ["<all_urls>"] }));
    expect(listingProblems(dir)).toEqual([
      "store/de/summary.txt is 133 characters; the Chrome Web Store takes 132",
      "store/promo/de/small-tile-440x280.png is missing or not 440×280",
      "store/screenshots/en/9-wrong-light-1280x800.png is 440×280, not 1280×800",
      "store/permissions.md does not justify `downloads`",
    ]);
  });

  it("reads a PNG's size, and refuses what is not a PNG", () => {
    const header = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 5, 0, 0, 0, 3, 0x20]);
    expect(pngSize(header)).toEqual({ width: 1280, height: 800 });
    expect(pngSize(new TextEncoder().encode("GIF89a, not a PNG at all"))).toBeNull();
  });
});
