import type { IncomingMessage, ServerResponse } from "node:http";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Headers as a server sends them: a list, so one name can appear twice (two Set-Cookie, two challenges). */
export type HeaderList = readonly (readonly [string, string])[];

/** Sends a response with headers in the given order. A `Date` is added as real servers do. */
export function respond(res: ServerResponse, status: number, headers: HeaderList, body: string | Buffer = ""): void {
  const flat: string[] = [];
  if (!headers.some(([name]) => name.toLowerCase() === "date")) flat.push("Date", new Date().toUTCString());
  for (const [name, value] of headers) flat.push(name, value);
  flat.push("Cache-Control", "no-store");
  res.writeHead(status, flat);
  res.end(body);
}

/** A JSON body with its content type. */
export function json(res: ServerResponse, status: number, headers: HeaderList, body: unknown): void {
  respond(res, status, [["Content-Type", "application/json; charset=utf-8"], ...headers], JSON.stringify(body));
}

/** A small HTML page; `script` runs after load (fetches that reproduce a failure). */
export function page(res: ServerResponse, title: string, explanation: string, script = "", headers: HeaderList = []): void {
  respond(res, 200, [["Content-Type", "text/html; charset=utf-8"], ...headers], pageHtml(title, explanation, script));
}

/**
 * The lab's page: its title, what it reproduces, a log, and `script` run once it loads, settling
 * `window.labDone` when done (every lab page has it, so tests know when its requests are over).
 */
export function pageHtml(title: string, explanation: string, script = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="color-scheme" content="light dark">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem}#log{white-space:pre-wrap;font-family:monospace}</style>
</head><body><h1>${title}</h1><p>${explanation}</p><p id="log" role="log" aria-live="polite"></p>
<script>
const log = (line) => { document.getElementById("log").textContent += line + "\\n"; };
window.labDone = (async () => { try { ${script} } catch (e) { log("error: " + e.message); } })();
</script></body></html>`;
}

/** A page whose own document is the failure (what a person sees when the main frame is refused). */
export function errorPage(res: ServerResponse, status: number, headers: HeaderList, title: string): void {
  respond(res, status, [["Content-Type", "text/html; charset=utf-8"], ...headers], `<!doctype html><html><head><title>${status} ${title}</title></head><body><h1>${status} ${title}</h1></body></html>`);
}

/** An unsigned-but-well-formed JWT for the lab (the signature is junk: servers here never verify). */
export function labJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT", kid: "lab" })}.${part(claims)}.${Buffer.from("lab-signature").toString("base64url")}`;
}

/** Seconds since the epoch, as JWT claims count time. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
