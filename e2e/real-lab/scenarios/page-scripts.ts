/** Pieces of the client pages' scripts (run in the page, inside `window.labDone`; `log` writes to the page). */
import { pageHtml } from "../../lab/respond";

export { pageHtml };

/** Calls `url` with fetch's `init` (a JS expression) and logs the status. */
export const call = (url: string, init = "{}") => `{ const r = await fetch(${JSON.stringify(url)}, ${init}); log(${JSON.stringify(url)} + " → " + r.status); }`;

/** The same, for a call the browser may fail (a CORS refusal): logs the error instead of throwing. */
export const tryCall = (url: string, init = "{}") => `try ${call(url, init)} catch (e) { log(${JSON.stringify(url)} + " failed: " + e.message); }`;

/** Waits `ms` milliseconds: time passing, as for a token to expire. */
export const wait = (ms: number) => `await new Promise((r) => setTimeout(r, ${ms}));`;

/** A page of another site that embeds `frame` and settles once the frame says it is done (or after 5 s). */
export function portalPage(title: string, explanation: string, frame: string): string {
  return pageHtml(
    title,
    explanation,
    `const done = new Promise((r) => { addEventListener("message", r, { once: true }); setTimeout(r, 5000); });
const f = document.createElement("iframe"); f.src = ${JSON.stringify(frame)}; f.title = "Embedded app"; f.width = 600; f.height = 200; document.body.append(f);
await done; log("the embedded app has loaded");`,
  );
}

/** A page made to live in a frame: it runs `script`, then tells its parent. */
export const framedPage = (title: string, script: string) => pageHtml(title, "Shown inside another site's page.", `try { ${script} } finally { parent.postMessage("done", "*"); }`);
