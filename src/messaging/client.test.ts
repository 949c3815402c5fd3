import { describe, expect, it } from "vitest";
import { createMessageClient } from "./client";

describe("message client", () => {
  it("passes the answer through", async () => {
    const client = createMessageClient(async () => ({ version: 1, tabId: 3, failures: [] }));
    await expect(client.send({ type: "report", tabId: 3 })).resolves.toEqual({ version: 1, tabId: 3, failures: [] });
  });

  it("turns a refusal or silence into a clear error", async () => {
    await expect(createMessageClient(async () => ({ error: "AuthLens answers only its own pages." })).send({ type: "report", tabId: 3 })).rejects.toThrow("only its own pages");
    await expect(createMessageClient(async () => undefined).send({ type: "report", tabId: 3 })).rejects.toThrow("did not answer");
  });
});
