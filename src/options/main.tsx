import { render } from "preact";
import browser from "webextension-polyfill";
import { speakOnPage } from "../platform/i18n";
import { createSettingsStore } from "../platform/settings";
import { SettingsPage } from "./settings-page";

speakOnPage(document, "settingsTitle");
const root = document.getElementById("app");
if (root) render(<SettingsPage store={createSettingsStore(browser.storage.local, browser.storage.sync)} />, root);
