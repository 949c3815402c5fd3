import type { Failure } from "../core/failure";
import { t, tn } from "../platform/i18n";
import { causeLabel } from "../ui/labels";
import { shortUrl } from "../ui/short-url";

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** What the page did about a refusal it handled, in a sentence. */
function handledLine(f: Failure): string {
  switch (f.handled?.how) {
    case "renewed":
      return t("handledRenewed");
    case "probe":
      return t("handledProbe", hostOf(f.url));
    default:
      return t("handledRetried");
  }
}

/**
 * Refusals the page handled itself (renewed a token and tried again, or only checked for a session):
 * kept, out of the way, so a person who wonders can see them; no fix is offered, nothing is counted.
 */
export function HandledCalls({ failures }: { failures: readonly Failure[] }) {
  if (failures.length === 0) return null;
  return (
    <details class="handled">
      <summary>{tn("popupHandled", failures.length)}</summary>
      <ul>
        {failures.map((f) => (
          <li key={f.id} data-cause={f.cause} data-handled={f.handled?.how}>
            <p>
              <span class="method">{f.method}</span> <span class="url">{shortUrl(f.url)}</span> · {causeLabel(f.cause)}
            </p>
            <p class="handled-how">{handledLine(f)}</p>
          </li>
        ))}
      </ul>
    </details>
  );
}
