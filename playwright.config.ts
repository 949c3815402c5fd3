import { defineConfig } from "@playwright/test";

// Each test starts its own Chromium with the built extension (e2e/fixtures.ts); two cores fit one at a time.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
});
