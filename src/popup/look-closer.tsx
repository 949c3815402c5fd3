import type { Failure } from "../core/failure";
import { seenInFull } from "../core/diagnosis/seen-in-full";
import { BROWSER_SIGN_IN_SCHEMES } from "../core/headers/www-authenticate";
import { clock, duration } from "../core/report/text";
import { LOOK_CLOSER_MS } from "../messaging/protocol";
import { t, tn } from "../platform/i18n";

/** Below this, seeing a failure's cookie headers could change or settle the answer. */
const SURE_ENOUGH = 0.8;

/**
 * Whether the cookies a request carried could decide its failure: not when it carried its
 * credentials in a header of its own (a token, an API key, the address's username), answered the
 * browser's own sign-in (Basic, Digest, Negotiate), or was refused by a proxy.
 */
export function cookiesCouldDecide(failure: Failure): boolean {
  const { sent, response } = failure.details;
  if (failure.cause === "proxy-auth" || sent.authorizationScheme || sent.apiKeyHeader || sent.addressCredentials) return false;
  return !response.challenges.some((c) => BROWSER_SIGN_IN_SCHEMES.includes(c.scheme.toLowerCase()));
}

/**
 * Whether a closer look could tell the person more: a call whose answer the browser hid, a
 * failure AuthLens is not sure of, did not see in full (its cookie headers) and whose cookies could
 * decide it, or nothing seen at all (a refused preflight shows only to a closer look).
 */
export function closerLookHelps(failures: readonly Failure[], blockedCount: number): "blocked" | "unsure" | "empty" | null {
  if (blockedCount > 0) return "blocked";
  if (failures.length === 0) return "empty";
  return failures.some((f) => !seenInFull(f.details) && f.confidence < SURE_ENOUGH && cookiesCouldDecide(f)) ? "unsure" : null;
}

/**
 * The closer look at this tab, in one line: on offer where it could change the answer
 * ({@link closerLookHelps}), saying what it would decide; while it runs, until when and what it
 * found so far (the calls it saw in full since the reload), with a way to stop it.
 */
export function LookCloser({ failures, blockedCount, until, busy, onChange }: { failures: readonly Failure[]; blockedCount: number; until: number | null; busy: boolean; onChange: (on: boolean) => void }) {
  if (until !== null) {
    const since = until - LOOK_CLOSER_MS;
    const seen = failures.filter((f) => f.time >= since && seenInFull(f.details)).length;
    return (
      <p class="look-closer on" role="status">
        {t("lookCloserOn", clock(until))} {seen > 0 ? tn("lookCloserFound", seen) : t("lookCloserFoundNothing")}{" "}
        <button type="button" disabled={busy} onClick={() => onChange(false)}>
          {t("lookCloserStop")}
        </button>
      </p>
    );
  }
  const helps = closerLookHelps(failures, blockedCount);
  if (!helps) return null;
  const offer = { blocked: t("lookCloserOfferBlocked"), unsure: t("lookCloserOffer"), empty: t("lookCloserOfferEmpty") }[helps];
  const hint = t("lookCloserHint", duration(LOOK_CLOSER_MS));
  return (
    <p class="look-closer">
      {offer}{" "}
      <button type="button" class={helps === "unsure" ? "" : "primary"} disabled={busy} onClick={() => onChange(true)} aria-describedby="look-closer-hint" title={hint}>
        {t("lookCloserButton")}
      </button>
      <span id="look-closer-hint" class="sr-only">
        {hint}
      </span>
    </p>
  );
}
