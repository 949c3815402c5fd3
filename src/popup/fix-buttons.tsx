import type { Failure } from "../core/failure";
import type { FixId } from "../core/fixes/fix";
import { t } from "../platform/i18n";
import { fixLabel } from "../ui/labels";

/**
 * The failure's fixes as buttons, in the order the core ranked them for this page
 * (fixesForPage): the first, the one that resolves the situation, is the primary button.
 */
export function FixButtons({ failure, fixes, busy, onFix }: { failure: Failure; fixes: readonly FixId[]; busy: boolean; onFix: (fix: FixId) => void }) {
  return (
    <div class="fixes" role="group" aria-label={t("popupFixes")}>
      {fixes.map((fix, index) => (
        <button key={fix} type="button" class={index === 0 ? "primary" : ""} data-fix={fix} disabled={busy} onClick={() => onFix(fix)}>
          {fixLabel(fix, failure)}
        </button>
      ))}
    </div>
  );
}
