import type { Failure } from "../core/failure";
import type { FixId } from "../core/fixes/fix";
import { fixesForPage, type PageState } from "../core/fixes/rank-fixes";
import { clock } from "../core/report/text";
import { format, t, tn } from "../platform/i18n";
import { shortUrl } from "../ui/short-url";
import { actionName, causeHeadline, causeLabel, confidenceWords, resourceTypeLabel } from "../ui/labels";
import { EvidenceDetails } from "./evidence-details";
import { FixButtons } from "./fix-buttons";

/** Failures that share a cause and a site, newest first: shown once, with how often it happened. */
export interface FailureGroup {
  key: string;
  failures: Failure[];
}

/** Groups failures (newest first) by cause and host, keeping the newest group first. */
export function groupFailures(failures: readonly Failure[]): FailureGroup[] {
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    const key = `${f.cause}|${hostOf(f.url)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups].map(([key, list]) => ({ key, failures: list }));
}

/** What became of a fix tried for the failure, or what AuthLens did just before it: one line, or null. */
function OutcomeLine({ failure }: { failure: Failure }) {
  const { outcome, after } = failure;
  if (outcome?.state === "fixed") return <p class="outcome fixed" role="status">✓ {t("outcomeFixed", actionName(outcome.fix))}</p>;
  if (outcome?.state === "not-fixed") return <p class="outcome not-fixed">{t("outcomeNotFixed", actionName(outcome.fix))}</p>;
  if (outcome?.state === "waiting") return <p class="outcome waiting">{t("outcomeWaiting", actionName(outcome.fix))}</p>;
  if (after?.notHelped) return <p class="outcome not-helped">{t("afterNotHelped", actionName(after.kind))}</p>;
  if (after) return <p class="outcome after">{t("afterOwn", actionName(after.kind))}</p>;
  return null;
}

/** "Was this right?": the person's answer, kept on this device and carried into the copied report. */
function WasThisRight({ failure, busy, onFeedback }: { failure: Failure; busy: boolean; onFeedback: (right: boolean | null) => void }) {
  const answer = failure.feedback;
  return (
    <div class="feedback" role="group" aria-label={t("popupWasThisRight")}>
      <span>{t("popupWasThisRight")}</span>
      <button type="button" aria-pressed={answer === "right"} disabled={busy} onClick={() => onFeedback(answer === "right" ? null : true)}>
        {t("popupYes")}
      </button>
      <button type="button" aria-pressed={answer === "wrong"} disabled={busy} onClick={() => onFeedback(answer === "wrong" ? null : false)}>
        {t("popupNo")}
      </button>
      {answer && (
        <p class="thanks" role="status">
          {t(answer === "right" ? "popupThanksRight" : "popupThanksWrong")}
        </p>
      )}
    </div>
  );
}

export function FailureGroupItem({ group, now, busy, page, onFix, onFeedback }: { group: FailureGroup; now: number; busy: boolean; page: PageState | null; onFix: (failure: Failure, fix: FixId) => void; onFeedback: (failure: Failure, right: boolean | null) => void }) {
  const [newest] = group.failures;
  if (!newest) return null;
  const headingId = `failure-${newest.id}`;
  const settled = newest.outcome?.state === "fixed" || newest.outcome?.state === "not-fixed";
  const level = newest.confidence >= 0.8 ? "high" : newest.confidence >= 0.6 ? "medium" : "low";
  return (
    <li class={`failure${settled ? ` ${newest.outcome?.state}` : ""}`} data-cause={newest.cause} data-state={newest.outcome?.state ?? "open"} data-failures={group.failures.map((f) => f.id).join(" ")} aria-labelledby={headingId}>
      <div class="failure-top">
        <span class={`confidence ${level}`}>{confidenceWords(newest.confidence)}</span>
        {group.failures.length > 1 && <span class="times">{tn("popupGroupCount", group.failures.length)}</span>}
      </div>
      <h2 id={headingId}>{causeHeadline(newest.cause)}</h2>
      <p class="summary">{newest.summary}</p>
      <OutcomeLine failure={newest} />
      {/* A settled failure needs no fix: the site answered, or a newer card says what to try next. */}
      {!settled && <FixButtons failure={newest} fixes={fixesForPage(newest.fixes, page)} busy={busy} onFix={(fix) => onFix(newest, fix)} />}
      <EvidenceDetails failure={newest} now={now}>
        <p class="facts">
          <span class="cause">{causeLabel(newest.cause)}</span> · {t("popupHowSure", Math.round(newest.confidence * 100))} ·{" "}
          <span class={`status${newest.details.redirect ? " redirect" : ""}`}>
            {newest.details.redirect ? t("popupRedirectStatus", String(newest.status || "JS")) : t("popupStatus", newest.status)}
          </span>
        </p>
        <p class="request">
          <span class="method">{newest.method}</span> <span class="url">{shortUrl(newest.url)}</span>
        </p>
        <p class="meta">
          {resourceTypeLabel(newest.resourceType)}
          {newest.details.serviceWorker ? ` (${t("popupViaServiceWorker")})` : ""} · <time dateTime={new Date(newest.time).toISOString()}>{format(clock(newest.time, true))}</time>
        </p>
        <p class="explanation">{newest.explanation.split("\n\n")[0]}</p>
      </EvidenceDetails>
      <WasThisRight failure={newest} busy={busy} onFeedback={(right) => onFeedback(newest, right)} />
    </li>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
