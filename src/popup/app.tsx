import { useEffect, useState } from "preact/hooks";
import type { MessageClient } from "../messaging/client";
import type { Report } from "../messaging/protocol";
import { FailureItem } from "./failure-item";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "no-tab" } | { kind: "ready"; report: Report };

/** The popup: the failures AuthLens recorded in one tab. */
export function App({ client, tabId }: { client: MessageClient; tabId: Promise<number | null> }) {
  const [state, setState] = useState<State>({ kind: "loading" });

  useEffect(() => {
    let live = true;
    const settle = (next: State) => live && setState(next);
    tabId
      .then((id) => (id === null ? settle({ kind: "no-tab" }) : client.send({ type: "report", tabId: id }).then((report) => settle({ kind: "ready", report }))))
      .catch((error: unknown) => settle({ kind: "error", message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
  }, [client, tabId]);

  return (
    <main aria-busy={state.kind === "loading"}>
      <header>
        <h1>AuthLens</h1>
        {state.kind === "ready" && state.report.failures.length > 0 && (
          <p class="count" role="status">
            {state.report.failures.length === 1 ? "1 auth failure in this tab" : `${state.report.failures.length} auth failures in this tab`}
          </p>
        )}
      </header>
      {state.kind === "loading" && <p role="status">Loading…</p>}
      {state.kind === "error" && (
        <p role="alert" class="error">
          Could not load this tab's failures: {state.message}
        </p>
      )}
      {state.kind === "no-tab" && <p class="empty">There is no tab to report on.</p>}
      {state.kind === "ready" && state.report.failures.length === 0 && (
        <p class="empty" role="status">
          No auth failures seen in this tab. When a page or one of its requests is refused (401, 403, 407, 419 or 440), AuthLens explains why here.
        </p>
      )}
      {state.kind === "ready" && state.report.failures.length > 0 && (
        <ul class="failures" aria-label="Auth failures, newest first">
          {state.report.failures.map((failure) => (
            <FailureItem key={failure.id} failure={failure} />
          ))}
        </ul>
      )}
    </main>
  );
}
