import type { BannerModel, FixResult } from "../messaging/protocol";
import { browserLanguage, t } from "../platform/i18n";
import { causeHeadline, causeLabel, fixLabel } from "../ui/labels";
import { BANNER_CSS } from "./banner-style";
import { copyFromPage } from "./copy-text";

export interface BannerActions {
  /** `force`: reload even though the page holds typed text (the person said so). */
  fix(model: BannerModel, force?: boolean): Promise<FixResult>;
  details(): void;
  dismiss(): void;
}

/** How long "Fixed" stays before the banner goes by itself. */
const FIXED_MS = 8000;

/** Placed at the top of the page, in its flow: the page moves down and nothing of it is covered. */
const IN_FLOW = "all: initial; display: block; position: relative; z-index: 2147483647;";
/** Folded into a small button in a corner, over the page (the only part of AuthLens that covers it). */
const IN_CORNER = "all: initial; position: fixed; right: 0; bottom: 0; z-index: 2147483647; pointer-events: none;";

/**
 * The in-page banner: a host element outside the page's reach (closed shadow root), marked
 * `data-authlens="banner"`, `data-cause` and `data-state` for tests and curious users. It says it
 * is AuthLens, says one sentence, and leads with the same fix as the popup. It sits at the top of
 * the page and pushes it down; where the page keeps something of its own fixed at the top (a header
 * the banner would hide), it starts folded into a corner button instead. Only trusted events act.
 */
export class BannerView {
  private readonly host = document.createElement("authlens-banner");
  private readonly root = this.host.attachShadow({ mode: "closed" });
  private fixedTimer: ReturnType<typeof setTimeout> | undefined;
  private model: BannerModel | null = null;
  /** What the last fix said, kept while the banner shows the same failure (a state change redraws it). */
  private status: { text: string; retry: (() => void) | null } = { text: "", retry: null };

  constructor(private readonly actions: BannerActions) {
    this.host.dataset.authlens = "banner";
    // The page may be in another language than AuthLens's words: a screen reader reads these in theirs.
    this.host.lang = browserLanguage().locale;
  }

  /** The root, for accessibility checks from the extension's own world. */
  get shadowRoot(): ShadowRoot {
    return this.root;
  }

  show(model: BannerModel): void {
    const first = this.model === null;
    if (this.model?.failureId !== model.failureId) this.status = { text: "", retry: null };
    this.model = model;
    this.host.dataset.cause = model.cause;
    this.host.dataset.state = model.state;
    this.host.dataset.failure = model.failureId;
    if (model.state === "fixed") return this.renderFixed(model);
    if (!this.host.isConnected || first) {
      this.place(IN_FLOW);
      this.renderOpen(model);
      // Something of the page's own is fixed at the top: the banner would hide it, so it starts folded.
      if (this.coversFixedContent()) this.renderCollapsed();
      return;
    }
    if (this.host.dataset.folded !== "true") this.renderOpen(model);
    else this.renderCollapsed();
  }

  remove(): void {
    clearTimeout(this.fixedTimer);
    this.host.remove();
    this.model = null;
  }

  private place(style: string): void {
    this.host.style.cssText = style;
    // Before the body, in the document's flow: the page's own content starts below it.
    if (!this.host.isConnected) document.documentElement.prepend(this.host);
  }

  /** Whether an element the page keeps fixed or sticky lies under the banner. */
  private coversFixedContent(): boolean {
    const box = this.host.getBoundingClientRect();
    if (box.height === 0) return false;
    const points = [0.1, 0.5, 0.9].map((x) => [box.left + box.width * x, box.top + box.height / 2] as const);
    for (const [x, y] of points) {
      for (const under of document.elementsFromPoint(x, y)) {
        if (under === this.host || under === document.documentElement || under === document.body) continue;
        for (let node: Element | null = under; node && node !== document.body; node = node.parentElement) {
          const position = getComputedStyle(node).position;
          if (position === "fixed" || position === "sticky") return true;
        }
      }
    }
    return false;
  }

  private renderOpen(model: BannerModel, status = this.status.text, retry: (() => void) | null = this.status.retry): void {
    this.status = { text: status, retry };
    this.host.dataset.folded = "false";
    this.place(IN_FLOW);
    this.root.replaceChildren(
      style(),
      el("div", { class: "banner", role: "region", "aria-label": t("bannerLabel"), lang: browserLanguage().locale }, [
        el("p", { class: "text" }, [el("strong", { class: "brand" }, [t("extName")]), " ", el("span", { class: "headline" }, [causeHeadline(model.cause)])]),
        el("div", { class: "actions" }, [
          this.button(fixLabel(model.fix, model.subject), "primary", () => void this.runFix(model)),
          ...(retry ? [this.button(t("fixReloadAnyway"), "", retry)] : []),
          this.button(t("bannerDetails"), "", () => this.actions.details()),
          this.button(t("bannerCollapse"), "", () => this.renderCollapsed()),
          this.button(t("bannerDismiss"), "", () => {
            this.actions.dismiss();
            this.remove();
          }),
        ]),
        el("p", { class: "status", role: "status", "aria-live": "polite" }, [status]),
      ]),
    );
  }

  private renderCollapsed(): void {
    const model = this.model;
    if (!model) return;
    this.host.dataset.folded = "true";
    this.place(IN_CORNER);
    this.root.replaceChildren(style(), el("div", { class: "pill-row", lang: browserLanguage().locale }, [this.button(t("bannerExpand", causeLabel(model.cause)), "pill", () => this.renderOpen(model))]));
  }

  private renderFixed(model: BannerModel): void {
    clearTimeout(this.fixedTimer);
    this.host.dataset.folded = "false";
    this.place(IN_FLOW);
    const host = (() => {
      try {
        return new URL(model.subject.url).host;
      } catch {
        return model.site;
      }
    })();
    this.root.replaceChildren(
      style(),
      el("div", { class: "banner fixed", role: "region", "aria-label": t("bannerLabel"), lang: browserLanguage().locale }, [
        el("p", { class: "text", role: "status" }, [el("strong", { class: "brand" }, [t("extName")]), " ", el("span", { class: "headline" }, [`✓ ${t("bannerFixed", host)}`])]),
        el("div", { class: "actions" }, [this.button(t("bannerClose"), "", () => this.remove())]),
      ]),
    );
    this.fixedTimer = setTimeout(() => this.remove(), FIXED_MS);
  }

  private async runFix(model: BannerModel, force = false): Promise<void> {
    this.renderOpen(model, "…");
    try {
      const result = await this.actions.fix(model, force);
      if (result.copy !== undefined) await copyFromPage(this.root, result.copy).catch((error: unknown) => Object.assign(result, { ok: false, message: t("popupCopyFailed", error instanceof Error ? error.message : String(error)) }));
      if (this.model === model) this.renderOpen(model, result.message, result.confirm ? () => void this.runFix(model, true) : null);
    } catch (error) {
      if (this.model === model) this.renderOpen(model, t("popupFixFailed", error instanceof Error ? error.message : String(error)));
    }
  }

  private button(label: string, className: string, act: () => void): HTMLButtonElement {
    const button = el("button", { type: "button", class: className }, [label]);
    button.addEventListener("click", (event) => {
      // A page script can dispatch synthetic clicks on anything it reaches; only a person's click acts.
      if (event.isTrusted) act();
    });
    return button;
  }
}

function style(): HTMLStyleElement {
  const node = document.createElement("style");
  node.textContent = BANNER_CSS;
  return node;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string>, children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
