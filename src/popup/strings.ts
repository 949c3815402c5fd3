import type { CauseId } from "../core/cause";

/** A short name for each cause, as the popup shows it. */
export const CAUSE_LABELS: Record<CauseId, string> = {
  "missing-credentials": "Not signed in",
  "session-expired": "Session expired",
  "stale-cookie": "Stale or conflicting cookie",
  "token-expired": "Token expired",
  "token-invalid": "Token rejected",
  "wrong-credentials": "Wrong username or password",
  "insufficient-permissions": "Not allowed",
  "cors-preflight": "Blocked by the site's CORS setup",
  "cookies-blocked": "Cookies blocked",
  "clock-skew": "Clock out of sync",
  "proxy-auth": "Proxy sign-in needed",
  unknown: "Unclear",
};
