import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts", "e2e/lab/**/*.test.ts"],
    environment: "node",
  },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
});
