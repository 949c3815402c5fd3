import type { Failure } from "../core/failure";
import { seenInFull } from "../core/seen-in-full";
import { clock, duration } from "../core/text";
import { LOOK_CLOSER_MS } from "../messaging/protocol";
import { t } from "../platform/i18n";

/** Below this, seeing a failure's cookie headers could change or settle the answer. */
const SURE_ENOUGH = 0.8;

/**
 * Whether a closer look could tell the person more: a call whose answer the browser hid, a
 * failure AuthLens is not sure of and did not see in full (its cookie headers), or nothing seen at
 * all (a refused preflight shows only to a closer look).
 */
export function closerLookHelps(failures: readonly Failure[], blockedCount: number): "blocked" | "unsure" | "empty" | null {
  if (blockedCount > 0) return "blocked";
  if (failures.length === 0) return "empty";
  return failures.some((f) => !seenInFull(f.details) && f.confidence < SURE_ENOUGH) ? "unsure" : null;
}

/**
 * The closer look at this tab: on offer where it could tell more ({@link closerLookHelps}), and
 * its status, with a way to stop it, while it runs.
 */
export function LookCloser({ failures, blockedCount, until, busy, onChange }: { failures: readonly Failure[]; blockedCount: number; until: number | null; busy: boolean; onChange: (on: boolean) => void }) {
  if (until !== null) {
    return (
      <div class="look-closer on" role="status">
        <p>{t("lookCloserOn", clock(until))}</p>
        <button type="button" disabled={busy} onClick={() => onChange(false)}>
          {t("lookCloserStop")}
        </button>
      </div>
    );
  }
  const helps = closerLookHelps(failures, blockedCount);
  if (!helps) return null;
  const offer = { blocked: t("lookCloserOfferBlocked"), unsure: t("lookCloserOffer"), empty: t("lookCloserOfferEmpty") }[helps];
  return (
    <div class="look-closer">
      <p>{offer}</p>
      <button type="button" class={helps === "unsure" ? "" : "primary"} disabled={busy} onClick={() => onChange(true)} aria-describedby="look-closer-hint">
        {t("lookCloserButton")}
      </button>
      <p id="look-closer-hint" class="hint">
        {t("lookCloserHint", duration(LOOK_CLOSER_MS))}
      </p>
    </div>
  );
}
