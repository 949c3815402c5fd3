import type { Failure } from "../core/failure";
import type { ActionFix } from "../messaging/protocol";
import { FixButtons } from "./fix-buttons";
import { CAUSE_LABELS } from "./strings";

/** One failure: what failed, the likely cause and how sure AuthLens is, and the evidence on demand. */
export function FailureItem({ failure, busy, onFix }: { failure: Failure; busy: boolean; onFix: (failure: Failure, fix: ActionFix) => void }) {
  const headingId = `failure-${failure.id}`;
  return (
    <li class="failure" data-cause={failure.cause} aria-labelledby={headingId}>
      <div class="failure-top">
        <span class="status" aria-label={`HTTP status ${failure.status}`}>
          {failure.status}
        </span>
        <span class="cause">{CAUSE_LABELS[failure.cause]}</span>
        <span class="confidence">{Math.round(failure.confidence * 100)}% sure</span>
      </div>
      <h2 id={headingId}>{failure.summary}</h2>
      <p class="request">
        <span class="method">{failure.method}</span> <span class="url">{shortUrl(failure.url)}</span>
      </p>
      <p class="meta">
        {failure.resourceType.replace("_", " ")} · <time dateTime={new Date(failure.time).toISOString()}>{new Date(failure.time).toLocaleTimeString()}</time>
      </p>
      <p class="explanation">{failure.explanation.split("\n\n")[0]}</p>
      <FixButtons failure={failure} busy={busy} onFix={(fix) => onFix(failure, fix)} />
      <details>
        <summary>Evidence</summary>
        <ul class="evidence">
          {failure.evidence.map((item, index) => (
            <li key={index}>
              <code>{item.seen}</code>
              <span>{item.meaning}</span>
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}

function shortUrl(url: string): string {
  try {
    const { host, pathname, search } = new URL(url);
    return host + pathname + search;
  } catch {
    return url;
  }
}
