import { useCallback, useEffect, useState } from "preact/hooks";
import type { Failure } from "../core/failure";
import type { FixId } from "../core/fixes/fix";
import { isOpen } from "../core/fixes/outcome";
import type { PageState } from "../core/fixes/rank-fixes";
import { formatReport } from "../core/report/report-text";
import type { MessageClient } from "../messaging/client";
import type { FixResult, Report, UndoSummary } from "../messaging/protocol";
import type { HostAccess } from "../platform/host-access";
import { say, t, tn } from "../platform/i18n";
import { FailureGroupItem, groupFailures } from "./failure-group";
import { BlockedCalls } from "./blocked-calls";
import { LookCloser } from "./look-closer";
import { HandledCalls } from "./handled-calls";

/** Subscribes to "this tab's report changed" from the worker; returns the unsubscribe. */
export type ReportChanges = (listener: (tabId: number) => void) => () => void;

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "no-tab" } | { kind: "ready"; tabId: number; report: Report; undo: UndoSummary[]; page: PageState | null };
/** What the last action did; `retry` carries it out again where the person confirms (Reload anyway). */
type Notice = FixResult & { undone?: boolean; retry?: () => void };

/** How long the popup waits to learn whether the page holds typed text before it shows the fixes anyway (the worker asks again before reloading). */
const PAGE_STATE_WAIT_MS = 300;

