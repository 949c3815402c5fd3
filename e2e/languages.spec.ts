import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Failure } from "../src/core/failure";
import { ENGLISH_WORDS, GERMAN_WORDS, foreignLeftIn } from "../src/test/other-language";
import { BannerDriver, labDone, type AuthLens, captureCopies, copiedTexts } from "./authlens";
import { expect, test } from "./fixtures";
import { launchAuthLens } from "./launch";
import { SCENARIOS } from "./lab/scenarios/index";

type Catalogue = Record<string, { message: string }>;
const catalogue = (locale: string) => JSON.parse(readFileSync(resolve(import.meta.dirname, `../public/_locales/${locale}/messages.json`), "utf8")) as Catalogue;
const de = catalogue("de");
const en = catalogue("en");

/** Five causes and more, each a page whose own site refuses it, so the banner shows too. */
const TOUR = ["session-expired", "stale-cookie", "token-expired", "wrong-credentials", "insufficient-permissions", "clock-skew", "csrf-laravel"];
/** Scenes for the stores' screenshots: the page with its banner, the popup open beside it. */
const STORE_SCENES = ["token-expired", "session-expired"];
/**
 * Where the store screenshots go: store/screenshots with UPDATE_STORE_SCREENSHOTS=1 (committed,
 * packed by `npm run package`), else test-results (every run makes them, so they cannot rot).
 */
const STORE_SHOTS = process.env.UPDATE_STORE_SCREENSHOTS ? resolve(import.meta.dirname, "../store/screenshots") : resolve(import.meta.dirname, "../test-results/store-screenshots");

/** The popup's width in the toolbar (popup.css: 360 to 480 px); German must fit the narrow end of what people see. */
const POPUP_WIDTH = 400;

const LANGUAGES = {
  de: { shown: de, foreign: en, words: ENGLISH_WORDS, args: ["--lang=de"], env: { LANGUAGE: "de", LANG: "de_DE.UTF-8" } },
  en: { shown: en, foreign: de, words: GERMAN_WORDS, args: ["--lang=en-US"], env: { LANGUAGE: "en", LANG: "en_US.UTF-8" } },
} as const;
type Language = keyof typeof LANGUAGES;

/** A catalogue's message, placeholders filled. */
const message = (catalogue: Catalogue, key: string, ...args: string[]) => catalogue[key]!.message.replace(/\$(\d)/g, (_, n: string) => args[Number(n) - 1] ?? "");
const causeKey = (cause: string) => `cause${cause.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase())}`;

/** Everything a failure shows as it is (never translated): addresses, names, the server's own words. */
function verbatimOf(failures: readonly Failure[]): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === "string") found.add(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  for (const f of failures) walk([f.url, f.site, f.initiator, f.method, f.resourceType, f.details]);
  return [...found].filter((v) => v.length > 1);
}

/** Elements cut off at the popup's width, or whose text does not fit their box (a URL's ellipsis and screen-reader-only text aside). */
function clipped(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const problems: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(el);
      const name = `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(" ").join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
      if (box.right > width + 1 || box.left < -1) problems.push(`${name} reaches past the ${width}px edge (${Math.round(box.left)}–${Math.round(box.right)})`);
      // A URL's ellipsis, and text for screen readers only (visually hidden on purpose), are not cut off.
      if (el.closest(".url") || el.closest(".sr-only")) continue;
      if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) problems.push(`${name} is cut off: its content is ${el.scrollWidth}px in ${el.clientWidth}px`);
      if (style.overflowY === "hidden" && el.scrollHeight > el.clientHeight + 1) problems.push(`${name} is cut off below: ${el.scrollHeight}px in ${el.clientHeight}px`);
    }
    if (document.documentElement.scrollWidth > width + 1) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth}px in ${width}px`);
    return problems;
  });
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The popup for a tab, with the clipboard caught, at the popup's width. */
async function openPopup(authlens: AuthLens, tabId: number): Promise<Page> {
  const popup = await authlens.openPopup(tabId, captureCopies);
  await popup.setViewportSize({ width: POPUP_WIDTH, height: 600 });
  return popup;
}

/**
 * The stores' screenshots of a scene, light and dark, at the size both ask for (1280×800): the
 * page as the person sees it, banner and all, and the popup as it opens under the toolbar button.
 * The two real screenshots are laid out in a plain page (no browser chrome exists in a headless
 * run) and that page is photographed.
 */
