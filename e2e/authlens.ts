import type { BrowserContext, Cookie, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { FixResult, Report } from "../src/messaging/protocol";

export const DIST = resolve(import.meta.dirname, "../dist");

/** The built manifest's popup path, so tests open what the toolbar opens. */
export function popupPath(dist = DIST): string {
  const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8")) as { action: { default_popup: string } };
  return manifest.action.default_popup;
}

/** Drives AuthLens from outside, the way a person or a script would. */
export class AuthLens {
  constructor(
    readonly context: BrowserContext,
    readonly extensionId: string,
  ) {}

  private probePage: Page | null = null;

  /**
   * An extension page kept open to call extension APIs from, as any of AuthLens's own pages can.
   * (Playwright loses track of a service worker once it is stopped, so tests do not evaluate in it.)
   */
  async probe(): Promise<Page> {
    if (this.probePage && !this.probePage.isClosed()) return this.probePage;
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/${popupPath()}?tab=-1`);
    this.probePage = page;
    return page;
  }

  /** Browser tab id of a Playwright page, looked up by URL. */
  async tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const probe = await this.probe();
    const id = await probe.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url);
    if (id < 0) throw new Error(`no tab shows ${url}`);
    return id;
  }

  async badgeText(tabId: number): Promise<string> {
    const probe = await this.probe();
    return probe.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  }

  /** The report contract, called from an extension page as docs/report.md describes. */
  async report(tabId: number): Promise<Report> {
    const probe = await this.probe();
    return probe.evaluate((id) => chrome.runtime.sendMessage({ type: "report", tabId: id }), tabId);
  }

  /**
   * Asks AuthLens to look closer at a tab, as the popup's "Look closer" does, and waits until the
   * page it reloads has loaded and its lab script settled.
   */
  async lookCloser(tabId: number, page: Page): Promise<FixResult> {
    const probe = await this.probe();
    const [, result] = await Promise.all([
      page.waitForEvent("load"),
      probe.evaluate((id) => chrome.runtime.sendMessage<unknown, FixResult>({ type: "look-closer", tabId: id, on: true }), tabId),
    ]);
    await page.evaluate(labDone).catch(() => undefined);
    return result;
  }

  async clearFailures(tabId: number): Promise<void> {
    const probe = await this.probe();
    await probe.evaluate((id) => chrome.runtime.sendMessage({ type: "clear-failures", tabId: id }), tabId);
  }

  /** Writes AuthLens's settings as the settings page would. */
  async setSettings(settings: { reloadAfterFix?: boolean; watchSubresources?: boolean }): Promise<void> {
    const probe = await this.probe();
    await probe.evaluate((value) => chrome.storage.local.set({ settings: value }), settings);
  }

  /** Keys in `storage.session`, read as an extension page can. */
  async sessionKeys(): Promise<string[]> {
    const probe = await this.probe();
    return probe.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
  }

  /** Waits (at most `timeoutMs`) until the report for the tab holds at least `count` failures. */
  async waitForFailures(tabId: number, count: number, timeoutMs = 10_000): Promise<Report> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const report = await this.report(tabId);
      if (report.failures.length >= count || Date.now() > deadline) return report;
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Opens the popup's view of a tab; `prepare` runs before it loads (to stub the clipboard, say). */
  async openPopup(tabId: number, prepare?: (page: Page) => Promise<void>): Promise<Page> {
    const page = await this.context.newPage();
    await prepare?.(page);
    await page.goto(`chrome-extension://${this.extensionId}/${popupPath()}?tab=${tabId}`);
    return page;
  }

  /**
   * Stops the extension's service worker as Chrome does when it is idle (CDP
   * ServiceWorker.stopAllWorkers, sent from one of the extension's own pages, whose origin the
   * worker shares) and waits until it is gone.
   */
  async stopWorker(): Promise<void> {
    const cdp = await this.context.newCDPSession(await this.probe());
    try {
      type Versions = { versions: { runningStatus: string; scriptURL: string }[] };
      const waitFor = (status: string) =>
        new Promise<void>((resolve) => {
          const check = (e: Versions) => {
            if (e.versions.some((v) => v.scriptURL.startsWith(`chrome-extension://${this.extensionId}/`) && v.runningStatus === status)) {
              cdp.off("ServiceWorker.workerVersionUpdated", check);
              resolve();
            }
          };
          cdp.on("ServiceWorker.workerVersionUpdated", check);
        });
      // stopAllWorkers stops only the workers the domain has reported: wait until it knows ours.
      const known = waitFor("running");
      await cdp.send("ServiceWorker.enable");
      await known;
      const stopped = waitFor("stopped");
      await cdp.send("ServiceWorker.stopAllWorkers");
      await stopped;
    } finally {
      await cdp.detach();
    }
  }

  /** Opens a tab and learns its browser tab id before it goes anywhere interesting. */
  async newTab(): Promise<{ page: Page; tabId: number }> {
    const page = await this.context.newPage();
    await page.goto(`http://lab.test/tab/${crypto.randomUUID()}`);
    return { page, tabId: await this.tabIdOf(page) };
  }
}


/** The in-page banner, seen from outside: its host's attributes, and clicks a person would make. */
export class BannerDriver {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  host() {
    return this.page.locator('[data-authlens="banner"]');
  }

  /**
   * Clicks the banner button whose text starts with `label`, as a person would: a real mouse
   * click at its position. The root is closed, so the button is found through CDP's DOM, which
   * pierces closed shadow roots.
   */
  async click(label: string | RegExp): Promise<void> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      type Node = { nodeId: number; backendNodeId: number; nodeName: string; nodeValue?: string; children?: Node[]; shadowRoots?: Node[] };
      const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: Node };
      const text = (n: Node): string => (n.nodeValue ?? "") + (n.children ?? []).map(text).join("");
      const matches = (n: Node) => n.nodeName === "BUTTON" && (typeof label === "string" ? text(n).startsWith(label) : label.test(text(n)));
      const find = (n: Node): Node | null => {
        if (matches(n)) return n;
        for (const child of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
          const found = find(child);
          if (found) return found;
        }
        return null;
      };
      const button = find(root);
      if (!button) throw new Error(`no banner button ${String(label)}`);
      const { model } = (await cdp.send("DOM.getBoxModel", { backendNodeId: button.backendNodeId })) as { model: { content: number[] } };
      const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
      await this.page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
    } finally {
      await cdp.detach();
    }
  }

  /**
   * Evaluates `expression` in AuthLens's content-script world of the page, where
   * `chrome.dom.openOrClosedShadowRoot` opens the banner's closed root.
   */
  async evaluateInContentScript<T>(expression: string): Promise<T> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      const contexts: { id: number; name: string; auxData?: { type?: string } }[] = [];
      cdp.on("Runtime.executionContextCreated", (e: { context: { id: number; name: string; auxData?: { type?: string } } }) => contexts.push(e.context));
      await cdp.send("Runtime.enable");
      const world = contexts.find((c) => c.auxData?.type === "isolated" && c.name === "AuthLens");
      if (!world) throw new Error(`no AuthLens content-script world among ${contexts.map((c) => c.name).join(", ")}`);
      const { result, exceptionDetails } = (await cdp.send("Runtime.evaluate", { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
        result: { value: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    } finally {
      await cdp.detach();
    }
  }
}

/** For `page.evaluate`: the lab page's script, settled (every lab page sets `window.labDone`). */
export const labDone = () => (window as { labDone?: Promise<void> }).labDone;

/** Cookies in a stable order, to compare a jar before and after. */
export const inOrder = (cookies: Cookie[]) => [...cookies].sort((a, b) => `${a.domain}${a.path}${a.name}`.localeCompare(`${b.domain}${b.path}${b.name}`));

/** An expiry one hour from now, in seconds, as `context.addCookies` wants it. */
export const in1h = () => Math.floor(Date.now() / 1000) + 3600;

/**
 * Dismisses the browser's sign-in prompts in `page`, as a person who does not sign in does (CDP
 * Fetch's auth handling, cancelling). Headless Chromium closes a tab whose fetch is answered with a
 * Basic challenge when nothing answers the prompt; a person dismisses it and the page sees the 401.
 */
export async function dismissSignInPrompts(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  cdp.on("Fetch.authRequired", (e: { requestId: string }) => void cdp.send("Fetch.continueWithAuth", { requestId: e.requestId, authChallengeResponse: { response: "CancelAuth" } }).catch(() => undefined));
  cdp.on("Fetch.requestPaused", (e: { requestId: string }) => void cdp.send("Fetch.continueRequest", { requestId: e.requestId }).catch(() => undefined));
  await cdp.send("Fetch.enable", { handleAuthRequests: true, patterns: [{ urlPattern: "*" }] });
}

/** Every storage area AuthLens can write, and its IndexedDB, as text (CryptoKeys described, not read). */
export async function dumpStorage(authlens: AuthLens): Promise<string> {
  const probe = await authlens.probe();
  return probe.evaluate(async () => {
    const areas = {
      session: await chrome.storage.session.get(null),
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
    };
    const idb: Record<string, unknown> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error("open failed"));
      });
      for (const store of db.objectStoreNames) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error ?? new Error("read failed"));
        });
        idb[`${name}/${store}`] = values.map((v) => (v instanceof CryptoKey ? { cryptoKey: v.algorithm, extractable: v.extractable, usages: v.usages } : v));
      }
      db.close();
    }
    return JSON.stringify({ areas, idb });
  });
}

/**
 * Makes `page` keep what it writes to the clipboard (an extension page's Copy report) instead of
 * the system clipboard, which headless Chromium has not: call before it loads; read with {@link copiedTexts}.
 */
export async function captureCopies(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as { copied?: string[] }).copied = copied;
    Object.defineProperty(navigator, "clipboard", { value: { writeText: (text: string) => Promise.resolve(void copied.push(text)) } });
  });
}

/** What `page` copied since it loaded ({@link captureCopies}), oldest first. */
export function copiedTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { copied?: string[] }).copied ?? []);
}
