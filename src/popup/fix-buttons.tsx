import type { Failure } from "../core/failure";
import { registrableDomain } from "../core/site";
import { ACTION_FIXES, type ActionFix } from "../messaging/protocol";

/** The label of each fix button; each begins with the words people look for ("Clear cookies", "Undo", …). */
export function fixLabel(fix: ActionFix, failure: Failure): string {
  switch (fix) {
    case "clear-site-cookies":
      return `Clear cookies for ${registrableDomain(failure.url) ?? "this site"}`;
    case "remove-stale-cookie":
      return "Remove stale cookie";
    case "retry-incognito":
      return "Retry in incognito window";
    case "reload":
      return "Reload page";
  }
}

/** Always on offer, after the diagnosis's own: the fixer says when one will not help. */
const GENERAL_FIXES: ActionFix[] = ["clear-site-cookies", "retry-incognito", "reload"];

/** The fixes AuthLens can carry out for this failure: the diagnosis's first, in its order, then the general ones. */
export function actionFixes(failure: Failure): ActionFix[] {
  const recommended = failure.fixes.filter((f): f is ActionFix => (ACTION_FIXES as readonly string[]).includes(f));
  return [...recommended, ...GENERAL_FIXES.filter((f) => !recommended.includes(f))];
}

export function FixButtons({ failure, busy, onFix }: { failure: Failure; busy: boolean; onFix: (fix: ActionFix) => void }) {
  return (
    <div class="fixes" role="group" aria-label="Fixes">
      {actionFixes(failure).map((fix, index) => (
        <button key={fix} type="button" class={index === 0 ? "primary" : ""} disabled={busy} onClick={() => onFix(fix)}>
          {fixLabel(fix, failure)}
        </button>
      ))}
    </div>
  );
}
