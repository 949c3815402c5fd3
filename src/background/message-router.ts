import { isOwnExtensionPage, type SenderInfo } from "../messaging/sender";
import { parseMessage, type ErrorResponse, type Message, type Report } from "../messaging/protocol";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";

export interface MessageRouterDeps {
  store: TabStore;
  badge: Badge;
  extensionId: string;
  extensionOrigin: string;
}

type Answer = Report | { cleared: number } | ErrorResponse;

/**
 * Answers the protocol's requests. Only this extension's own pages are served; anything else
 * (a content script, another extension, a malformed message) gets an error, never an action.
 */
export function createMessageRouter({ store, badge, extensionId, extensionOrigin }: MessageRouterDeps) {
  async function answer(message: Message): Promise<Answer> {
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
    }
  }

  return (raw: unknown, sender: SenderInfo): Promise<Answer> => {
    if (!isOwnExtensionPage(sender, extensionId, extensionOrigin)) {
      return Promise.resolve({ error: "AuthLens answers only its own pages." });
    }
    const message = parseMessage(raw);
    if (!message) return Promise.resolve({ error: "Not an AuthLens message." });
    return answer(message).catch((error: unknown) => ({ error: `AuthLens could not answer: ${String(error)}` }));
  };
}
