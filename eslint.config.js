// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Where each layer lives (STYLE.md), and which layers it may not import: the linter keeps them apart.
 * Patterns match relative specifiers, since every import inside src/ is relative.
 */
const layers = [
  { dir: "core", forbidden: ["platform", "background", "popup", "content", "messaging"], message: "src/core is pure: no browser APIs, no other layer." },
  { dir: "messaging", forbidden: ["platform", "background", "popup", "content"], message: "src/messaging depends on core only." },
  { dir: "popup", forbidden: ["background", "content"], message: "The popup talks to the worker through src/messaging." },
  { dir: "content", forbidden: ["background", "popup", "options"], message: "The content script talks to the worker through src/messaging." },
  { dir: "options", forbidden: ["background", "content", "popup"], message: "The settings page uses src/platform's settings store, not other contexts." },
  { dir: "ui", forbidden: ["background", "content", "popup", "options"], message: "src/ui holds what the popup and the banner share, and depends on neither." },
  { dir: "devtools", forbidden: ["background", "content", "options"], message: "The DevTools panel reads the Network log itself and shares the popup's components; it talks to no other context." },
  { dir: "platform", forbidden: ["background", "popup", "content"], message: "src/platform is below the contexts that use it." },
];
const browserApi = { name: "webextension-polyfill", message: "Call browser APIs from src/platform." };
/** Entry files wire the browser API into the layers; everything else gets it passed in. */
const entries = ["src/background/index.ts", "src/popup/main.tsx", "src/options/main.tsx", "src/content/index.ts", "src/devtools/devtools.ts", "src/devtools/main.tsx"];

export default tseslint.config(
  { ignores: ["dist/", "dist-*/", "node_modules/", "test-results/", "playwright-report/", "artifacts/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ["eslint.config.js"] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // `const { value: _value, ...rest } = x` drops a field on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
    },
  },
  ...layers.map(({ dir, forbidden, message }) => ({
    files: [`src/${dir}/**/*.{ts,tsx}`],
    ignores: entries,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: dir === "platform" ? [] : [browserApi],
          patterns: [{ group: forbidden.map((layer) => `**/${layer}/*`), message }],
        },
      ],
      "no-restricted-globals":
        dir === "platform" ? "off" : ["error", { name: "chrome", message: browserApi.message }, { name: "browser", message: browserApi.message }],
    },
  })),
  {
    files: ["src/background/**/*.ts"],
    ignores: entries,
    rules: {
      "no-restricted-imports": ["error", { paths: [browserApi], patterns: [{ group: ["**/popup/*", "**/content/*"], message: "The worker does not import UI code." }] }],
      "no-restricted-globals": ["error", { name: "chrome", message: browserApi.message }, { name: "browser", message: browserApi.message }],
    },
  },
  {
    // Fakes stand in for async browser APIs without needing to await anything.
    files: ["**/*.test.{ts,tsx}", "src/test/**"],
    rules: { "@typescript-eslint/require-await": "off" },
  },
  {
    // The real-server lab's Node sites are plain JavaScript configurations of third-party servers, run by node itself.
    files: ["e2e/real-lab/servers/**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { parserOptions: { project: false, program: null, projectService: false }, globals: { process: "readonly", console: "readonly" } },
  },
  {
    // Playwright's evaluate callbacks run inside extension pages, where `chrome` is the API.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
);
