/**
 * The service worker: wiring only. Every listener is registered synchronously here, at the top
 * level, so a stopped worker is woken for the next event.
 */
import { registrableDomain } from "../core/site";
import browser from "webextension-polyfill";
import { classify } from "../core/diagnosis/classify";
import { sayDiagnosis } from "../core/diagnosis/diagnosis";
import { createBadge } from "../platform/badge";
import { privateWindowsAllowed } from "../platform/browser-kind";
import { readSiteJar } from "../platform/cookie-jar";
import { say } from "../platform/i18n";
import { createTabStore } from "../platform/tab-store";
import { browserSupportsExtraHeaders, createCloseLook, createSubresourceWatch, watchRequests, type RequestEndEvent, type ResponseEvent, type SentRequestEvent } from "../platform/web-request";
import { createCookieChangeLog } from "../platform/cookie-changes";
import { createSessionTimeline } from "../platform/session-timeline";
import { createLookCloser } from "./look-closer";
import { createFailureRecorder } from "./failure-recorder";
import { createFixer } from "./fixer";
import type { ReportChanged } from "../messaging/protocol";
import { createBannerInjector } from "../platform/banner-injector";
import { createSettingsStore } from "../platform/settings";
import { createUndoStore } from "../platform/undo-store";
import { createSealer, indexedDbSealingKey } from "../platform/sealer";
import { createMessageRouter } from "./message-router";
import { createOwnActions } from "./own-actions";
import { createFixWatch } from "./fix-watch";
import { createRecoveryWatch } from "./recovery-watch";
import { createSignInPages } from "../platform/sign-in-pages";
import { createPageInputCheck } from "../platform/page-input";
import { openCookieSettings } from "../platform/cookie-settings";
import { formatReport } from "../core/report/report-text";
import { createRecentFailures, withRecentList } from "../platform/recent-failures";

const logError = (message: string, error: unknown) => console.warn(`AuthLens: ${message}:`, error instanceof Error ? error.message : String(error));
// Every failure stored in a tab's record also goes into the list of recent failures across tabs (24 hours).
const recent = createRecentFailures(browser.storage.session);
const store = withRecentList(createTabStore(browser.storage.session), recent, logError);
// The organisation's policy (managed storage) over the person's settings.
const settings = createSettingsStore(browser.storage.local, browser.storage.sync, browser.storage.managed);
// A tab on a site the person paused AuthLens on shows no count, whatever its record holds.
const badge = createBadge(browser.action, async (tabId) => {
  const { url } = await browser.tabs.get(tabId);
  const site = url ? registrableDomain(url) : null;
  return site && (await settings.read()).ignoredSites.includes(site) ? site : null;
});
const readJar = (url: string, topLevelUrl: string | null) => readSiteJar(browser.cookies, url, topLevelUrl);
// The banner goes into a page only when its tab has a failure; a page AuthLens may not script has none.
const banner = createBannerInjector({ tabs: browser.tabs, scripting: browser.scripting });
const notifyTab = (tabId: number) => void banner.notify(tabId);
const tabExists = (tabId: number) => browser.tabs.get(tabId).then(
  () => true,
  () => false,
);
// AuthLens's own clears, undos and reloads are never evidence: the change log and the timeline leave them out.
const ownActions = createOwnActions();
const cookieChanges = createCookieChangeLog(browser.cookies.onChanged, Date.now, (change) => ownActions.isOwnChange(change));
const sessionTimeline = createSessionTimeline(browser.cookies.onChanged, browser.storage.session, (message, error) => logError(message, error), Date.now, (change) => ownActions.isOwnChange(change));
const reportChanged = (tabId: number) => void browser.runtime.sendMessage({ type: "authlens-report-changed", tabId } satisfies ReportChanged).catch(() => undefined);
// After a fix, the site's next answers in the tab say whether it worked.
const fixWatch = createFixWatch({
  area: browser.storage.session,
  store,
  badge,
  changed: (tabId) => {
    reportChanged(tabId);
    notifyTab(tabId);
  },
  logError,
});
void fixWatch.restore().catch((error: unknown) => logError("could not resume watching fixes", error));
const signInPages = createSignInPages(browser.storage.session, logError);
// A page's own refused calls get a moment to be tried again before the badge and the banner tell of them.
const recovery = createRecoveryWatch({
  store,
  badge,
  changed: (tabId, { banner }) => {
    reportChanged(tabId);
    if (banner) notifyTab(tabId);
  },
  logError,
});
const pageInput = createPageInputCheck(browser.scripting);
const extraHeaders = browserSupportsExtraHeaders();
// The closer look's listeners hand their events to the recorder (made next, before any event).
function closeLookHandlers() {
  return {
    onSendHeaders: (details: SentRequestEvent) => recorder.closeLook.onSendHeaders(details),
    onHeadersReceived: (details: ResponseEvent) => recorder.closeLook.onHeadersReceived(details),
    onErrorOccurred: (details: RequestEndEvent) => recorder.closeLook.onErrorOccurred(details),
  };
}
const closeLook = createCloseLook(browser.webRequest, closeLookHandlers(), extraHeaders);
// A tab whose WebSocket handshake failed with its answer hidden: its next handshakes are watched with extraHeaders
// for a while (apps reconnect), which names the refusal. Any extraHeaders listener costs every request while it is
// there (docs/performance.md), so only then, and only for SOCKET_WATCH_MS.
const socketLook = createCloseLook(browser.webRequest, closeLookHandlers(), extraHeaders, ["websocket"]);
const SOCKET_WATCH_MS = 5 * 60_000;
const socketTimers = new Map<number, ReturnType<typeof setTimeout>>();
function watchSockets(tabId: number): void {
  if (!extraHeaders) return;
  socketLook.add(tabId);
  clearTimeout(socketTimers.get(tabId));
  socketTimers.set(tabId, setTimeout(() => (socketLook.remove(tabId), socketTimers.delete(tabId)), SOCKET_WATCH_MS));
}
const recorder = createFailureRecorder({
  watchSockets,
  watchingSockets: (tabId) => socketLook.has(tabId),
  store,
  badge,
  diagnose: (evidence) => sayDiagnosis(classify(evidence), say),
  readJar,
  cookieChanges: () => cookieChanges.recent(),
  lookingCloser: (tabId) => closeLook.has(tabId),
  hidesCookieHeaders: extraHeaders,
  preferences: () => settings.read(),
  notifyTab,
  // No page of ours open is the usual case: nobody to tell.
  reportChanged,
  fixWatch,
  ownActions,
  signInPages,
  recovery,
  newId: () => crypto.randomUUID(),
  tabExists,
  sessionEvents: () => sessionTimeline.events(),
  cookieRefused: (cookie) => sessionTimeline.refused(cookie),
  tabUrl: (tabId) => browser.tabs.get(tabId).then(
    (tab) => tab.url ?? null,
    () => null,
  ),
  logError,
});

