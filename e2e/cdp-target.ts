import type { CDPSession } from "@playwright/test";

/** A target (DevTools' window, an extension frame inside it) reached through a page's CDP session. */
export interface TargetSession {
  call<T>(method: string, params?: object): Promise<T>;
  /** Calls `listener` with each event `method` the target sends (after the domain is enabled). */
  on(method: string, listener: (params: unknown) => void): void;
  /** Evaluates `expression` in the target's page and returns its value (awaiting a promise). */
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

/**
 * Attaches to another target through `cdp` (Target.attachToTarget, non-flat, with
 * Target.sendMessageToTarget): Playwright opens CDP sessions on its own pages only, and neither
 * DevTools' window nor an extension's DevTools panel is one.
 */
export async function attachTarget(cdp: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = await cdp.send("Target.attachToTarget", { targetId, flatten: false });
  let next = 0;
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++next;
      const onMessage = (event: { sessionId?: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const reply = JSON.parse(event.message) as { id?: number; result?: T; error?: { message: string } };
        if (reply.id !== id) return;
        cdp.off("Target.receivedMessageFromTarget", onMessage);
        if (reply.error) reject(new Error(reply.error.message));
        else resolve(reply.result as T);
      };
      cdp.on("Target.receivedMessageFromTarget", onMessage);
      void cdp.send("Target.sendMessageToTarget", { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  return {
    call,
    on(method, listener) {
      cdp.on("Target.receivedMessageFromTarget", (event: { sessionId?: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const message = JSON.parse(event.message) as { method?: string; params?: unknown };
        if (message.method === method) listener(message.params);
      });
    },
    async evaluate<T>(expression: string): Promise<T> {
      const { result, exceptionDetails } = await call<{ result: { value: T }; exceptionDetails?: { text: string; exception?: { description?: string } } }>("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
    detach: async () => void (await cdp.send("Target.detachFromTarget", { sessionId }).catch(() => undefined)),
  };
}
