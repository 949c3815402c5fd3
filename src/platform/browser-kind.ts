import browser from "webextension-polyfill";

/** True in Firefox, whose runtime has `getBrowserInfo` (Chrome's does not). */
export function isFirefox(): boolean {
  return typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === "function";
}

/**
 * Whether AuthLens may open a private window. Firefox asks for the add-on's "Run in Private
 * Windows" permission; Chrome lets any extension open an incognito window.
 */
export async function privateWindowsAllowed(): Promise<boolean> {
  return isFirefox() ? browser.extension.isAllowedIncognitoAccess() : true;
}
