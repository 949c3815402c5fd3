import browser, { type Runtime } from "webextension-polyfill";
import type { ReportChanged } from "../messaging/protocol";

/**
 * Listens for the worker's "this tab's report changed", so an open popup shows new failures as they
 * are recorded. Only this extension's worker (a sender with no tab) is listened to.
 */
export function reportChanges(listener: (tabId: number) => void): () => void {
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    const m = message as Partial<ReportChanged> | null;
    if (sender.id !== browser.runtime.id || sender.tab || m?.type !== "authlens-report-changed" || typeof m.tabId !== "number") return;
    listener(m.tabId);
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
