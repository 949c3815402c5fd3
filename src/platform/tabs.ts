import browser from "webextension-polyfill";

/** The tab a popup speaks for: `?tab=<id>` when given (tests, "open in a tab"), else the active tab. */
export async function targetTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get("tab");
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : null;
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
