import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "e2e/lab/**/*.test.ts"],
    environment: "node",
    setupFiles: ["src/test/setup.ts"],
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
