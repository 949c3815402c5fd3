import { crx } from "@crxjs/vite-plugin";
import { defineConfig } from "vite";
import manifest from "./manifest.json" with { type: "json" };
import pkg from "./package.json" with { type: "json" };
import { firefoxManifest } from "./scripts/firefox-manifest";

/**
 * One source, two builds: `vite build` for Chrome (dist/), `vite build --mode firefox` for
 * Firefox (dist-firefox/). The manifest's version always follows package.json.
 */
export default defineConfig(({ mode }) => {
  const firefox = mode === "firefox";
  const base = { ...manifest, version: pkg.version };
  return {
    plugins: [crx({ manifest: (firefox ? firefoxManifest(base) : base) as typeof manifest, browser: firefox ? "firefox" : "chrome" })],
    oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
    build: {
      outDir: firefox ? "dist-firefox" : "dist",
      emptyOutDir: true,
      target: firefox ? "firefox142" : "chrome120",
      // Source maps would ship the developer's absolute paths; the store packages carry none.
      sourcemap: false,
    },
    server: { cors: { origin: [/chrome-extension:\/\//, /moz-extension:\/\//] } },
  };
});
