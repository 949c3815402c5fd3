import type { Failure } from "../core/failure";
import { clock } from "../core/text";
import type { ActionFix } from "../messaging/protocol";
import { format, t, tn } from "../platform/i18n";
import { shortUrl } from "../ui/short-url";
import { causeLabel, resourceTypeLabel } from "../ui/labels";
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

export function FailureGroupItem({ group, now, busy, onFix }: { group: FailureGroup; now: number; busy: boolean; onFix: (failure: Failure, fix: ActionFix) => void }) {
  const [newest] = group.failures;
  if (!newest) return null;
  const headingId = `failure-${newest.id}`;
  return (
    <li class="failure" data-cause={newest.cause} aria-labelledby={headingId}>
      <div class="failure-top">
        {newest.details.redirect ? (
          <span class="status redirect" aria-label={t("popupRedirectStatus", String(newest.status || "JS"))}>
            ↪ {newest.status || "JS"}
          </span>
        ) : (
          <span class="status" aria-label={t("popupStatus", newest.status)}>
            {newest.status}
          </span>
        )}
        <span class="cause">{causeLabel(newest.cause)}</span>
        {group.failures.length > 1 && <span class="times">{tn("popupGroupCount", group.failures.length)}</span>}
        <span class="confidence">{t("popupSure", Math.round(newest.confidence * 100))}</span>
      </div>
      <h2 id={headingId}>{newest.summary}</h2>
      <p class="request">
        <span class="method">{newest.method}</span> <span class="url">{shortUrl(newest.url)}</span>
      </p>
      <p class="meta">
        {resourceTypeLabel(newest.resourceType)} · <time dateTime={new Date(newest.time).toISOString()}>{format(clock(newest.time, true))}</time>
      </p>
      <p class="explanation">{newest.explanation.split("\n\n")[0]}</p>
      <FixButtons failure={newest} busy={busy} onFix={(fix) => onFix(newest, fix)} />
      <EvidenceDetails failure={newest} now={now} />
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
