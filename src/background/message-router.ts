import { isOwnContentScriptIn, isOwnExtensionPage, type SenderInfo } from "../messaging/sender";
import { parseMessage, type ErrorResponse, type Message, type MessageType, type ResponseOf } from "../messaging/protocol";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";
import type { Fixer } from "./fixer";

export interface MessageRouterDeps {
  store: TabStore;
  badge: Badge;
  fixer: Fixer;
  extensionId: string;
  extensionOrigin: string;
}

/**
 * Who may send each message: "pages" are this extension's own pages only; "pages-or-tab" also
 * admits our content script, but only about its own tab.
 */
const SENDERS: Record<MessageType, "pages" | "pages-or-tab"> = {
  report: "pages-or-tab",
  "clear-failures": "pages",
  "apply-fix": "pages-or-tab",
  undo: "pages-or-tab",
  "undo-list": "pages-or-tab",
};

/**
 * Answers the protocol's requests after checking the sender. Anything else (another extension,
 * a web page, a content script asking about another tab, a malformed message) gets an error,
 * never an action.
 */
export function createMessageRouter({ store, badge, fixer, extensionId, extensionOrigin }: MessageRouterDeps) {
  async function answer(message: Message): Promise<ResponseOf<MessageType>> {
    switch (message.type) {
      case "report": {
        const record = await store.read(message.tabId);
        return { version: 1, tabId: message.tabId, failures: [...record.failures].reverse() };
      }
      case "clear-failures": {
        const before = (await store.read(message.tabId)).failures.length;
        await store.remove(message.tabId);
        await badge.show(message.tabId, 0);
        return { cleared: before };
      }
      case "apply-fix":
        return fixer.apply(message.tabId, message.failureId, message.fix);
      case "undo":
        return fixer.undo(message.tabId, message.undoId);
      case "undo-list":
        return { undo: await fixer.undoList(message.tabId) };
    }
  }

  return (raw: unknown, sender: SenderInfo): Promise<ResponseOf<MessageType> | ErrorResponse> => {
    const fromPage = isOwnExtensionPage(sender, extensionId, extensionOrigin);
    const tabId = typeof raw === "object" && raw !== null ? (raw as { tabId?: unknown }).tabId : undefined;
    const fromTab = typeof tabId === "number" && isOwnContentScriptIn(sender, extensionId, extensionOrigin, tabId);
    if (!fromPage && !fromTab) return Promise.resolve({ error: "AuthLens answers only its own pages." });
    const message = parseMessage(raw);
    if (!message) return Promise.resolve({ error: "Not an AuthLens message." });
    if (!fromPage && SENDERS[message.type] !== "pages-or-tab") return Promise.resolve({ error: "AuthLens answers only its own pages." });
    return answer(message).catch((error: unknown) => ({ error: `AuthLens could not answer: ${error instanceof Error ? error.message : String(error)}` }));
  };
}
