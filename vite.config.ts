import { crx } from "@crxjs/vite-plugin";
import { build, defineConfig, type Plugin } from "vite";
import manifest from "./manifest.json" with { type: "json" };
import pkg from "./package.json" with { type: "json" };
import { firefoxManifest } from "./scripts/firefox-manifest.ts";

const oxc = { jsx: { runtime: "automatic", importSource: "preact" } } as const;

/**
 * The banner script as one classic file, `content.js` (src/platform/banner-injector.ts injects it
 * into a page whose tab has an auth failure; no content script is declared). Built by itself: crxjs
 * would load a script through a module loader that needs its chunks listed in
 * `web_accessible_resources`, which lets any page fetch them and so detect that AuthLens is
 * installed. One self-contained file needs no web-accessible resource at all.
 */
function bannerScriptInOneFile(outDir: string, target: string): Plugin {
  return {
    name: "authlens-banner-script",
    apply: "build",
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: "warn",
        oxc,
        build: { outDir, emptyOutDir: false, target, sourcemap: false, lib: { entry: "src/content/index.ts", formats: ["iife"], name: "authlensBanner", fileName: () => "content.js" } },
      });
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
  const base = { ...manifest, version: pkg.version };
  return {
    plugins: [crx({ manifest: (firefox ? firefoxManifest(base) : base) as typeof manifest, browser: firefox ? "firefox" : "chrome" }), bannerScriptInOneFile(outDir, target)],
    oxc,
    build: {
      outDir,
      emptyOutDir: true,
      target,
      // Source maps would ship the developer's absolute paths; the store packages carry none.
      sourcemap: false,
      // Pages the manifest does not name: the DevTools panel (named by devtools.panels.create), the first-run page and the recent failures.
      rollupOptions: { input: { panel: "src/devtools/panel.html", welcome: "src/welcome/index.html", recent: "src/recent/index.html" } },
    },
    server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
  };
});
