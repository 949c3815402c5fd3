import type { Failure } from "../core/failure";
import { LOOK_CLOSER_MS } from "../messaging/protocol";
import { t } from "../platform/i18n";

/**
 * The closer look at this tab: on offer where AuthLens did not see what the tab's requests carried
 * (or saw nothing refused at all), and its status, with a way to stop it, while it runs.
 */
export function LookCloser({ failures, until, busy, onChange }: { failures: readonly Failure[]; until: number | null; busy: boolean; onChange: (on: boolean) => void }) {
  if (until !== null) {
    return (
      <div class="look-closer on" role="status">
        <p>{t("lookCloserOn", new Date(until).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }))}</p>
        <button type="button" disabled={busy} onClick={() => onChange(false)}>
          {t("lookCloserStop")}
        </button>
      </div>
    );
  }
  // Failures stored by an older version have no `seen`: they were watched in full.
  const unseen = failures.some((f) => f.details.sent.seen === false);
  if (failures.length > 0 && !unseen) return null;
  return (
    <div class="look-closer">
      <p>{failures.length > 0 ? t("lookCloserOffer") : t("lookCloserOfferEmpty")}</p>
      <button type="button" class={failures.length > 0 ? "" : "primary"} disabled={busy} onClick={() => onChange(true)} aria-describedby="look-closer-hint">
        {t("lookCloserButton")}
      </button>
      <p id="look-closer-hint" class="hint">
        {t("lookCloserHint", LOOK_CLOSER_MS / 60_000)}
      </p>
    </div>
  );
}
