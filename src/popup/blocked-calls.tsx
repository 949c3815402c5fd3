import type { BlockedRequest } from "../core/diagnosis/blocked-request";
import { ago, clock } from "../core/report/text";
import { format, t } from "../platform/i18n";
import { shortUrl } from "../ui/short-url";

/**
 * Calls to another origin that failed before AuthLens could see their answer (most likely CORS),
 * and live connections (WebSockets) whose handshake failed: not diagnosed, so listed apart from the failures, with what each carried.
 */
export function BlockedCalls({ blocked, now }: { blocked: readonly BlockedRequest[]; now: number }) {
  if (blocked.length === 0) return null;
  return (
    <section class="blocked" aria-labelledby="blocked-heading">
      <h2 id="blocked-heading">{t("blockedHeading")}</h2>
      <p>{t(blocked.every((b) => b.kind === "websocket") ? "blockedWhyWebSocket" : "blockedWhy")}</p>
      <ul>
        {blocked.map((b) => (
          <li key={b.id} class="blocked-call">
            <p class="request">
              <span class="method">{b.method}</span> <span class="url">{shortUrl(b.url)}</span>
            </p>
            <p class="meta">
              {t("blockedFrom", b.initiator)} · <time dateTime={new Date(b.time).toISOString()}>{format(clock(b.time, true))}</time>
            </p>
            {b.kind === "websocket" && <p class="kind">{t("blockedWebSocket")}</p>}
            <p class="carried">{carried(b, now)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What the call carried, as far as AuthLens saw it: a token's expiry says much even without the answer. */
function carried({ sent }: BlockedRequest, now: number): string {
  if (!sent.seen) return t("blockedCarriedUnseen");
  const exp = sent.token?.claims?.exp;
  if (exp !== undefined) return exp * 1000 <= now ? t("blockedCarriedExpiredToken", ago(now - exp * 1000)) : t("blockedCarriedToken", sent.authorizationScheme ?? "Bearer");
  if (sent.authorizationScheme) return t("blockedCarriedToken", sent.authorizationScheme);
  return t("blockedCarriedNothing");
}
