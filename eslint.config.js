// @ts-check
import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/** Where each layer lives (STYLE.md): the linter keeps the layers apart. */
const zones = [
  // Pure logic knows no browser, no UI and no wiring.
  { target: "./src/core", from: ["./src/platform", "./src/background", "./src/popup", "./src/content", "./src/messaging"], message: "src/core is pure: no browser APIs, no other layer." },
  // The protocol may describe core types, nothing else.
  { target: "./src/messaging", from: ["./src/platform", "./src/background", "./src/popup", "./src/content"], message: "src/messaging depends on core only." },
  // UI and in-page code talk to the worker only through messaging.
  { target: "./src/popup", from: ["./src/background", "./src/content"], message: "The popup talks to the worker through src/messaging." },
  { target: "./src/content", from: ["./src/background", "./src/popup"], message: "The content script talks to the worker through src/messaging." },
  { target: "./src/platform", from: ["./src/background", "./src/popup", "./src/content"], message: "src/platform is below the contexts that use it." },
];

export default tseslint.config(
  { ignores: ["dist/", "dist-*/", "node_modules/", "test-results/", "playwright-report/", "artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["eslint.config.js"] }, tsconfigRootDir: import.meta.dirname } },
    plugins: { "import-x": importX },
    settings: { "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })] },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "import-x/no-restricted-paths": ["error", { zones }],
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  {
    // Browser APIs come in through src/platform (and the entry files that wire it up).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/platform/**", "src/background/index.ts", "src/popup/main.tsx", "src/content/index.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "webextension-polyfill", message: "Call browser APIs from src/platform." }] }],
      "no-restricted-globals": ["error", { name: "chrome", message: "Call browser APIs from src/platform." }, { name: "browser", message: "Call browser APIs from src/platform." }],
    },
  },
  {
    // Fakes stand in for async browser APIs without needing to await anything.
    files: ["**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // Playwright's evaluate callbacks run inside extension pages, where `chrome` is the API.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
);
