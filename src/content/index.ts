/**
 * The banner script: shows AuthLens's banner when this page's document or one of its fetches
 * was refused. The worker puts it into a page only when its tab has a failure (no content script
 * is declared: see platform/banner-injector.ts). It asks the worker (which knows this tab from the
 * message's sender) and listens for "your failures changed".
 */
import browser, { type Runtime } from "webextension-polyfill";
import { createMessageClient } from "../messaging/client";
import type { TabNotice } from "../messaging/protocol";
import { BannerView } from "./banner-view";
import { typedIntoPage } from "../ui/typed-into-page";

/** Set in this page's AuthLens world once the script runs: injected again (two failures racing), it does nothing. */
const world = globalThis as { authlensBanner?: true };
if (!world.authlensBanner) {
  world.authlensBanner = true;
  start();
}

function start(): void {
  const client = createMessageClient((message) => browser.runtime.sendMessage(message));
  const view = new BannerView({
    fix: (model, force) => client.send({ type: "apply-fix", tabId: model.tabId, failureId: model.failureId, fix: model.fix, ...(force ? { force } : {}) }),
    details: () => void client.send({ type: "open-details" }).catch(() => undefined),
    dismiss: () => void client.send({ type: "dismiss-banner" }).catch(() => undefined),
  });

  /** What the banner shows: a failure, its state and its first fix (which changes once the person types on the page). */
  let shown: string | null = null;

  async function refresh(): Promise<void> {
    const { banner } = await client.send({ type: "banner", typed: typedIntoPage() });
    const key = banner ? `${banner.failureId}|${banner.state}|${banner.fix}` : null;
    if (!banner) view.remove();
    else if (key !== shown) view.show(banner);
    shown = key;
  }

  // Typing on the page changes the first fix (nothing typed may be lost to a reload): ask again once the person pauses.
  let typing: ReturnType<typeof setTimeout> | undefined;
  const onInput = (event: Event) => {
    if (!event.isTrusted || shown === null) return;
    clearTimeout(typing);
    typing = setTimeout(refreshWhenSettled, 500);
  };
  document.addEventListener("input", onInput, true);
  document.addEventListener("change", onInput, true);

  // The banner pushes the page down: it comes once the page has loaded and is idle, so it never competes with
  // the page's own loading, nor moves what the person is still watching load.
  const settled = new Promise<void>((resolve) => {
    const idle = () => (typeof requestIdleCallback === "function" ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 0));
    if (document.readyState === "complete") return idle();
    addEventListener("load", idle, { once: true });
    // A page that never finishes loading (an image that hangs) still gets its banner.
    setTimeout(resolve, 5000);
  });
  const refreshWhenSettled = () => void settled.then(refresh).catch(() => undefined);

  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only the worker (no tab) of this extension may poke the banner.
    if (sender.id !== browser.runtime.id || sender.tab || (message as TabNotice | null)?.type !== "authlens-updated") return;
    refreshWhenSettled();
  });
  refreshWhenSettled();
}