/** Where the popup puts a copied report; `navigator.clipboard` in the extension, a fake in tests. */
export type CopyText = (text: string) => Promise<void>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The popup: the failures AuthLens recorded in one tab, grouped by cause and site, and the fixes for them. */
export function App({ client, tabId, copyText, hostAccess, reportChanges }: { client: MessageClient; tabId: Promise<number | null>; copyText: CopyText; hostAccess: HostAccess; reportChanges?: ReportChanges }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [access, setAccess] = useState<"granted" | "missing" | "denied">("granted");
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const id = await tabId;
    if (id === null) return setState({ kind: "no-tab" });
    // The failures show as soon as they arrive, with their fixes as offered for the page; pending undos follow.
    const undoList = client.send({ type: "undo-list", tabId: id });
    const pageState = Promise.race([client.send({ type: "page-state", tabId: id }).catch(() => null), new Promise<null>((resolve) => setTimeout(() => resolve(null), PAGE_STATE_WAIT_MS))]);
    const [report, page] = await Promise.all([client.send({ type: "report", tabId: id }), pageState]);
    setState((previous) => ({ kind: "ready", tabId: id, report, page, undo: previous.kind === "ready" ? previous.undo : [] }));
    const { undo } = await undoList;
    setState((previous) => (previous.kind === "ready" ? { ...previous, undo } : previous));
  }, [client, tabId]);

  useEffect(() => {
    load().catch((error: unknown) => setState({ kind: "error", message: messageOf(error) }));
    hostAccess
      .granted()
      .then((granted) => setAccess(granted ? "granted" : "missing"))
      .catch(() => undefined);
  }, [load, hostAccess]);

  // New failures show while the popup is open (after "Look closer" reloads the page, say).
  useEffect(() => {
    if (!reportChanges) return;
    return reportChanges((changed) => {
      void tabId.then((id) => (id === changed ? load() : undefined)).catch(() => undefined);
    });
  }, [reportChanges, tabId, load]);

  const askAccess = () => {
    hostAccess
      .request()
      .then((granted) => setAccess(granted ? "granted" : "denied"))
      .catch(() => setAccess("denied"));
  };

  const run = async (action: () => Promise<FixResult>, undone = false, retry?: () => void) => {
    setBusy(true);
    try {
      const result = await action();
      // Copy a report: the worker wrote it, the popup (which may use the clipboard) copies it.
      if (result.copy !== undefined) await copyText(result.copy).catch((error: unknown) => Object.assign(result, { ok: false, message: t("popupCopyFailed", messageOf(error)) }));
      setNotice({ ...result, undone, ...(result.confirm && retry ? { retry } : {}) });
      await load();
    } catch (error) {
      setNotice({ ok: false, message: t("popupFixFailed", messageOf(error)) });
    } finally {
      setBusy(false);
    }
  };

  const ready = state.kind === "ready" ? state : null;
  useEffect(() => {
    // User Timing mark for `npm run bench` and DevTools: when the tab's failures first show.
    if (state.kind === "ready" && performance.getEntriesByName("authlens-first-render").length === 0) performance.mark("authlens-first-render");
  }, [state.kind]);
  const onFix = (failure: Failure, fix: FixId, force = false): void => {
    if (!ready) return;
    void run(
      () => client.send({ type: "apply-fix", tabId: ready.tabId, failureId: failure.id, fix, ...(force ? { force } : {}) }),
      false,
      () => onFix(failure, fix, true),
    );
  };
  const onFeedback = (failure: Failure, right: boolean | null) =>
    ready &&
    void client
      .send({ type: "feedback", tabId: ready.tabId, failureId: failure.id, right })
      .then(load)
      .catch((error: unknown) => setNotice({ ok: false, message: t("popupFixFailed", messageOf(error)) }));
  const onPause = (paused: boolean) =>
    ready &&
    void client
      .send({ type: "pause-site", tabId: ready.tabId, paused })
      .then(load)
      .catch((error: unknown) => setNotice({ ok: false, message: t("popupFixFailed", messageOf(error)) }));
  const onLookCloser = (on: boolean) => ready && void run(() => client.send({ type: "look-closer", tabId: ready.tabId, on }));
  const onUndo = (undoId: string) => ready && void run(() => client.send({ type: "undo", tabId: ready.tabId, undoId }), true);
  const onCopy = async () => {
    if (!ready) return;
    const { markdown, json } = formatReport(ready.report.failures, new Date(), navigator.userAgent, say);
    try {
      await copyText(`${markdown}\n\n\`\`\`json\n${json}\n\`\`\`\n`);
      setNotice({ ok: true, message: t("popupCopied") });
    } catch (error) {
      setNotice({ ok: false, message: t("popupCopyFailed", messageOf(error)) });
    }
  };
  // Once the site answered normally after a cookie fix, putting the cookies back would bring the problem back: that Undo says so, below the cards.
  const undoesFix = (u: UndoSummary) => ready?.report.failures.some((f) => f.site === u.site && f.outcome?.state === "fixed" && f.outcome.at >= u.createdAt - 1000) ?? false;
  const noticeUndo = ready?.undo.find((u) => u.id === notice?.undoId);
  const pendingUndo = ready?.undo.filter((u) => u.id !== notice?.undoId || undoesFix(u)) ?? [];
  // Refusals the page handled itself are kept apart, out of the way: they need nothing of the person.
  const shown = ready?.report.failures.filter((f) => !f.handled) ?? [];
  const handled = ready?.report.failures.filter((f) => f.handled) ?? [];
  const count = shown.length;
  const open = ready?.report.failures.filter((f) => isOpen(f)).length ?? 0;
  // A report from before blocked calls were kept has none.
  const blocked = ready?.report.blocked ?? [];

  return (
    <main aria-busy={state.kind === "loading" || busy}>
      <header>
        <h1>{t("extName")}</h1>
        {open > 0 && (
          <p class="count" role="status">
            {tn("popupCount", open)}
          </p>
        )}
      </header>
      <div class="notice" role="alert">
        {notice && (
          <p class={notice.ok ? "ok" : "error"}>
            {notice.message}{" "}
            {notice.undoId && !notice.undone && !(noticeUndo && undoesFix(noticeUndo)) && (
              <button type="button" disabled={busy} onClick={() => onUndo(notice.undoId!)}>
                {t("popupUndo")}
              </button>
            )}
            {notice.retry && (
              <button type="button" disabled={busy} onClick={notice.retry}>
                {t("fixReloadAnyway")}
              </button>
            )}
          </p>
        )}
      </div>
      {pendingUndo
        .filter((u) => !undoesFix(u))
        .map((u) => (
          <p key={u.id} class="undo-pending">
            <button type="button" disabled={busy} onClick={() => onUndo(u.id)}>
              {tn("popupUndoPending", u.count, u.site)}
            </button>
          </p>
        ))}
      {access !== "granted" && (
        <div class="access" role="alert">
          <p>{access === "denied" ? t("accessDenied") : t("accessMissing")}</p>
          <button type="button" class="primary" onClick={askAccess}>
            {t("accessGrant")}
          </button>
        </div>
      )}
      {ready?.report.paused && (
        <p class="paused" role="status">
          {ready.report.pausedByOrganisation ? (
            t("popupPausedByOrganisation", ready.report.paused)
          ) : (
            <>
              {t("popupPaused", ready.report.paused)}{" "}
              <button type="button" class="primary" onClick={() => onPause(false)}>
                {t("popupResume")}
              </button>
            </>
          )}
        </p>
      )}
      {state.kind === "loading" && <p role="status">{t("popupLoading")}</p>}
      {state.kind === "error" && (
        <p role="alert" class="error">
          {t("popupLoadError", state.message)}
        </p>
      )}
      {state.kind === "no-tab" && <p class="empty">{t("popupNoTab")}</p>}
      {ready && count === 0 && blocked.length === 0 && handled.length === 0 && (
        <div class="empty" role="status">
          <p>
            <strong>{t("popupEmpty")}</strong>
          </p>
          <p>{t("popupEmptyHelp")}</p>
        </div>
      )}
      {ready && count > 0 && (
        <ul class="failures" aria-label={t("popupListLabel")}>
          {groupFailures(shown).map((group) => (
            <FailureGroupItem key={group.key} group={group} now={Date.now()} busy={busy} page={ready.page} onFix={onFix} onFeedback={onFeedback} />
          ))}
        </ul>
      )}
      {pendingUndo
        .filter(undoesFix)
        .map((u) => (
          <p key={u.id} class="undo-pending after-fix">
            <button type="button" disabled={busy} onClick={() => onUndo(u.id)}>
              {tn("popupUndoFixed", u.count, u.site)}
            </button>
          </p>
        ))}
      {ready && <BlockedCalls blocked={blocked} now={Date.now()} />}
      {ready && <HandledCalls failures={handled} />}
      {/* After the diagnosis: seeing more is the next step only when the fixes above are not enough. */}
      {ready && ready.report.lookCloserAllowed !== false && <LookCloser failures={shown} blockedCount={blocked.length} until={ready.report.lookingCloserUntil ?? null} busy={busy} onChange={onLookCloser} />}
      <footer>
        {count + handled.length > 0 && (
          <button type="button" onClick={() => void onCopy()}>
            {t("popupCopyReport")}
          </button>
        )}
        {ready?.report.site && !ready.report.paused && (
          <button type="button" onClick={() => onPause(true)}>
            {t("popupPause", ready.report.site)}
          </button>
        )}
        <a href="../recent/index.html" target="_blank" rel="noopener">
          {t("popupRecent")}
        </a>
        <a href="../options/index.html" target="_blank" rel="noopener">
          {t("popupOpenSettings")}
        </a>
      </footer>
    </main>
  );
}
