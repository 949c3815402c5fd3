/** docs/real-servers.md, written from what the real-server lab's e2e run observed (UPDATE_DOCS=1). */
import type { Failure } from "../../src/core/failure";
import type { RealScenario } from "./scenarios/scenario";

export interface Observed {
  scenario: RealScenario;
  /** What the server answered, as the page saw it; null where the browser hid it (CORS). */
  answer: { status: number; challenge: string | null; setCookie: string | null; body: string } | null;
  /** What AuthLens recorded by default (null: nothing, the answer was hidden). */
  byDefault: Failure | null;
  /** What it recorded once it looked closer, for the scenarios that need it. */
  closer: Failure | null;
}

/** Cookie names a response set or cleared, never their values. */
function cookies(setCookie: string | null): string {
  if (!setCookie) return "—";
  return setCookie
    .split("\n")
    .map((line) => {
      const name = line.split("=")[0]?.trim() ?? "";
      const clears = /max-age=0\b|expires=thu, 01[ -]jan[ -]1970/i.test(line);
      return `${name} ${clears ? "cleared" : "set"}`;
    })
    .join(", ");
}

/** The body's first line of text (tags and entities dropped), as a person would read it. */
function firstLine(body: string): string {
  const text = body.replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, " ").replace(/<br\s*\/?>/gi, "\n").replace(/<[^>]+>/g, " ").replace(/&nbsp;/g, " ").replace(/&[a-z]+;/g, " ");
  const line = text.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).find((l) => l.length > 0) ?? "";
  return line.length > 90 ? `${line.slice(0, 90)}…` : line || "(empty)";
}

const cell = (s: string) => s.replace(/\|/g, "\\|");
const said = (f: Failure | null) => (f ? `\`${f.cause}\` (${Math.round(f.confidence * 100)}%)` : "nothing (answer hidden)");

export function realServersDoc(observed: readonly Observed[], versions: Record<string, string>): string {
  const families = [...new Set(observed.map((o) => o.scenario.family))];
  const sections = families.map((family) => {
    const rows = observed
      .filter((o) => o.scenario.family === family)
      .map(({ scenario, answer, byDefault, closer }) => {
        const status = answer ? String(answer.status) : (closer?.status ?? "?").toString();
        const challenge = answer?.challenge ?? closer?.details.response.wwwAuthenticate[0] ?? closer?.details.response.proxyAuthenticate[0] ?? null;
        const names = closer ? `${said(byDefault)}; looking closer: ${said(closer)}` : said(byDefault);
        return `| ${cell(scenario.situation)} | ${scenario.failing.method ?? "GET"} ${status} | ${challenge ? `\`${cell(challenge)}\`` : "none"} | ${cell(cookies(answer?.setCookie ?? null))} | ${answer ? cell(firstLine(answer.body)) : "(hidden by CORS)"} | \`${scenario.cause}\` | ${names} |`;
      });
    return `### ${family}

| Situation | Answer | Challenge | Cookies set or cleared | Body's first line | Cause | AuthLens names |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}
`;
  });
  return `# What real servers send, and what AuthLens names

Each row is a failure staged on real server software, installed from Debian and npm and run
unmodified on loopback by the end-to-end tests (\`e2e/real-servers.spec.ts\`, the lab in
\`e2e/real-lab/\`). The situation is real: a token that really expired, a session really ended on
the server, a password really wrong. The answer is the server's own, as the page received it; the
last column is what AuthLens recorded in Chromium by default (and, where Chrome hides the answer
from extensions that do not slow every page down, once it looked closer). Look your stack up here
when you debug it.

Regenerate with \`UPDATE_DOCS=1 npx playwright test e2e/real-servers.spec.ts\` (after
\`npm run build\`).

## Versions

| Software | Version |
| --- | --- |
${Object.entries(versions)
  .map(([name, version]) => `| ${name} | ${version} |`)
  .join("\n")}

## By server family

${sections.join("\n")}
## What this shows

- Few servers explain a refusal in a challenge: express-jwt, Koa, passport-local and Flask-Login
  answer a bare 401, and Django REST framework's session authentication answers 403 with no
  challenge at all. The reason is in the body, which browsers do not show extensions.
- So AuthLens reads what the request carried (the \`Authorization\` scheme and a token's \`exp\`),
  what the browser's cookie jar holds and what the answer did to it (a deleted session cookie), and
  the server's \`Date\`.
- Some spellings are no RFC's: express-jwt-authz's \`error="Insufficient scope"\` (words, not
  \`insufficient_scope\`), Django REST framework's \`Token\` scheme.
`;
}