async function storeScreenshots(authlens: AuthLens, page: Page, popup: Page, language: Language, n: number, scene: string) {
  const dir = resolve(STORE_SHOTS, language);
  mkdirSync(dir, { recursive: true });
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await popup.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1280, height: 800 });
    // The evidence folded again: the popup as it first opens.
    for (const open of await popup.locator("li.failure details[open] > summary").all()) await open.click();
    await popup.evaluate(() => document.querySelector('[role="alert"]')?.remove());
    const pageShot = await page.screenshot();
    // As tall as its content, as a toolbar popup is.
    await popup.setViewportSize({ width: POPUP_WIDTH, height: 100 });
    const popupShot = await popup.screenshot({ fullPage: true });
    await popup.setViewportSize({ width: POPUP_WIDTH, height: 600 });
    const frame = await authlens.context.newPage();
    await frame.setViewportSize({ width: 1280, height: 800 });
    await frame.setContent(`<body style="margin:0;width:1280px;height:800px;overflow:hidden;position:relative;background:#000">
      <img src="data:image/png;base64,${pageShot.toString("base64")}" style="position:absolute;inset:0;width:1280px;height:800px">
      <div style="position:absolute;top:96px;right:24px;max-height:692px;overflow:hidden;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.12)">
        <img src="data:image/png;base64,${popupShot.toString("base64")}" style="display:block;width:${POPUP_WIDTH}px">
      </div></body>`);
    await frame.screenshot({ path: resolve(dir, `${n}-${scene}-${theme}-1280x800.png`) });
    await frame.close();
  }
  await page.emulateMedia({ colorScheme: "light" });
  await popup.emulateMedia({ colorScheme: "light" });
}

/**
 * The Chrome Web Store's small promotional tile (440×280, required there) in `language`: the icon,
 * the name and the listing's summary, drawn in a plain page and photographed.
 */
async function promoTile(authlens: AuthLens, language: Language) {
  const icon = readFileSync(resolve(import.meta.dirname, "../public/icons/icon-128.png")).toString("base64");
  const summary = readFileSync(resolve(import.meta.dirname, `../store/${language}/summary.txt`), "utf8").trim();
  const tile = await authlens.context.newPage();
  await tile.setViewportSize({ width: 440, height: 280 });
  await tile.setContent(`<html lang="${language}"><body style="margin:0;width:440px;height:280px;box-sizing:border-box;padding:28px 30px;background:linear-gradient(135deg,#1e3a8a,#1d4ed8);color:#fff;font:16px/1.4 system-ui,sans-serif;display:flex;flex-direction:column;justify-content:center;gap:14px">
    <div style="display:flex;align-items:center;gap:14px"><span style="display:inline-flex;background:#fff;border-radius:18px;padding:6px"><img src="data:image/png;base64,${icon}" width="56" height="56"></span><span style="font-size:34px;font-weight:700">AuthLens</span></div>
    <p style="margin:0;font-size:17px">${summary.replace(/[<&]/g, (c) => (c === "<" ? "&lt;" : "&amp;"))}</p></body></html>`);
  const dir = resolve(STORE_SHOTS, "..", "promo", language);
  mkdirSync(dir, { recursive: true });
  await tile.screenshot({ path: resolve(dir, "small-tile-440x280.png") });
  await tile.close();
}

/**
 * The tour a person makes in their language: for each cause, the banner on the page, the popup
 * with its evidence open, the copied report; then the settings page. Every text is checked for
 * the other language (its messages and its common words), every element for clipping at the
 * popup's width, the popup and settings page with axe.
 */
