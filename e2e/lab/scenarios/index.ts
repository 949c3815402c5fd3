/**
 * The auth lab's scenarios: each reproduces one auth failure the way a real server or framework
 * sends it (the family and source are named beside it). Hosts are `*.test`, routed to the lab by
 * Chromium's --host-resolver-rules, so each scenario is its own site with real subdomains.
 */
import { json, page, respond, type Handler } from "../respond";
import type { Scenario } from "./scenario";
import { SERVER_SIDE } from "./server-side";
import { SESSIONS } from "./sessions";
import { SIGN_IN } from "./sign-in";
import { TOKENS } from "./tokens";

export type { Scenario } from "./scenario";

export const SCENARIOS: readonly Scenario[] = [...SIGN_IN, ...SESSIONS, ...TOKENS, ...SERVER_SIDE];

/** A page whose every request succeeds: AuthLens must record nothing for it. */
export const CLEAN_PAGE = "http://www.all-good.test/";

export const cleanRoutes: Record<string, Handler> = {
  "www.all-good.test/": (req, res) =>
    page(res, "All good", "Every request on this page succeeds.", `const r = await fetch("/api/status"); log("GET /api/status → " + r.status); const img = new Image(); img.src = "/logo.svg"; await img.decode().catch(() => {});`),
  "www.all-good.test/api/status": (req, res) => json(res, 200, [], { ok: true }),
  "www.all-good.test/logo.svg": (req, res) =>
    respond(res, 200, [["Content-Type", "image/svg+xml"]], '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="green"/></svg>'),
};
