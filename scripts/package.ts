/**
 * `npm run package`: what the stores take, in artifacts/: zips of dist/ (Chrome) and
 * dist-firefox/ (Firefox), named with package.json's version; the source archive
 * addons.mozilla.org asks for with a bundled build; and beside them `listing/`: the descriptions
 * per locale, the screenshots and promotional tile, the privacy policy and the permission
 * justifications (store/, docs/privacy.md). Builds carry no source maps and no test code, and the
 * listing must be complete (scripts/store-listing.ts); this refuses to package otherwise.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { listingProblems } from "./store-listing.ts";

const root = resolve(import.meta.dirname, "..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const out = join(root, "artifacts");
mkdirSync(out, { recursive: true });

const problems = listingProblems(root);
if (problems.length) throw new Error(`The store listing is not complete:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

for (const [browser, dir] of [["chrome", "dist"], ["firefox", "dist-firefox"]] as const) {
  const source = join(root, dir);
  const manifest = JSON.parse(readFileSync(join(source, "manifest.json"), "utf8")) as { version: string };
  if (manifest.version !== version) throw new Error(`${dir}/manifest.json says ${manifest.version}, package.json ${version}: rebuild first.`);
  const unwanted = files(source).filter((f) => /\.map$|\.(spec|test)\.|\/e2e\//.test(f) || readFileSync(f).includes(root));
  if (unwanted.length) throw new Error(`${dir} holds files a store package must not: ${unwanted.join(", ")}`);
  const zip = join(out, `authlens-${browser}-${version}.zip`);
  rmSync(zip, { force: true });
  execFileSync("npx", ["web-ext", "build", "--source-dir", source, "--artifacts-dir", out, "--filename", `authlens-${browser}-${version}.zip`, "--overwrite-dest"], { stdio: "inherit" });
  console.log(`${browser}: ${zip}`);
}

// The listing, beside the zips: what to paste and upload in each store's form.
const listing = join(out, "listing");
rmSync(listing, { recursive: true, force: true });
cpSync(join(root, "store"), listing, { recursive: true });
cpSync(join(root, "docs", "privacy.md"), join(listing, "privacy.md"));
console.log(`listing: ${listing} (${readdirSync(listing).join(", ")})`);

// addons.mozilla.org wants the source of a bundled build: the committed tree, as git has it.
if (existsSync(join(root, ".git"))) {
  const source = join(out, `authlens-source-${version}.zip`);
  execFileSync("git", ["archive", "--format=zip", "--output", source, "HEAD"], { cwd: root });
  console.log(`source: ${source}`);
} else {
  console.log("source: not a git checkout, no source archive (addons.mozilla.org asks for one with a bundled build)");
}
