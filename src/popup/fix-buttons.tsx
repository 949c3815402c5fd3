import type { Failure } from "../core/failure";
import type { FixId } from "../core/fixes/fix";
import { t } from "../platform/i18n";
import { fixLabel } from "../ui/labels";

/**
 * The failure's fixes as buttons, in the order the core ranked them for this page
 * (fixesForPage): the first, the one that resolves the situation, is the primary button.
 */
export function FixButtons({ failure, fixes, busy, onFix }: { failure: Failure; fixes: readonly FixId[]; busy: boolean; onFix: (fix: FixId) => void }) {
  const [first, ...others] = fixes;
  return (
    <div class="fixes" role="group" aria-label={t("popupFixes")}>
      {first && (
        <p class="do-this">
          <span>{t("popupDoThis")}</span>{" "}
          <button type="button" class="primary" data-fix={first} disabled={busy} onClick={() => onFix(first)}>
            {fixLabel(first, failure)}
          </button>
        </p>
      )}
      {others.length > 0 && (
        <p class="other-fixes">
          {others.map((fix) => (
            <button key={fix} type="button" data-fix={fix} disabled={busy} onClick={() => onFix(fix)}>
              {fixLabel(fix, failure)}
            </button>
          ))}
        </p>
      )}
    </div>
  );
}
