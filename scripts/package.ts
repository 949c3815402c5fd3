/**
 * `npm run package`: store-ready zips of dist/ (Chrome) and dist-firefox/ (Firefox) in
 * artifacts/, named with package.json's version. Builds carry no source maps and no test code;
 * this refuses to package a build that does.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
const out = join(root, "artifacts");
mkdirSync(out, { recursive: true });

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
