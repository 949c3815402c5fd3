import { render } from "preact";
import browser from "webextension-polyfill";
import { speakOnPage } from "../platform/i18n";
import { createSettingsStore } from "../platform/settings";
import { SettingsPage } from "./settings-page";

speakOnPage(document, "settingsTitle");
const root = document.getElementById("app");
// The organisation's policy (managed storage) is shown over the person's settings, not editable.
const store = createSettingsStore(browser.storage.local, browser.storage.sync, browser.storage.managed);
if (root) render(<SettingsPage store={store} version={browser.runtime.getManifest().version} />, root);
