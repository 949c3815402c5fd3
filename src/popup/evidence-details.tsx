import type { ComponentChildren } from "preact";
import { technicalPart } from "../core/diagnosis/diagnosis";
import type { Failure } from "../core/failure";
import { ago, duration, when } from "../core/report/text";
import { format, t } from "../platform/i18n";

/** The evidence behind a diagnosis: the parsed challenge, token claims, cookie names. Never a value. */
export function EvidenceDetails({ failure, now, children }: { failure: Failure; now: number; children?: ComponentChildren }) {
  const { sent, response, jar } = failure.details;
  const claims = sent.token?.claims;
  const technical = technicalPart(failure, (item) => t("evidenceLine", item.seen, item.meaning));
  const withheld = (jar?.applicable ?? []).filter((c) => c.withheld && c.withheld !== "not-sent");
  const duplicated = [...new Set([...(jar?.duplicateNames ?? []), ...sent.cookieNames.filter((n, i, a) => a.indexOf(n) !== i)])];
  return (
    <details>
      <summary>{t("popupEvidence")}</summary>
      {children}
      <h3>{t("popupWhatHappened")}</h3>
      <ul class="evidence">
        {failure.evidence.map((item, index) => (
          <li key={index}>
            <code>{item.seen}</code>
            <span>{item.meaning}</span>
          </li>
        ))}
      </ul>
      {response.challenges.length > 0 && (
        <>
          <h3>{t("popupChallenge")}</h3>
          <dl class="pairs">
            {response.challenges.map((c, i) => (
              <div key={i}>
                <dt>{c.scheme}</dt>
                <dd>{Object.keys(c.params).length ? Object.entries(c.params).map(([k, v]) => `${k}: ${v}`).join(" · ") : (c.token68 ?? "—")}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {claims && (
        <>
          <h3>{t("popupToken")}</h3>
          <dl class="pairs">
            {claims.exp !== undefined && (
              <div>
                <dt>exp</dt>
                <dd>
                  {format(when(claims.exp * 1000))} ({claims.exp * 1000 <= now ? t("popupTokenExpired", ago(now - claims.exp * 1000)) : t("popupTokenValid", duration(claims.exp * 1000 - now))})
                </dd>
              </div>
            )}
            {claims.nbf !== undefined && (
              <div>
                <dt>nbf</dt>
                <dd>{format(when(claims.nbf * 1000))}</dd>
              </div>
            )}
            {claims.iat !== undefined && (
              <div>
                <dt>iat</dt>
                <dd>{format(when(claims.iat * 1000))}</dd>
              </div>
            )}
            {claims.iss && (
              <div>
                <dt>iss</dt>
                <dd>{claims.iss}</dd>
              </div>
            )}
            {claims.aud && (
              <div>
                <dt>aud</dt>
                <dd>{[claims.aud].flat().join(", ")}</dd>
              </div>
            )}
          </dl>
        </>
      )}
      <h3>{t("popupCookies")}</h3>
      <ul class="evidence">
        {sent.cookiesFrom === "jar" ? (
          <li>{sent.cookieNames.length ? t(sent.cookiesUncertain ? "popupCookiesMaybe" : "popupCookiesInJar", sent.cookieNames.join(", ")) : t("popupCookiesNoneInJar")}</li>
        ) : (
          <li>{sent.cookieNames.length ? t("popupCookiesSent", sent.cookieNames.join(", ")) : t("popupCookiesNone")}</li>
        )}
        {sent.seen === false && <li>{t("popupHeadersNotWatched")}</li>}
        {withheld.length > 0 && <li>{t("popupCookiesWithheld", withheld.map((c) => `${c.name} (${c.withheld})`).join(", "))}</li>}
        {duplicated.length > 0 && <li>{t("popupCookiesDuplicated", duplicated.join(", "))}</li>}
      </ul>
      {technical && (
        <>
          <h3>{t("popupTechnical")}</h3>
          <pre class="technical">{technical}</pre>
        </>
      )}
    </details>
  );
}
