/** The parts of `runtime.MessageSender` a trust decision needs. */
export interface SenderInfo {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined } | undefined;
  frameId?: number | undefined;
}

/**
 * True when a message comes from one of this extension's own pages (popup, options, a tab
 * showing an extension page), not from a content script or another extension.
 * `extensionOrigin` is `runtime.getURL("")`.
 */
export function isOwnExtensionPage(sender: SenderInfo, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && typeof sender.url === "string" && sender.url.startsWith(extensionOrigin);
}

/**
 * True when a message comes from this extension's content script in the top frame of tab
 * `tabId`: the page's own tab, never another.
 */
export function isOwnContentScriptIn(sender: SenderInfo, extensionId: string, extensionOrigin: string, tabId: number): boolean {
  return sender.id === extensionId && sender.tab?.id === tabId && sender.frameId === 0 && !(sender.url ?? "").startsWith(extensionOrigin);
}
