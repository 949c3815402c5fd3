/**
 * Pages for `npm run bench`: a busy page with many subresources (some refused with 401), and a
 * flood of fetches in one tab. Served on bench.test by the lab.
 */
import { json, respond, type Handler } from "./respond";

const PIXEL = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

/** 200 subresources: 20 frames, 60 scripts, 60 images, 60 fetches; every tenth fetch and image is refused. */
function busyPage(): string {
  const parts: string[] = [];
  for (let i = 0; i < 20; i++) parts.push(`<iframe src="/frame?i=${i}" width="20" height="20" title="frame ${i}"></iframe>`);
  for (let i = 0; i < 60; i++) parts.push(`<script src="/script.js?i=${i}"></script>`);
  for (let i = 0; i < 60; i++) parts.push(`<img alt="" width="1" height="1" src="/${i % 10 === 0 ? "private" : "public"}/pixel.png?i=${i}">`);
  const fetches = `Promise.all(Array.from({ length: 60 }, (_, i) => fetch("/api/" + (i % 10 === 0 ? "private" : "public") + "?i=" + i).then((r) => r.status)))`;
  return `<!doctype html><title>Busy page</title>${parts.join("")}<script>
window.benchDone = Promise.all([new Promise((r) => (document.readyState === "complete" ? r() : addEventListener("load", r))), ${fetches}]);
</script>`;
}

/** `n` fetches, `fail` of them refused with 401, 50 at a time. */
function floodPage(): string {
  return `<!doctype html><title>Flood</title><script>
const params = new URLSearchParams(location.search);
const n = Number(params.get("n") ?? 10000), fail = Number(params.get("fail") ?? 2000);
window.benchDone = (async () => {
  for (let start = 0; start < n; start += 50) {
    await Promise.all(Array.from({ length: Math.min(50, n - start) }, (_, k) => {
      const i = start + k;
      return fetch((i % Math.round(n / fail) === 0 ? "/api/private" : "/api/public") + "?i=" + i).then((r) => r.status);
    }));
  }
})();
</script>`;
}

export const benchRoutes: Record<string, Handler> = {
  "bench.test/busy": (req, res) => respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], busyPage()),
  "bench.test/flood": (req, res) => respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], floodPage()),
  "bench.test/frame": (req, res) => respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], "<!doctype html><title>f</title><p>frame</p>"),
  "bench.test/script.js": (req, res) => respond(res, 200, [["Content-Type", "text/javascript"]], "void 0;"),
  "bench.test/public/pixel.png": (req, res) => respond(res, 200, [["Content-Type", "image/png"]], PIXEL),
  "bench.test/private/pixel.png": (req, res) => respond(res, 401, [["WWW-Authenticate", 'Bearer realm="bench"']]),
  "bench.test/api/public": (req, res) => json(res, 200, [], { ok: true }),
  "bench.test/api/private": (req, res) => json(res, 401, [["WWW-Authenticate", 'Bearer realm="bench"']], { error: "unauthorized" }),
};
