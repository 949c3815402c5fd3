import browser from "webextension-polyfill";
import { isFirefox } from "./browser-kind";

/**
 * Opens the browser's cookie settings in a new tab, where the person can allow a site's cookies.
 * Chrome lets an extension open its settings pages; Firefox does not let one open `about:preferences`,
 * so there the fix says where to find them (false).
 */
export async function openCookieSettings(): Promise<boolean> {
  if (isFirefox()) return false;
  await browser.tabs.create({ url: "chrome://settings/cookies" });
  return true;
}
