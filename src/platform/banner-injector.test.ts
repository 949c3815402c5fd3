import { describe, expect, it } from "vitest";
import { BANNER_SCRIPT, createBannerInjector } from "./banner-injector";

function setup({ listening = false, scriptable = true, statuses = ["complete"] as (string | null)[] } = {}) {
  const sent: number[] = [];
  const injected: unknown[] = [];
  const waits: number[] = [];
  const injector = createBannerInjector({
    tabs: {
      sendMessage: async (tabId) => (sent.push(tabId), listening ? undefined : Promise.reject(new Error("Could not establish connection. Receiving end does not exist."))),
      get: async () => {
        const status = statuses.length > 1 ? statuses.shift() : statuses[0];
        return status === null ? Promise.reject(new Error("No tab with id: 4")) : { status };
      },
    },
    scripting: { executeScript: async (injection) => (scriptable ? void injected.push(injection) : Promise.reject(new Error("Cannot access a chrome:// URL"))) },
    wait: async (ms) => void waits.push(ms),
  });
  return { injector, sent, injected, waits };
}

describe("banner injector", () => {
  it("tells a page that has the banner script, without injecting it again", async () => {
    const { injector, sent, injected } = setup({ listening: true });
    await injector.notify(4);
    expect(sent).toEqual([4]);
    expect(injected).toEqual([]);
  });

  it("puts the banner script into the top frame of a loaded page that does not have it", async () => {
    const { injector, injected, waits } = setup();
    await injector.notify(4);
    expect(injected).toEqual([{ target: { tabId: 4, frameIds: [0] }, files: [BANNER_SCRIPT] }]);
    expect(waits).toEqual([]);
  });

  it("waits for a page still loading, once however often it is told, and not for a closed tab", async () => {
    const { injector, injected, waits } = setup({ statuses: ["loading", "loading", "complete"] });
    await Promise.all([injector.notify(4), injector.notify(4)]);
    expect(waits).toEqual([250, 250]);
    expect(injected).toHaveLength(1);
    const closed = setup({ statuses: [null] });
    await closed.injector.notify(4);
    expect(closed.injected).toEqual([]);
  });

  it("gives up waiting on a page that never finishes loading, and shows the banner anyway", async () => {
    const { injector, injected, waits } = setup({ statuses: ["loading"] });
    await injector.notify(4);
    expect(waits).toHaveLength(40);
    expect(injected).toHaveLength(1);
  });

  it("leaves a page it may not script alone, without throwing", async () => {
    await expect(setup({ scriptable: false }).injector.notify(4)).resolves.toBeUndefined();
  });
});
