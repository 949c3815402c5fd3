import { crx } from "@crxjs/vite-plugin";
import { defineConfig } from "vite";
import manifest from "./manifest.json" with { type: "json" };
import pkg from "./package.json" with { type: "json" };

// The manifest's version always follows package.json, so a release bumps one place.
export default defineConfig({
  plugins: [crx({ manifest: { ...manifest, version: pkg.version } })],
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "chrome120",
    // Source maps would ship the developer's absolute paths; the store packages carry none.
    sourcemap: false,
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
