import type { FailureDetails } from "../failure";

/**
 * Whether AuthLens saw everything a request carried and its answer set: the request's headers with
 * `Cookie`, and `Set-Cookie`. Firefox shows them in every tab; Chrome only in a tab AuthLens looks
 * closer at. A record of an older version has no `seen`: it saw everything.
 */
export function seenInFull(details: Pick<FailureDetails, "sent" | "response">): boolean {
  return details.sent.seen !== false && details.sent.cookiesFrom !== "jar" && details.response.setCookiesFrom !== "jar-changes";
}
