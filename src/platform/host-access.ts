import browser from "webextension-polyfill";

/**
 * Access to all sites, without which webRequest reports nothing. Firefox's Manifest V3 leaves it
 * to the person (granted or revoked in the add-ons manager); Chrome lets them restrict it too.
 */
export interface HostAccess {
  granted(): Promise<boolean>;
  /** Must run in a click handler: browsers ask only in answer to a person's action. */
  request(): Promise<boolean>;
}

const ALL_SITES = { origins: ["<all_urls>"] };

export const hostAccess: HostAccess = {
  granted: () => browser.permissions.contains(ALL_SITES),
  request: () => browser.permissions.request(ALL_SITES),
};
