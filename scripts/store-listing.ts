/**
 * The store listing in store/ (and docs/privacy.md), checked: for every locale AuthLens speaks, a
 * summary and description within the stores' limits, screenshots at 1280×800 in both themes and
 * the Chrome Web Store's small promotional tile (440×280); a privacy policy; a justification for
 * every permission the manifest asks for. `npm run package` refuses to pack a listing that fails,
 * and a unit test runs it on the repository.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The Chrome Web Store's limits (its summary field; its description field). addons.mozilla.org allows more of both. */
export const LIMITS = { summary: 132, description: 16_000 } as const;
export const SCREENSHOT = { width: 1280, height: 800 } as const;
export const PROMO_TILE = { width: 440, height: 280 } as const;

/** A PNG's size, from its IHDR chunk; null if the file is not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const read = (path: string) => (existsSync(path) ? readFileSync(path, "utf8").trim() : null);

/** What is missing or wrong in the listing under `root` (the repository); empty when it can be submitted. */
export function listingProblems(root: string): string[] {
  const problems: string[] = [];
  const locales = readdirSync(join(root, "public", "_locales")).sort();
  for (const locale of locales) {
    const summary = read(join(root, "store", locale, "summary.txt"));
    const description = read(join(root, "store", locale, "description.txt"));
    if (!summary) problems.push(`store/${locale}/summary.txt is missing or empty`);
    else if ([...summary].length > LIMITS.summary) problems.push(`store/${locale}/summary.txt is ${[...summary].length} characters; the Chrome Web Store takes ${LIMITS.summary}`);
    if (!description) problems.push(`store/${locale}/description.txt is missing or empty`);
    else if ([...description].length > LIMITS.description) problems.push(`store/${locale}/description.txt is over ${LIMITS.description} characters`);

    const shots = join(root, "store", "screenshots", locale);
    const pngs = existsSync(shots) ? readdirSync(shots).filter((f) => f.endsWith(".png")) : [];
    for (const theme of ["light", "dark"]) if (!pngs.some((f) => f.includes(`-${theme}-`))) problems.push(`store/screenshots/${locale} has no ${theme} screenshot`);
    for (const file of pngs) {
      const size = pngSize(readFileSync(join(shots, file)));
      if (!size || size.width !== SCREENSHOT.width || size.height !== SCREENSHOT.height) problems.push(`store/screenshots/${locale}/${file} is ${size ? `${size.width}×${size.height}` : "not a PNG"}, not ${SCREENSHOT.width}×${SCREENSHOT.height}`);
    }
    const tile = join(root, "store", "promo", locale, "small-tile-440x280.png");
    const tileSize = existsSync(tile) ? pngSize(readFileSync(tile)) : null;
    if (!tileSize || tileSize.width !== PROMO_TILE.width || tileSize.height !== PROMO_TILE.height) problems.push(`store/promo/${locale}/small-tile-440x280.png is missing or not ${PROMO_TILE.width}×${PROMO_TILE.height}`);
  }

  if (!read(join(root, "docs", "privacy.md"))) problems.push("docs/privacy.md (the privacy policy) is missing");
  const justifications = read(join(root, "store", "permissions.md")) ?? "";
  const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as { permissions?: string[]; host_permissions?: string[] };
  for (const permission of [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])]) {
    if (!justifications.includes(`\`${permission}\``)) problems.push(`store/permissions.md does not justify \`${permission}\``);
  }
  return problems;
}
