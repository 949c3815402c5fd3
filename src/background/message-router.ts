import { chooseBanner } from "../core/report/banner";
import { fixesForPage } from "../core/fixes/rank-fixes";
import { fixSubjectOf } from "../core/failure";
import { registrableDomain } from "../core/site";
import { isOwnContentScriptIn, isOwnExtensionPage, type SenderInfo } from "../messaging/sender";
import { parseMessage, type ErrorResponse, type Message, type MessageType, type ResponseOf } from "../messaging/protocol";
import { openCount } from "../core/fixes/outcome";
import type { Badge } from "../platform/badge";
import { t } from "../platform/i18n";
import type { SettingsStore } from "../platform/settings";
import type { TabStore } from "../platform/tab-store";
import type { RecentFailures } from "../platform/recent-failures";
import type { Fixer } from "./fixer";
import type { LookCloser } from "./look-closer";

export interface MessageRouterDeps {
  store: TabStore;
  badge: Badge;
  fixer: Fixer;
  lookCloser: Pick<LookCloser, "start" | "stop" | "until">;
  settings: SettingsStore;
  /** Opens the popup's view of a tab in a new tab ("Details" on the banner). */
  openDetails: (tabId: number) => Promise<void>;
  /** Whether text was typed into the tab's page (any frame): the fixes are offered for it. */
  typedInto: (tabId: number) => Promise<boolean>;
  extensionId: string;
  extensionOrigin: string;
  /** The tab's page address, or null for a closed tab. */
  tabUrl: (tabId: number) => Promise<string | null>;
  recent: Pick<RecentFailures, "list" | "clear">;
  /** Tells the tab's content script its failures changed (the banner asks again, and goes when there is none). */
  notifyTab: (tabId: number) => void;
}

/**
 * Who may send each message: "pages" are this extension's own pages only; "pages-or-tab" also
 * admits our content script about its own tab; "tab" is the content script only, and the tab is
 * the sender's.
 */
const SENDERS: Record<MessageType, "pages" | "pages-or-tab" | "tab"> = {
  // The record can hold other sites' failures (a cross-site API): the page may not read it.
  report: "pages",
  "clear-failures": "pages",
  "apply-fix": "pages-or-tab",
  undo: "pages",
  "undo-list": "pages",
  // It costs every page load while on: only the person, from the popup, turns it on.
  "look-closer": "pages",
  "page-state": "pages",
  banner: "tab",
  "dismiss-banner": "tab",
  "open-details": "tab",
  "pause-site": "pages",
  feedback: "pages",
  recent: "pages",
  "clear-recent": "pages",
};

const REFUSED: ErrorResponse = { error: "AuthLens answers only its own pages." };

/**
 * Answers the protocol's requests after checking the sender. Anything else (another extension,
 * a web page, a content script asking about another tab, a malformed message) gets an error,
 * never an action.
 */
