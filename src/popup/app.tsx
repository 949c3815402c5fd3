import { useCallback, useEffect, useState } from "preact/hooks";
import type { Failure } from "../core/failure";
import type { MessageClient } from "../messaging/client";
import type { ActionFix, FixResult, Report, UndoSummary } from "../messaging/protocol";
import { FailureItem } from "./failure-item";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "no-tab" } | { kind: "ready"; tabId: number; report: Report; undo: UndoSummary[] };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The popup: the failures AuthLens recorded in one tab, and the fixes for them. */
export function App({ client, tabId }: { client: MessageClient; tabId: Promise<number | null> }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [notice, setNotice] = useState<(FixResult & { undone?: boolean }) | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const id = await tabId;
    if (id === null) return setState({ kind: "no-tab" });
    const [report, { undo }] = await Promise.all([client.send({ type: "report", tabId: id }), client.send({ type: "undo-list", tabId: id })]);
    setState({ kind: "ready", tabId: id, report, undo });
  }, [client, tabId]);

  useEffect(() => {
    load().catch((error: unknown) => setState({ kind: "error", message: messageOf(error) }));
  }, [load]);

  const run = async (action: () => Promise<FixResult>, undone = false) => {
    setBusy(true);
    try {
      setNotice({ ...(await action()), undone });
      await load();
    } catch (error) {
      setNotice({ ok: false, message: `That did not work: ${messageOf(error)}` });
    } finally {
      setBusy(false);
    }
  };

  const ready = state.kind === "ready" ? state : null;
  const onFix = (failure: Failure, fix: ActionFix) => ready && void run(() => client.send({ type: "apply-fix", tabId: ready.tabId, failureId: failure.id, fix }));
  const onUndo = (undoId: string) => ready && void run(() => client.send({ type: "undo", tabId: ready.tabId, undoId }), true);
  const pendingUndo = ready?.undo.filter((u) => u.id !== notice?.undoId) ?? [];

  return (
    <main aria-busy={state.kind === "loading" || busy}>
      <header>
        <h1>AuthLens</h1>
        {ready && ready.report.failures.length > 0 && (
          <p class="count" role="status">
            {ready.report.failures.length === 1 ? "1 auth failure in this tab" : `${ready.report.failures.length} auth failures in this tab`}
          </p>
        )}
      </header>
      <div class="notice" role="alert" aria-live="assertive">
        {notice && (
          <p class={notice.ok ? "ok" : "error"}>
            {notice.message}{" "}
            {notice.undoId && !notice.undone && (
              <button type="button" disabled={busy} onClick={() => onUndo(notice.undoId!)}>
                Undo
              </button>
            )}
          </p>
        )}
      </div>
      {pendingUndo.map((u) => (
        <p key={u.id} class="undo-pending">
          Cookies for {u.site} were removed ({u.count}).{" "}
          <button type="button" disabled={busy} onClick={() => onUndo(u.id)}>
            Undo: put back {u.count} cookies for {u.site}
          </button>
        </p>
      ))}
      {state.kind === "loading" && <p role="status">Loading…</p>}
      {state.kind === "error" && (
        <p role="alert" class="error">
          Could not load this tab's failures: {state.message}
        </p>
      )}
      {state.kind === "no-tab" && <p class="empty">There is no tab to report on.</p>}
      {ready && ready.report.failures.length === 0 && (
        <p class="empty" role="status">
          No auth failures seen in this tab. When a page or one of its requests is refused (401, 403, 407, 419 or 440), AuthLens explains why here.
        </p>
      )}
      {ready && ready.report.failures.length > 0 && (
        <ul class="failures" aria-label="Auth failures, newest first">
          {ready.report.failures.map((failure) => (
            <FailureItem key={failure.id} failure={failure} busy={busy} onFix={onFix} />
          ))}
        </ul>
      )}
    </main>
  );
}
