import type { Failure } from "../core/failure";
import { ACTION_FIXES, type ActionFix } from "../messaging/protocol";
import { t } from "../platform/i18n";
import { fixLabel } from "../ui/labels";

/** Always on offer, after the diagnosis's own: the fixer says when one will not help. */
const GENERAL_FIXES: ActionFix[] = ["clear-site-cookies", "retry-incognito", "reload"];

/**
 * The fixes AuthLens can carry out for this failure: the diagnosis's first, in its order, then the
 * general ones. "Sign in again" is a button only where the site chose a sign-in page (a redirect);
 * elsewhere it is advice.
 */
export function actionFixes(failure: Failure): ActionFix[] {
  const recommended = failure.fixes.filter((f): f is ActionFix => (ACTION_FIXES as readonly string[]).includes(f) && (f !== "sign-in-again" || Boolean(failure.details.redirect)));
  return [...recommended, ...GENERAL_FIXES.filter((f) => !recommended.includes(f))];
}

export function FixButtons({ failure, busy, onFix }: { failure: Failure; busy: boolean; onFix: (fix: ActionFix) => void }) {
  return (
    <div class="fixes" role="group" aria-label={t("popupFixes")}>
      {actionFixes(failure).map((fix, index) => (
        <button key={fix} type="button" class={index === 0 ? "primary" : ""} disabled={busy} onClick={() => onFix(fix)}>
          {fixLabel(fix, failure.site)}
        </button>
      ))}
    </div>
  );
}
