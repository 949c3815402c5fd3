import { isErrorResponse, type Message, type ResponseOf } from "./protocol";

/** The transport a client sends over: `runtime.sendMessage` in the extension, a fake in tests. */
export type SendMessage = (message: unknown) => Promise<unknown>;

/** A typed client of the protocol. A refusal from the worker becomes a rejected promise. */
export interface MessageClient {
  send<M extends Message>(message: M): Promise<ResponseOf<M["type"]>>;
}

export function createMessageClient(sendMessage: SendMessage): MessageClient {
  return {
    async send<M extends Message>(message: M): Promise<ResponseOf<M["type"]>> {
      const response = await sendMessage(message);
      if (response === undefined) throw new Error("AuthLens's background worker did not answer.");
      if (isErrorResponse(response)) throw new Error(response.error);
      return response as ResponseOf<M["type"]>;
    },
  };
}
