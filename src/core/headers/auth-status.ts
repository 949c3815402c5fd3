/**
 * Statuses that mean "you are not (or no longer) allowed in":
 * 401 and 403 (RFC 9110 §15.5.2, §15.5.4), 407 proxy auth (§15.5.8),
 * 419 Laravel's "Page Expired" (CSRF token / session expiry), 422 as Ruby on Rails answers a
 * change without its anti-forgery token (recorded only for a call that could be that: see
 * {@link mayBeAntiForgeryRefusal}), and 440 IIS/OWA "Login Time-out".
 */
export const AUTH_FAILURE_STATUSES = [401, 403, 407, 419, 422, 440] as const;

export type AuthFailureStatus = (typeof AUTH_FAILURE_STATUSES)[number];

/** True for a status AuthLens records. Called for every response, so it is a switch, not a lookup. */
/** A list of statuses as stored or set by policy: the ones AuthLens knows, each once, in order; null when not a list. */
export function parseStatuses(value: unknown): AuthFailureStatus[] | null {
  if (!Array.isArray(value)) return null;
  return [...new Set(value.filter((s): s is AuthFailureStatus => (AUTH_FAILURE_STATUSES as readonly unknown[]).includes(s)))].sort();
}

export function isAuthFailureStatus(status: number): status is AuthFailureStatus {
  switch (status) {
    case 401:
    case 403:
    case 407:
    case 419:
    case 422:
    case 440:
      return true;
    default:
      return false;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Most 422s are a form the site could not accept, not a refusal of the person: one counts only as
 * a page's call that changes something and carried no anti-forgery header (as Rails answers a
 * missing or stale token), and is kept only if the classifier names an anti-forgery refusal.
 */
export function mayBeAntiForgeryRefusal(status: number, type: string, method: string, antiForgerySent: boolean | null | undefined): boolean {
  return status !== 422 || (type === "xmlhttprequest" && UNSAFE.has(method.toUpperCase()) && antiForgerySent === false);
}