// The first-run page, once, when AuthLens is installed (not on an update or a browser restart).
browser.runtime.onInstalled.addListener(({ reason }) => {
  if (reason === "install") void browser.tabs.create({ url: browser.runtime.getURL("src/welcome/index.html") }).catch((error: unknown) => logError("could not open the first-run page", error));
});

// Every tab's request headers and responses; cookie headers and CORS preflights only for a tab looked closer at.
watchRequests(browser.webRequest, recorder.everyTab);
const lookCloser = createLookCloser({ area: browser.storage.session, closeLook, tabs: browser.tabs, logError, willReload: (tabId) => ownActions.note(tabId, "look-closer") });
void lookCloser.restore().catch((error: unknown) => logError("could not resume looking closer", error));
// Images, scripts, styles and fonts only if the person turned it on (settings page).
const subresources = createSubresourceWatch(browser.webRequest, recorder.everyTab.onHeadersReceived, extraHeaders);
void settings.read().then((s) => subresources.set(s.watchSubresources));
browser.storage.onChanged.addListener((changes, area) => {
  if (area === "local" && "settings" in changes) void settings.read().then((s) => subresources.set(s.watchSubresources));
});
const onTopLevel = (tabId: number, url: string, qualifiers: readonly string[] | null) => {
  void recorder.onTopLevelCommitted(tabId, url, qualifiers);
  void lookCloser.onTopLevelCommitted(tabId, url).catch((error: unknown) => logError("could not end a closer look", error));
};
browser.webNavigation.onCommitted.addListener(({ tabId, frameId, url, transitionQualifiers }) => {
  if (frameId === 0) onTopLevel(tabId, url, transitionQualifiers);
});
// A navigation that ends in an error page (a cancelled sign-in prompt) resets the badge too.
browser.webNavigation.onErrorOccurred.addListener(({ tabId, frameId, url }) => {
  if (frameId === 0) onTopLevel(tabId, url, null);
});
browser.tabs.onRemoved.addListener((tabId) => {
  void recorder.onTabRemoved(tabId);
  fixWatch.onTabRemoved(tabId);
  recovery.onTabRemoved(tabId);
  ownActions.forgetTab(tabId);
  void lookCloser.onTabRemoved(tabId).catch((error: unknown) => logError("could not end a closer look", error));
});
// Tabs closed while the worker was stopped, or before a late failure was stored, leave no record behind.
void browser.tabs
  .query({})
  .then((tabs) => store.retainOnly(tabs.flatMap((t) => (t.id === undefined ? [] : [t.id]))))
  .catch((error: unknown) => logError("could not forget the records of closed tabs", error));
const fixer = createFixer({
  tabStore: store,
  undo: createUndoStore(browser.storage.session, createSealer(indexedDbSealingKey())),
  cookies: browser.cookies,
  tabs: browser.tabs,
  windows: browser.windows,
  privateWindowsAllowed,
  settings,
  newId: () => crypto.randomUUID(),
  unsavedInput: pageInput.unsaved,
  ownActions,
  fixWatch,
  reportText: (failure) => formatReport([failure], new Date(), navigator.userAgent, say, { audience: failure.cause === "proxy-auth" ? "it" : "site" }).markdown,
  openCookieSettings,
});
browser.runtime.onMessage.addListener(
  createMessageRouter({
    store,
    badge,
    fixer,
    lookCloser,
    settings,
    openDetails: async (tabId) => void (await browser.tabs.create({ url: browser.runtime.getURL(`${browser.runtime.getManifest().action?.default_popup ?? ""}?tab=${tabId}`) })),
    typedInto: pageInput.typed,
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL(""),
    tabUrl: (tabId) => browser.tabs.get(tabId).then(
      (tab) => tab.url ?? null,
      () => null,
    ),
    recent,
    notifyTab,
  }),
);

// For `npm run bench` and a person in the worker's DevTools: the live recorder, to time its
// handlers inside the worker. Reachable only from the worker's own context.
(globalThis as { authlensDiagnostics?: unknown }).authlensDiagnostics = { recorder };
