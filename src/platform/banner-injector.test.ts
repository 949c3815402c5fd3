import { describe, expect, it } from "vitest";
import { BANNER_SCRIPT, createBannerInjector } from "./banner-injector";

function setup({ listening = false, scriptable = true } = {}) {
  const sent: number[] = [];
  const injected: unknown[] = [];
  const injector = createBannerInjector({
    tabs: { sendMessage: async (tabId) => (sent.push(tabId), listening ? undefined : Promise.reject(new Error("Could not establish connection. Receiving end does not exist."))) },
    scripting: { executeScript: async (injection) => (scriptable ? void injected.push(injection) : Promise.reject(new Error("Cannot access a chrome:// URL"))) },
  });
  return { injector, sent, injected };
}

describe("banner injector", () => {
  it("tells a page that has the banner script, without injecting it again", async () => {
    const { injector, sent, injected } = setup({ listening: true });
    await injector.notify(4);
    expect(sent).toEqual([4]);
    expect(injected).toEqual([]);
  });

  it("puts the banner script into the top frame of a page that does not have it", async () => {
    const { injector, injected } = setup();
    await injector.notify(4);
    expect(injected).toEqual([{ target: { tabId: 4, frameIds: [0] }, files: [BANNER_SCRIPT] }]);
  });

  it("leaves a page it may not script alone, without throwing", async () => {
    await expect(setup({ scriptable: false }).injector.notify(4)).resolves.toBeUndefined();
  });
});
