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

if (problems.length) {
  console.error(`Bundle check failed:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("Bundle check: no eval, no remote code, default CSP, nothing web-accessible in dist/ and dist-firefox/.");
