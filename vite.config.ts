import { crx } from "@crxjs/vite-plugin";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, defineConfig, type Plugin } from "vite";
import manifest from "./manifest.json" with { type: "json" };
import pkg from "./package.json" with { type: "json" };
import { firefoxManifest } from "./scripts/firefox-manifest";

const oxc = { jsx: { runtime: "automatic", importSource: "preact" } } as const;

/**
 * The content script as one classic file, declared in the built manifest. crxjs would load it
 * through a module loader that needs its chunks listed in `web_accessible_resources`, which lets
 * any page fetch them and so detect that AuthLens is installed. One self-contained file needs no
 * web-accessible resource at all.
 */
function contentScriptInOneFile(outDir: string, target: string, contentScripts: typeof manifest.content_scripts): Plugin {
  return {
    name: "authlens-content-script",
    apply: "build",
    async closeBundle() {
      const file = "content.js";
      // One entry with one file and no CSS is what this builds; anything else must fail loudly.
      const [only, ...more] = contentScripts;
      const entry = only?.js[0];
      if (!only || more.length > 0 || only.js.length !== 1 || !entry || "css" in only) {
        throw new Error("vite.config.ts builds exactly one content script (one js file, no css); extend contentScriptInOneFile first.");
      }
      await build({
        configFile: false,
        logLevel: "warn",
        oxc,
        build: { outDir, emptyOutDir: false, target, sourcemap: false, lib: { entry, formats: ["iife"], name: "authlensContent", fileName: () => file } },
      });
      const path = join(outDir, "manifest.json");
      const built = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
      built.content_scripts = contentScripts.map((c) => ({ ...c, js: [file] }));
      writeFileSync(path, `${JSON.stringify(built, null, 2)}\n`);
    },
  };
}

/**
 * One source, two builds: `vite build` for Chrome (dist/), `vite build --mode firefox` for
 * Firefox (dist-firefox/). The manifest's version always follows package.json.
 */
export default defineConfig(({ mode }) => {
  const firefox = mode === "firefox";
  const outDir = firefox ? "dist-firefox" : "dist";
  const target = firefox ? "firefox142" : "chrome120";
  const { content_scripts: contentScripts, ...rest } = manifest;
  const base = { ...rest, version: pkg.version };
  return {
    plugins: [crx({ manifest: (firefox ? firefoxManifest(base) : base) as typeof manifest, browser: firefox ? "firefox" : "chrome" }), contentScriptInOneFile(outDir, target, contentScripts)],
    oxc,
    build: {
      outDir,
      emptyOutDir: true,
      target,
      // Source maps would ship the developer's absolute paths; the store packages carry none.
      sourcemap: false,
    },
    server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
  };
});
