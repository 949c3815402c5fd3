/**
 * `npm run check:bundle` (part of `npm test`): the built extensions run no remote code and no
 * eval, keep the browsers' strict default content security policy, and expose no file to web pages
 * (a web-accessible resource lets any page detect that AuthLens is installed).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const problems: string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

const FORBIDDEN: [RegExp, string][] = [
  [/\beval\s*\(/, "eval("],
  [/\bnew\s+Function\s*\(/, "new Function("],
  [/\bimport\s*\(\s*["']https?:/, "import() of a remote URL"],
  [/<script[^>]+src=["']https?:/i, "a remote <script>"],
  [/\bimportScripts\s*\(\s*["']https?:/, "importScripts() of a remote URL"],
];

for (const dir of ["dist", "dist-firefox"]) {
  const base = join(root, dir);
  let list: string[];
  try {
    list = files(base);
  } catch {
    problems.push(`${dir}/ is missing: build it first`);
    continue;
  }
  const manifest = JSON.parse(readFileSync(join(base, "manifest.json"), "utf8")) as { content_security_policy?: unknown; web_accessible_resources?: unknown; externally_connectable?: unknown };
  if (manifest.content_security_policy !== undefined) problems.push(`${dir}/manifest.json overrides the default content security policy`);
  if (manifest.web_accessible_resources !== undefined) problems.push(`${dir}/manifest.json makes files web-accessible: pages could detect AuthLens`);
  if (manifest.externally_connectable !== undefined) problems.push(`${dir}/manifest.json lets web pages message AuthLens (externally_connectable)`);
  for (const file of list.filter((f) => /\.(js|html)$/.test(f))) {
    const text = readFileSync(file, "utf8");
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(text)) problems.push(`${file.slice(root.length + 1)}: ${what}`);
  }
}

/**
 * The pages a person opens (the popup, the settings page) and the banner load fast only if they do
 * not carry the public-suffix list, which only the worker needs ("blogspot" is one of its entries):
 * each page's script and what it imports, followed from its HTML.
 */
function imports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, "utf8").matchAll(/(?:from\s*|import\s*\(?\s*)["'](\.{1,2}\/[^"']+\.js)["']/g)) imports(resolve(file, "..", m[1]!), seen);
  return seen;
}
for (const dir of ["dist", "dist-firefox"]) {
  const base = join(root, dir);
  const manifest = JSON.parse(readFileSync(join(base, "manifest.json"), "utf8")) as { action?: { default_popup?: string }; options_ui?: { page?: string } };
  const pages = [manifest.action?.default_popup, manifest.options_ui?.page].filter((p): p is string => Boolean(p));
  const entries = [
    ...pages.flatMap((page) => [...readFileSync(join(base, page), "utf8").matchAll(/src="([^"]+\.js)"/g)].map((m) => join(base, m[1]!.replace(/^\//, "")))),
    join(base, "content.js"),
  ];
  for (const entry of entries) for (const file of imports(entry)) if (readFileSync(file, "utf8").includes("blogspot")) problems.push(`${file.slice(root.length + 1)} (loaded by ${entry.slice(root.length + 1)}) carries the public-suffix list`);
}

if (problems.length) {
  console.error(`Bundle check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("Bundle check: no eval, no remote code, default CSP, nothing web-accessible, no page carrying the public-suffix list, in dist/ and dist-firefox/.");
