import { render } from "preact";
import browser from "webextension-polyfill";
import { createMessageClient } from "../messaging/client";
import { speakOnPage } from "../platform/i18n";
import { RecentPage } from "./recent-page";

speakOnPage(document, "recentTitle");
const root = document.getElementById("app");
if (root) {
  const client = createMessageClient((message) => browser.runtime.sendMessage(message));
  const showTab = async (tabId: number) => {
    const tab = await browser.tabs.update(tabId, { active: true });
    if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  };
  render(<RecentPage client={client} showTab={showTab} />, root);
}
