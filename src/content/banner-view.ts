import type { BannerModel, FixResult } from "../messaging/protocol";
import { browserLanguage, t } from "../platform/i18n";
import { causeLabel, fixLabel } from "../ui/labels";
import { BANNER_CSS } from "./banner-style";

export interface BannerActions {
  fix(model: BannerModel): Promise<FixResult>;
  details(): void;
  dismiss(): void;
}

/** How long the banner stays open before it folds into a small button, so it never covers the page for good. */
const AUTO_COLLAPSE_MS = 20_000;

/**
 * The in-page banner: a host element outside the page's reach (closed shadow root), marked
 * `data-authlens="banner"` and `data-cause` for tests and curious users. Only trusted events act.
 */
export class BannerView {
  private readonly host = document.createElement("authlens-banner");
  private readonly root = this.host.attachShadow({ mode: "closed" });
  private collapseTimer: ReturnType<typeof setTimeout> | undefined;
  private model: BannerModel | null = null;

  constructor(private readonly actions: BannerActions) {
    this.host.dataset.authlens = "banner";
    // The page may be in another language than AuthLens's words: a screen reader reads these in theirs.
    this.host.lang = browserLanguage().locale;
    // The host sits on top of the page; all its look lives inside the shadow root.
    this.host.style.cssText = "all: initial; position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647; pointer-events: none;";
  }

  /** The root, for accessibility checks from the extension's own world. */
  get shadowRoot(): ShadowRoot {
    return this.root;
  }

  show(model: BannerModel): void {
    this.model = model;
    this.host.dataset.cause = model.cause;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    this.renderOpen(model);
  }

  remove(): void {
    clearTimeout(this.collapseTimer);
    this.host.remove();
    this.model = null;
  }

  private renderOpen(model: BannerModel, status = ""): void {
    clearTimeout(this.collapseTimer);
    this.root.replaceChildren(style(), el("div", { class: "banner", role: "region", "aria-label": t("bannerLabel"), lang: browserLanguage().locale }, [
      el("div", { class: "text" }, [el("strong", { class: "headline" }, [model.headline]), el("span", { class: "why" }, [model.why])]),
      el("div", { class: "actions" }, [
        this.button(fixLabel(model.fix, model.site), "primary", () => void this.runFix(model)),
        this.button(t("bannerDetails"), "", () => this.actions.details()),
        this.button(t("bannerCollapse"), "", () => this.renderCollapsed()),
        this.button(t("bannerDismiss"), "", () => {
          this.actions.dismiss();
          this.remove();
        }),
      ]),
      el("p", { class: "status", role: "status", "aria-live": "polite" }, [status]),
    ]));
    this.collapseTimer = setTimeout(() => this.renderCollapsed(), AUTO_COLLAPSE_MS);
  }

  private renderCollapsed(): void {
    clearTimeout(this.collapseTimer);
    const model = this.model;
    if (!model) return;
    this.root.replaceChildren(style(), el("div", { class: "pill-row", lang: browserLanguage().locale }, [this.button(t("bannerExpand", causeLabel(model.cause)), "pill", () => this.renderOpen(model))]));
  }

  private async runFix(model: BannerModel): Promise<void> {
    this.renderOpen(model, "…");
    try {
      const result = await this.actions.fix(model);
      if (this.model === model) this.renderOpen(model, result.message);
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