async function tour(language: Language, authlens: AuthLens) {
  const { shown, foreign, words } = LANGUAGES[language];
  const left = (text: string, verbatim: readonly string[]) => foreignLeftIn(text, { foreign, words, verbatim });
  for (const id of TOUR) {
    const s = SCENARIOS.find((x) => x.id === id)!;
    await test.step(`${s.cause} (${id})`, async () => {
      const { page, tabId } = await authlens.newTab();
      await page.setViewportSize({ width: POPUP_WIDTH, height: 700 });
      await page.goto(s.start).catch(() => undefined);
      await page.evaluate(labDone).catch(() => undefined);
      const report = await authlens.waitForFailures(tabId, 1);
      await expect.poll(async () => (await authlens.report(tabId)).failures.some((f) => f.cause === s.cause)).toBe(true);
      const failures = (await authlens.report(tabId)).failures;
      const verbatim = [...verbatimOf(failures), ...verbatimOf(report.failures)];

      // The banner, on the page itself.
      const banner = new BannerDriver(authlens.context, page);
      await expect(banner.host()).toBeVisible();
      const bannerText = await banner.evaluateInContentScript<string>(`(() => {
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]'));
        return [...root.querySelectorAll("*")].filter((e) => e.tagName !== "STYLE").map((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3) ? e.textContent : "").join("\\n") + "\\n" + [...root.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label")).join("\\n");
      })()`);
      // Marked as written in the person's language, whatever the page's is (a screen reader reads it so).
      expect(await banner.evaluateInContentScript<string>(`chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]')).querySelector(".banner").lang`)).toBe(language);
      // It shows, in the person's language, what the popup and the report say.
      expect(failures.some((f) => bannerText.includes(message(shown, `headline${causeKey(f.cause).slice("cause".length)}`)))).toBe(true);
      expect(left(bannerText, verbatim), `banner (${language}): ${bannerText}`).toEqual([]);
      const bannerClipped = await banner.evaluateInContentScript<string[]>(`(() => {
        const root = chrome.dom.openOrClosedShadowRoot(document.querySelector('[data-authlens="banner"]'));
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of root.querySelectorAll("*")) {
          const box = el.getBoundingClientRect();
          if (!box.width || !box.height) continue;
          const style = getComputedStyle(el);
          const name = el.tagName.toLowerCase() + ' "' + (el.textContent || "").trim().slice(0, 40) + '"';
          if (box.right > width + 1 || box.left < -1) out.push(name + " reaches past the " + width + "px edge");
          if (style.overflowX !== "visible" && el.scrollWidth > el.clientWidth + 1) out.push(name + " is cut off");
          if (el.tagName === "BUTTON" && el.scrollWidth > el.clientWidth + 1) out.push(name + " does not fit its button");
        }
        return out;
      })()`);
      expect(bannerClipped, `banner at ${POPUP_WIDTH}px (${language})`).toEqual([]);
      // It says it is AuthLens, and sits above the page's own first lines instead of over them (German's longer words too).
      expect(bannerText.trimStart().startsWith("AuthLens")).toBe(true);
      const [bannerBox, firstLine] = [await banner.host().boundingBox(), await page.locator("body > :first-child").boundingBox()];
      expect(bannerBox && firstLine && firstLine.y >= bannerBox.y + bannerBox.height - 1, `the page's first line is below the banner (${language})`).toBe(true);

      // The popup, each failure's evidence open.
      const popup = await openPopup(authlens, tabId);
      const item = popup.locator(`li.failure[data-cause="${s.cause}"]`).first();
      await expect(item).toBeVisible();
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(language);
      for (const summary of await popup.locator("li.failure details > summary").all()) await summary.click();
      await expect(item.locator(".cause")).toHaveText(message(shown, causeKey(s.cause)));
      const popupText = await popup.evaluate(() => `${document.body.innerText}\n${[...document.querySelectorAll("[aria-label], [title]")].map((e) => `${e.getAttribute("aria-label") ?? ""} ${e.getAttribute("title") ?? ""}`).join("\n")}`);
      expect(left(popupText, verbatim), `popup (${language})`).toEqual([]);
      expect(await clipped(popup), `popup at ${POPUP_WIDTH}px (${language})`).toEqual([]);
      expect(await seriousViolations(popup)).toEqual([]);
      // For a person reviewing the translation: each popup as checked, evidence open.
      await popup.screenshot({ path: resolve(import.meta.dirname, `../test-results/screenshots/${language}/${id}-popup.png`), fullPage: true });

      // The copied report: its Markdown is for people, in their language.
      await popup.getByRole("button", { name: message(shown, "popupCopyReport") }).click();
      await expect(popup.getByRole("alert")).toContainText(message(shown, "popupCopied"));
      const [copied = ""] = await copiedTexts(popup);
      const markdown = copied.split("```json")[0]!;
      expect(markdown).toContain(message(shown, "reportTitle"));
      const userAgent = await popup.evaluate(() => navigator.userAgent);
      expect(left(markdown, [...verbatim, userAgent]), `copied report (${language})`).toEqual([]);
      if (STORE_SCENES.includes(id)) await storeScreenshots(authlens, page, popup, language, STORE_SCENES.indexOf(id) + 1, id);
      await popup.close();
      await page.close();
    });
  }

  await test.step("settings page", async () => {
    const settings = await authlens.context.newPage();
    await settings.setViewportSize({ width: POPUP_WIDTH, height: 700 });
    await settings.goto(`chrome-extension://${authlens.extensionId}/src/options/index.html`);
    await expect(settings.getByRole("heading", { name: message(shown, "settingsTitle") })).toBeVisible();
    await expect(settings).toHaveTitle(message(shown, "settingsTitle"));
    expect(await settings.evaluate(() => document.documentElement.lang)).toBe(language);
    // A mistyped site shows the page's error message too.
    await settings.getByLabel(message(shown, "settingsAddIgnored")).fill("kein Name");
    await settings.getByRole("button", { name: message(shown, "settingsAdd"), exact: true }).click();
    await expect(settings.getByRole("alert")).toBeVisible();
    const text = await settings.evaluate(() => `${document.title}\n${document.body.innerText}`);
    expect(left(text, ["kein Name", "example.com"]), `settings (${language})`).toEqual([]);
    expect(await clipped(settings), `settings at ${POPUP_WIDTH}px (${language})`).toEqual([]);
    expect(await seriousViolations(settings)).toEqual([]);
    await settings.close();
  });
}

