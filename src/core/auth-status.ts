/**
 * Statuses that mean "you are not (or no longer) allowed in":
 * 401 and 403 (RFC 9110 §15.5.2, §15.5.4), 407 proxy auth (§15.5.8),
 * 419 Laravel's "Page Expired" (CSRF token / session expiry) and 440 IIS/OWA "Login Time-out".
 */
export const AUTH_FAILURE_STATUSES = [401, 403, 407, 419, 440] as const;

export type AuthFailureStatus = (typeof AUTH_FAILURE_STATUSES)[number];

/** True for a status AuthLens records. Called for every response, so it is a switch, not a lookup. */
export function isAuthFailureStatus(status: number): status is AuthFailureStatus {
  switch (status) {
    case 401:
    case 403:
    case 407:
    case 419:
    case 440:
      return true;
    default:
      return false;
  }
}
