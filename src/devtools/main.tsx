import { render } from "preact";
import browser from "webextension-polyfill";
import { speakOnPage } from "../platform/i18n";
import { Panel, type LoggedRequest } from "./panel";
import type { Entry, Har } from "har-format";

/** An entry of the Network log, as DevTools hands it over (with a way to read its body). */
type DevtoolsEntry = Entry & { getContent(callback: (content: string | null, encoding: string) => void): void };

const network = (globalThis as unknown as { chrome?: { devtools?: { network?: { getHAR(cb: (har: { entries: DevtoolsEntry[] }) => void): void } } } }).chrome?.devtools?.network;

/** How long a body is waited for: DevTools does not always answer for a request it recorded before it was ready. */
const CONTENT_WAIT_MS = 1500;

/** A body as text: DevTools gives it base64 for binary answers, which carry no reason; null when it does not answer. */
const contentOf = (entry: DevtoolsEntry) => () =>
  new Promise<string | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), CONTENT_WAIT_MS);
    try {
      entry.getContent((content, encoding) => {
        clearTimeout(timer);
        resolve(encoding === "base64" ? null : content);
      });
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
const logged = (entry: DevtoolsEntry): LoggedRequest => ({ entry, content: contentOf(entry) });

/** The Network log's entries, with their bodies: Chrome's getHAR takes a callback and its entries have getContent. */
const entries = () =>
  new Promise<DevtoolsEntry[]>((resolve) => {
    if (network) network.getHAR((har) => resolve(har.entries));
    else void browser.devtools.network.getHAR().then((har) => resolve(har.entries as DevtoolsEntry[]));
  });

speakOnPage(document);
const root = document.getElementById("app");
if (root) {
  document.documentElement.dataset.theme = browser.devtools.panels.themeName === "dark" ? "dark" : "light";
  // Which tab this DevTools inspects: several DevTools windows can be open at once.
  document.documentElement.dataset.inspectedTab = String(browser.devtools.inspectedWindow.tabId);
  const openResource = (globalThis as unknown as { chrome?: { devtools?: { panels?: { openResource?: (url: string, line: number, done?: () => void) => void } } } }).chrome?.devtools?.panels?.openResource;
  render(
    <Panel
      log={{
        entries: async () => (await entries()).map(logged),
        onRequest(listener) {
          const handler = (entry: unknown) => listener(logged(entry as DevtoolsEntry));
          browser.devtools.network.onRequestFinished.addListener(handler);
          return () => browser.devtools.network.onRequestFinished.removeListener(handler);
        },
        onNavigated(listener) {
          browser.devtools.network.onNavigated.addListener(listener);
          return () => browser.devtools.network.onNavigated.removeListener(listener);
        },
        async har() {
          const list = await entries();
          // Bodies go into the HAR (redacted), as DevTools' own "Save all as HAR with content" does.
          const withContent: Entry[] = await Promise.all(
            list.map(async (devtoolsEntry) => {
              const text = await contentOf(devtoolsEntry)();
              // The entry's own getContent is a function, not HAR: left out.
              const entry: Entry = JSON.parse(JSON.stringify(devtoolsEntry)) as Entry;
              return { ...entry, response: { ...entry.response, content: { ...entry.response.content, ...(text === null ? {} : { text }) } } };
            }),
          );
          const har: Har = { log: { version: "1.2", creator: { name: "AuthLens", version: browser.runtime.getManifest().version }, entries: withContent } };
          return har;
        },
      }}
      openResource={openResource ? (url) => openResource(url, 1) : null}
      save={(text, filename) => {
        const link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([text], { type: "application/json" }));
        link.download = filename;
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      }}
    />,
    root,
  );
}
