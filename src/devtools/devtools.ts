/**
 * The DevTools page: adds the AuthLens panel. It runs while DevTools is open and costs nothing
 * otherwise: no page is watched, no listener added, until a developer opens DevTools.
 */
import browser from "webextension-polyfill";

void browser.devtools.panels.create("AuthLens", "/icons/icon-32.png", "/src/devtools/panel.html");
