import type { MessageClient } from "../messaging/client";
import type { FixResult, Message, Report, ResponseOf } from "../messaging/protocol";

/** What the mock answers besides the report: the page's state and a fix's result. */
export interface MockAnswers {
  unsavedInput?: boolean;
  fix?: (message: Extract<Message, { type: "apply-fix" }>) => FixResult;
}

/** A MessageClient that answers from fixed data, so popup components run without an extension. */
export function mockClient(report: Report, sent: Message[] = [], { unsavedInput = false, fix }: MockAnswers = {}): MessageClient {
  return {
    send<M extends Message>(message: M): Promise<ResponseOf<M["type"]>> {
      sent.push(message);
      const answers: Partial<Record<Message["type"], unknown>> = {
        report,
        "undo-list": { undo: [] },
        "page-state": { unsavedInput },
        "apply-fix": message.type === "apply-fix" && fix ? fix(message) : { ok: true, message: "Removed 2 cookies from 1 host of example.com.", undoId: "u1" },
        undo: { ok: true, message: "Put back 2 cookies for example.com." },
        "look-closer": { ok: true, message: "Looking closer at this tab for 10 minutes.", reloaded: true },
      };
      return Promise.resolve(answers[message.type] as ResponseOf<M["type"]>);
    },
  };
}
