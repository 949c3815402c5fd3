/** Failures the person cannot fix: a misconfigured CORS preflight, refusals with no reason given. */
import { errorPage, json, page, respond } from "../respond";
import type { Scenario } from "./scenario";

export const SERVER_SIDE: Scenario[] = [
  {
    id: "cors-preflight",
    cause: "cors-preflight",
    resolvedBy: "copy-report",
    closerLook: "the preflight itself, which Chrome shows only to extraHeaders listeners",
    family: "API that demands auth on OPTIONS",
    title: "The API refuses the browser's CORS check",
    start: "http://app.cors-preflight.test/",
    failing: "http://api.cors-api.test/v1/items",
    routes: {
      "app.cors-preflight.test/": (req, res) =>
        page(res, "Items", "The app calls an API on another site with a token; the API wants credentials even on the preflight, which never carries them.", `try { await fetch("http://api.cors-api.test/v1/items", { headers: { Authorization: "Bearer lab-token" } }); } catch (e) { log("fetch failed: " + e.message); }`),
      "api.cors-api.test/v1/items": (req, res) =>
        req.method === "OPTIONS"
          ? respond(res, 401, [["WWW-Authenticate", 'Bearer realm="api"']])
          : json(res, 200, [["Access-Control-Allow-Origin", "http://app.cors-preflight.test"]], []),
    },
  },
  {
    id: "unknown",
    cause: "unknown",
    resolvedBy: "reload",
    family: "nginx valid_referers hotlink protection",
    title: "An image refused with no reason given",
    start: "http://blog.unknown-cause.test/",
    failing: "http://blog.unknown-cause.test/images/header.png",
    subresource: true,
    routes: {
      "blog.unknown-cause.test/": (req, res) =>
        respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], `<!doctype html><title>Blog</title><h1>Blog</h1><p>The header image is refused with a bare 403.</p><img src="/images/header.png" alt="Header">`),
      "blog.unknown-cause.test/images/header.png": (req, res) => errorPage(res, 403, [["Server", "nginx"]], "Forbidden"),
    },
  },
  {
    id: "cors-preflight-spring",
    cause: "cors-preflight",
    resolvedBy: "copy-report",
    closerLook: "the preflight itself, which Chrome shows only to extraHeaders listeners",
    family: "Spring Security with HTTP Basic and no CORS configuration",
    title: "An API behind Spring Security refuses the browser's CORS check",
    start: "http://app.spring-cors.test/",
    failing: "http://api.spring-api.test/orders",
    routes: {
      "app.spring-cors.test/": (req, res) =>
        page(res, "Orders", "The app calls an API on another site with a JSON body; Spring Security answers the preflight with its Basic challenge.", `try { await fetch("http://api.spring-api.test/orders", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }); } catch (e) { log("fetch failed: " + e.message); }`),
      // BasicAuthenticationEntryPoint: `Basic realm="Realm"` for every unauthenticated request, OPTIONS included.
      "api.spring-api.test/orders": (req, res) =>
        respond(res, 401, [["WWW-Authenticate", 'Basic realm="Realm"'], ["X-Content-Type-Options", "nosniff"], ["Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"]]),
    },
  },
  {
    id: "unknown-s3",
    cause: "unknown",
    resolvedBy: "reload",
    family: "Amazon S3 private object",
    title: "A script refused by its storage bucket",
    start: "http://www.s3-private.test/",
    failing: "http://assets.s3-private.test/app.js",
    subresource: true,
    routes: {
      "www.s3-private.test/": (req, res) =>
        respond(res, 200, [["Content-Type", "text/html; charset=utf-8"]], `<!doctype html><title>Site</title><h1>Site</h1><p>The page's script is in a bucket that is not public.</p><script src="http://assets.s3-private.test/app.js"></script>`),
      // S3's AccessDenied: 403, an XML error body, Server: AmazonS3, no challenge.
      "assets.s3-private.test/app.js": (req, res) =>
        respond(
          res,
          403,
          [["Content-Type", "application/xml"], ["Server", "AmazonS3"], ["x-amz-request-id", "LAB0REQUEST0ID00"]],
          '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>',
        ),
    },
  },
];
