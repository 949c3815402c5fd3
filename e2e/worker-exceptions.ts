import type { BrowserContext, CDPSession, Page } from "@playwright/test";

/**
 * Collects the uncaught exceptions (and unhandled rejections) of an extension's service worker,
 * and what it logs, restarts included. Playwright reports neither for workers, so this listens to CDP
 * Runtime.exceptionThrown on each worker target, reached through a page's session
 * (Target.attachToTarget without flattening, then Target.sendMessageToTarget).
 */
export async function watchWorkerExceptions(context: BrowserContext, page: Page, extensionId: string): Promise<{ exceptions: string[]; console: string[]; stop: () => Promise<void> }> {
  const cdp: CDPSession = await context.newCDPSession(page);
  const exceptions: string[] = [];
  /** Everything the worker logged (console.*), as text: for the planted-secret sweep. */
  const logged: string[] = [];
  const attached = new Set<string>();
  const ours = (info: { type: string; url: string }) => info.type === "service_worker" && info.url.startsWith(`chrome-extension://${extensionId}/`);

  async function attach(targetId: string): Promise<void> {
    if (attached.has(targetId)) return;
    attached.add(targetId);
    const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
    await cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id: 1, method: "Runtime.enable" }) });
  }

  cdp.on("Target.receivedMessageFromTarget", (event: { message: string }) => {
    type RemoteObject = { value?: unknown; description?: string };
    const message = JSON.parse(event.message) as { method?: string; params?: { args?: RemoteObject[]; exceptionDetails?: { text?: string; exception?: { description?: string } } } };
    if (message.method === "Runtime.consoleAPICalled") logged.push((message.params?.args ?? []).map((a) => (a.value !== undefined ? JSON.stringify(a.value) : (a.description ?? ""))).join(" "));
    if (message.method !== "Runtime.exceptionThrown") return;
    const details = message.params?.exceptionDetails;
    exceptions.push(details?.exception?.description ?? details?.text ?? "an exception");
  });
  cdp.on("Target.targetCreated", (event: { targetInfo: { targetId: string; type: string; url: string } }) => {
    if (ours(event.targetInfo)) void attach(event.targetInfo.targetId).catch(() => undefined);
  });
  await cdp.send("Target.setDiscoverTargets", { discover: true });
  const { targetInfos } = await cdp.send("Target.getTargets");
  for (const info of targetInfos) if (ours(info)) await attach(info.targetId).catch(() => undefined);
  return { exceptions, console: logged, stop: () => cdp.detach().catch(() => undefined) };
}