export function createMessageRouter({ store, badge, fixer, lookCloser, settings, openDetails, typedInto, extensionId, extensionOrigin, tabUrl, recent, notifyTab }: MessageRouterDeps) {
  const siteOfTab = async (tabId: number) => {
    const url = await tabUrl(tabId);
    return url ? registrableDomain(url) : null;
  };
  /** `onlySite`: for a content script, the site of its page; cookie fixes may touch no other. */
  async function answer(message: Message, senderTab: number, senderUrl: string | null, onlySite: string | null | undefined): Promise<ResponseOf<MessageType>> {
    switch (message.type) {
      case "report": {
        const [record, lookingCloserUntil, site, prefs, policy] = await Promise.all([store.read(message.tabId), lookCloser.until(message.tabId), siteOfTab(message.tabId), settings.read(), settings.policy()]);
        const byOrganisation = site !== null && (policy.ignoredSites?.includes(site) ?? false);
        const about = site ? { site, ...(prefs.ignoredSites.includes(site) ? { paused: site } : {}), ...(byOrganisation ? { pausedByOrganisation: true as const } : {}) } : {};
        const closer = prefs.lookCloserAllowed ? {} : { lookCloserAllowed: false as const };
        return { version: 1, tabId: message.tabId, failures: [...record.failures].reverse(), blocked: [...(record.blocked ?? [])].reverse(), lookingCloserUntil, ...about, ...closer };
      }
      case "clear-failures": {
        const before = (await store.read(message.tabId)).failures.length;
        await store.remove(message.tabId);
        await badge.show(message.tabId, 0);
        return { cleared: before };
      }
      case "apply-fix":
        return fixer.apply(message.tabId, message.failureId, message.fix, { ...(onlySite !== undefined ? { onlySite } : {}), ...(message.force ? { force: true } : {}) });
      case "page-state":
        return { unsavedInput: await typedInto(message.tabId) };
      case "undo":
        return fixer.undo(message.tabId, message.undoId);
      case "undo-list":
        return { undo: await fixer.undoList(message.tabId) };
      case "look-closer":
        if (message.on && !(await settings.read()).lookCloserAllowed) return { ok: false, message: t("lookCloserNotAllowed") };
        return message.on ? lookCloser.start(message.tabId) : lookCloser.stop(message.tabId);
      case "banner": {
        // Every page asks once it loads; most have nothing to show, and then no storage is read.
        if (!(await store.has(senderTab))) return { banner: null };
        const choice = chooseBanner(await store.read(senderTab), senderUrl, await settings.read());
        if (!choice) return { banner: null };
        const { failure, site, state } = choice;
        // The first fix as the popup offers it for this page: the same ranked list, for the page's typed text as
        // the banner found it (its own page and same-origin frames: no script is run into a page while it loads).
        const [fix = "reload"] = fixesForPage(failure.fixes, { unsavedInput: message.typed === true });
        return { banner: { tabId: senderTab, site, failureId: failure.id, cause: failure.cause, fix, subject: fixSubjectOf(failure), state } };
      }
      case "dismiss-banner": {
        const site = senderUrl ? registrableDomain(senderUrl) : null;
        if (!site) return { dismissed: null };
        await settings.update((s) => ({ ...s, bannerOffSites: [...s.bannerOffSites.filter((x) => x !== site), site] }));
        return { dismissed: site };
      }
      case "open-details":
        await openDetails(senderTab);
        return { opened: true };
      case "pause-site": {
        const site = await siteOfTab(message.tabId);
        if (!site) return { site: null, paused: false };
        await settings.update((s) => ({ ...s, ignoredSites: [...s.ignoredSites.filter((x) => x !== site), ...(message.paused ? [site] : [])] }));
        // At once: no count on the icon while paused (the badge asks the settings), the count back when resumed; the banner asks again.
        await badge.show(message.tabId, openCount((await store.read(message.tabId)).failures));
        notifyTab(message.tabId);
        return { site, paused: message.paused };
      }
      case "feedback": {
        let saved = false;
        await store.update(message.tabId, (record) => ({
          ...record,
          failures: record.failures.map((f) => {
            if (f.id !== message.failureId) return f;
            saved = true;
            const { feedback: _, ...rest } = f;
            return message.right === null ? rest : { ...rest, feedback: message.right ? "right" : "wrong" };
          }),
        }));
        return { saved };
      }
      case "recent":
        return { recent: await recent.list() };
      case "clear-recent":
        return { cleared: await recent.clear() };
    }
  }

  return (raw: unknown, sender: SenderInfo): Promise<ResponseOf<MessageType> | ErrorResponse> => {
    const message = parseMessage(raw);
    const fromPage = isOwnExtensionPage(sender, extensionId, extensionOrigin);
    const senderTab = sender.tab?.id ?? -1;
    const fromContentScript = isOwnContentScriptIn(sender, extensionId, extensionOrigin, senderTab);
    if (!fromPage && !fromContentScript) return Promise.resolve(REFUSED);
    if (!message) return Promise.resolve({ error: "Not an AuthLens message." });
    const who = SENDERS[message.type];
    const allowed = fromPage ? who !== "tab" : who === "tab" || (who === "pages-or-tab" && "tabId" in message && message.tabId === senderTab);
    if (!allowed) return Promise.resolve(REFUSED);
    const onlySite = fromPage ? undefined : sender.url ? registrableDomain(sender.url) : null;
    return answer(message, senderTab, sender.url ?? null, onlySite).catch((error: unknown) => ({ error: t("couldNotAnswer", error instanceof Error ? error.message : String(error)) }));
  };
}
