import { render } from "preact";
import browser from "webextension-polyfill";
import { createMessageClient } from "../messaging/client";
import { hostAccess } from "../platform/host-access";
import { speakOnPage } from "../platform/i18n";
import { reportChanges } from "../platform/report-changes";
import { targetTabId } from "../platform/tabs";
import { App } from "./app";

speakOnPage(document);
const root = document.getElementById("app");
if (root) {
  const client = createMessageClient((message) => browser.runtime.sendMessage(message));
  render(<App client={client} tabId={targetTabId(location.search)} copyText={(text) => navigator.clipboard.writeText(text)} hostAccess={hostAccess} reportChanges={reportChanges} />, root);
}