/** One lab scenario of every cause: what a card of each looks like. */
const ONE_PER_CAUSE = [...new Map([...SCENARIOS].reverse().map((s) => [s.cause, s])).values()].reverse();
/** Words that belong under Details only: status codes, header names, RFCs, the web's plumbing. */
const JARGON = /\b(?:4\d\d|5\d\d)\b|WWW-Authenticate|Proxy-Authenticate|Set-Cookie|Authorization|\bRFC\b|\bCORS\b|preflight|\bheader\b|\bjar\b|presumed/i;

/**
 * A card read in five seconds, in `language`, for every cause: its headline one line at the
 * popup's narrow width, confidence in words, no jargon outside Details, no text said twice.
 */
async function cardsAtAGlance(language: Language, authlens: AuthLens) {
  const { shown } = LANGUAGES[language];
  const confidenceWords = ["confidenceHigh", "confidenceMedium", "confidenceLow"].map((k) => message(shown, k));
  await authlens.setSettings({ watchSubresources: true });
  for (const s of ONE_PER_CAUSE) {
    await test.step(`${s.cause} (${s.id}, ${language})`, async () => {
      const { page, tabId } = await authlens.newTab();
      await page.goto(s.start).catch(() => undefined);
      await page.evaluate(labDone).catch(() => undefined);
      await authlens.waitForFailures(tabId, 1);
      if (s.closerLook) await authlens.lookCloser(tabId, page);
      await expect.poll(async () => (await authlens.report(tabId)).failures.some((f) => f.cause === s.cause)).toBe(true);
      const popup = await openPopup(authlens, tabId);
      const card = popup.locator(`li.failure[data-cause="${s.cause}"]`).first();
      await expect(card).toBeVisible();
      const glance = await card.evaluate((li) => {
        const h2 = li.querySelector("h2")!;
        const range = document.createRange();
        range.selectNodeContents(h2);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        const outside = li.cloneNode(true) as HTMLElement;
        outside.querySelector("details")?.remove();
        return { lines, headline: h2.textContent ?? "", confidence: li.querySelector(".confidence")?.textContent ?? "", outside: outside.innerText || (outside.textContent ?? "") };
      });
      expect.soft(glance.lines, `"${glance.headline}" on one line at ${POPUP_WIDTH}px`).toBe(1);
      expect.soft(confidenceWords).toContain(glance.confidence);
      // Host names are the site's own ("api.cors-api.test"), not jargon.
      const words = glance.outside.replace(/[\w-]+(?:\.[\w-]+)+/g, "");
      expect.soft(words.match(JARGON), `jargon outside Details: ${glance.outside}`).toBeNull();
      await card.locator("details > summary").click();
      const blocks = await card.evaluate((li) => [...li.querySelectorAll("h2, p, li, dd, pre, button")].filter((e) => !e.querySelector("p, li, dd, pre, button")).map((e) => (e.textContent ?? "").trim()).filter((t) => t.length > 12));
      const twice = blocks.filter((b, i) => blocks.indexOf(b) !== i);
      expect.soft(twice, "text said twice on the card").toEqual([]);
      expect.soft(await seriousViolations(popup)).toEqual([]);
      await popup.close();
      await page.close();
    });
  }
}

for (const language of Object.keys(LANGUAGES) as Language[]) {
  test(`every cause's card in ${language === "de" ? "German" : "English"} reads at a glance: one-line headline at ${POPUP_WIDTH}px, confidence in words, no jargon outside Details, nothing said twice`, async ({ lab }) => {
    test.setTimeout(300_000);
    const { args, env } = LANGUAGES[language];
    const launched = await launchAuthLens(lab, { extraArgs: [...args], env: { ...env } });
    try {
      await cardsAtAGlance(language, launched.authlens);
      expect(launched.workerExceptions).toEqual([]);
    } finally {
      await launched.close();
    }
  });
}

for (const language of Object.keys(LANGUAGES) as Language[]) {
  test(`the tour in ${language === "de" ? "German" : "English"}: banner, popup, copied report and settings for ${TOUR.length} causes, all in ${language}, nothing clipped at ${POPUP_WIDTH}px`, async ({ lab }) => {
    test.setTimeout(240_000);
    const { args, env } = LANGUAGES[language];
    const launched = await launchAuthLens(lab, { extraArgs: [...args], env: { ...env } });
    try {
      // The browser really speaks the language: its own UI language, and AuthLens's catalogue.
      const probe = await launched.authlens.probe();
      expect(await probe.evaluate(() => chrome.i18n.getMessage("locale"))).toBe(language);
      await tour(language, launched.authlens);
      await promoTile(launched.authlens, language);
      expect(launched.workerExceptions).toEqual([]);
    } finally {
      await launched.close();
    }
  });
}
