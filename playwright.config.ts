import { defineConfig } from "@playwright/test";

// Each test starts its own Chromium with the built extension (e2e/fixtures.ts); two cores fit one at a time.
export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  timeout: 30_000,
  // A page gets a moment to handle its own refused calls (core/diagnosis/handled.ts) before the badge and the banner tell of them.
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  outputDir: "test-results",
});
