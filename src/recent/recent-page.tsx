import { useEffect, useState } from "preact/hooks";
import { clock } from "../core/report/text";
import type { MessageClient } from "../messaging/client";
import type { RecentFailure } from "../messaging/protocol";
import { format, t } from "../platform/i18n";
import { causeHeadline, confidenceWords } from "../ui/labels";

type State = { kind: "loading" } | { kind: "error"; message: string } | { kind: "ready"; recent: RecentFailure[] };

/** The failures of every tab over the last 24 hours, newest first, with a way to clear them. */
export function RecentPage({ client, showTab }: { client: MessageClient; showTab: (tabId: number) => Promise<void> }) {
  const [state, setState] = useState<State>({ kind: "loading" });
  const [notice, setNotice] = useState("");
  const load = () =>
    client
      .send({ type: "recent" })
      .then(({ recent }) => setState({ kind: "ready", recent }))
      .catch((error: unknown) => setState({ kind: "error", message: error instanceof Error ? error.message : String(error) }));
  useEffect(() => void load(), []);
  const clear = async () => {
    const { cleared } = await client.send({ type: "clear-recent" });
    setNotice(cleared ? t("recentCleared") : t("recentEmpty"));
    await load();
  };
  return (
    <main class="recent" aria-busy={state.kind === "loading"}>
      <h1>{t("recentTitle")}</h1>
      <p>{t("recentIntro")}</p>
      <p role="status">{notice}</p>
      {state.kind === "loading" && <p>{t("popupLoading")}</p>}
      {state.kind === "error" && (
        <p role="alert" class="error">
          {t("recentLoadError", state.message)}
        </p>
      )}
      {state.kind === "ready" && state.recent.length === 0 && <p class="empty">{t("recentEmpty")}</p>}
      {state.kind === "ready" && state.recent.length > 0 && (
        <>
          <ul class="failures">
            {state.recent.map((r) => (
              <li key={r.id} class="failure" data-cause={r.cause} data-tab={r.tabId}>
                <div class="failure-top">
                  <time dateTime={new Date(r.time).toISOString()}>{format(clock(r.time, true))}</time>
                  <span>{r.host}</span>
                  <span class="confidence">{confidenceWords(r.confidence)}</span>
                </div>
                <h2>{causeHeadline(r.cause)}</h2>
                <button type="button" onClick={() => void showTab(r.tabId).catch(() => setNotice(t("popupNoTab")))}>
                  {t("recentOpenTab")}
                </button>
              </li>
            ))}
          </ul>
          <p>
            <button type="button" onClick={() => void clear()}>
              {t("recentClear")}
            </button>
          </p>
        </>
      )}
    </main>
  );
}
