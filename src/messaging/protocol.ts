import type { BlockedRequest } from "../core/diagnosis/blocked-request";
import type { Failure, FixSubject } from "../core/failure";
import { isFixId, type FixId } from "../core/fixes/fix";
import type { PageState } from "../core/fixes/rank-fixes";
import type { CauseId } from "../core/diagnosis/cause";

/** What a fix or an undo did, in words for the person, and how to take it back. */
export interface FixResult {
  ok: boolean;
  message: string;
  /** Present when the fix removed cookies: pass it to `undo`. */
  undoId?: string;
  reloaded?: boolean;
  /** The fix would reload a page holding typed text, and was not carried out: ask, then send it again with `force`. */
  confirm?: "unsaved-input";
  /** Text for the surface to copy to the clipboard (Copy a report): the worker cannot. */
  copy?: string;
}

/** What the in-page banner shows: the newest failure of the page's own document or its fetches. */
export interface BannerModel {
  tabId: number;
  site: string;
  failureId: string;
  cause: CauseId;
  /** The first fix, as the popup offers it for this page (the same ranked list, and the same page state). */
  fix: FixId;
  /** What the fix's label says of the failure (fixLabel). */
  subject: FixSubject;
  /** `fixed`: the site answered normally after a fix (the banner says so, then goes); `waiting`: a fix was tried. */
  state: "open" | "waiting" | "fixed";
}

/** An undo still available in a tab (no cookie values). */
export interface UndoSummary {
  id: string;
  site: string;
  count: number;
  createdAt: number;
  expiresAt: number;
}

/** How long a closer look at a tab lasts, unless the tab leaves its site or closes first. */
export const LOOK_CLOSER_MS = 10 * 60_000;

/** The report contract (docs/report.md): what `{ type: "report", tabId }` answers. */
export interface Report {
  version: 1;
  tabId: number;
  /** Newest first. */
  failures: Failure[];
  /**
   * Calls to another origin that failed before AuthLens could see their answer (Chrome hides an
   * answer that fails its CORS check from listeners without `extraHeaders`), newest first, at most
   * 20. Not diagnosed and not counted on the badge: looking closer at the tab shows their answers.
   */
  blocked: BlockedRequest[];
  /**
   * Until when (ms since the epoch) AuthLens looks closer at the tab, reading its cookie headers,
   * CORS preflights and answers that fail CORS too; null when it does not, as by default.
   */
  lookingCloserUntil: number | null;
  /** The registrable domain of the tab's page ("Pause on this site" names it). Absent for a closed tab or a page with no site. */
  site?: string;
  /** The tab's site when the person paused AuthLens there ("Pause on this site"): nothing of it is recorded until resumed. Absent otherwise. */
  paused?: string;
  /** Set when the organisation turned AuthLens off on the tab's site: the person cannot resume it there. */
  pausedByOrganisation?: true;
  /** False when the organisation does not allow Look closer (managed storage): the popup does not offer it. */
  lookCloserAllowed?: false;
}

/** A failure in the list of recent ones across tabs (the recent-failures page): names and counts, no address beyond its host. */
export interface RecentFailure {
  id: string;
  time: number;
  host: string;
  site: string | null;
  cause: CauseId;
  confidence: number;
  /** The tab it happened in, while that tab is open. */
  tabId: number;
}

/** Every request one context may send another, keyed by `type`, with the answer each gets. */
interface Protocol {
  report: { request: { type: "report"; tabId: number }; response: Report };
  "clear-failures": { request: { type: "clear-failures"; tabId: number }; response: { cleared: number } };
  /** `force`: carry out a fix that reloads even though the page holds typed text (the person said so). */
  "apply-fix": { request: { type: "apply-fix"; tabId: number; failureId: string; fix: FixId; force?: boolean }; response: FixResult };
  /** Whether the tab's page holds typed text: fixes are offered for it (fixesForPage). */
  "page-state": { request: { type: "page-state"; tabId: number }; response: PageState };
  undo: { request: { type: "undo"; tabId: number; undoId: string }; response: FixResult };
  "undo-list": { request: { type: "undo-list"; tabId: number }; response: { undo: UndoSummary[] } };
  /** Starts (and reloads the tab) or stops a closer look at a tab. */
  "look-closer": { request: { type: "look-closer"; tabId: number; on: boolean }; response: FixResult };
  /** From the content script, about its own tab (taken from the sender). */
  /** `typed`: the page holds text the person typed (the banner checks its page itself). */
  banner: { request: { type: "banner"; typed?: boolean }; response: { banner: BannerModel | null } };
  "dismiss-banner": { request: { type: "dismiss-banner" }; response: { dismissed: string | null } };
  "open-details": { request: { type: "open-details" }; response: { opened: boolean } };
  /** "Pause on this site": stops (or resumes) recording the tab's site; its badge and banner go at once. */
  "pause-site": { request: { type: "pause-site"; tabId: number; paused: boolean }; response: { site: string | null; paused: boolean } };
  /** "Was this right?": the person's answer on a failure (null takes it back). */
  feedback: { request: { type: "feedback"; tabId: number; failureId: string; right: boolean | null }; response: { saved: boolean } };
  /** The failures of every tab in the last 24 hours, newest first. */
  recent: { request: { type: "recent" }; response: { recent: RecentFailure[] } };
  "clear-recent": { request: { type: "clear-recent" }; response: { cleared: number } };
}

export type MessageType = keyof Protocol;
export type Message = { [K in MessageType]: Protocol[K]["request"] }[MessageType];
export type ResponseOf<K extends MessageType> = Protocol[K]["response"];

/** What the worker answers when it will not act on a message. */
export interface ErrorResponse {
  error: string;
}

function isTabId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isShortString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 100;
}

/** Checks the shape of a message from another context; null when it is not one of ours. */
export function parseMessage(value: unknown): Message | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case "banner":
      return typeof m.typed === "boolean" ? { type: m.type, typed: m.typed } : { type: m.type };
    case "dismiss-banner":
    case "open-details":
    case "recent":
    case "clear-recent":
      return { type: m.type };
  }
  if (!isTabId(m.tabId)) return null;
  switch (m.type) {
    case "report":
    case "clear-failures":
    case "undo-list":
    case "page-state":
      return { type: m.type, tabId: m.tabId };
    case "apply-fix":
      if (!isShortString(m.failureId) || !isFixId(m.fix) || (m.force !== undefined && typeof m.force !== "boolean")) return null;
      return { type: m.type, tabId: m.tabId, failureId: m.failureId, fix: m.fix, ...(m.force ? { force: true } : {}) };
    case "undo":
      return isShortString(m.undoId) ? { type: m.type, tabId: m.tabId, undoId: m.undoId } : null;
    case "look-closer":
      return typeof m.on === "boolean" ? { type: m.type, tabId: m.tabId, on: m.on } : null;
    case "pause-site":
      return typeof m.paused === "boolean" ? { type: m.type, tabId: m.tabId, paused: m.paused } : null;
    case "feedback":
      return isShortString(m.failureId) && (typeof m.right === "boolean" || m.right === null) ? { type: m.type, tabId: m.tabId, failureId: m.failureId, right: m.right } : null;
    default:
      return null;
  }
}

export function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}

/** What the worker sends a tab's content script when the tab's failures change. */
export interface TabNotice {
  type: "authlens-updated";
}

/** What the worker tells its own pages (an open popup) when a tab's failures change. */
export interface ReportChanged {
  type: "authlens-report-changed";
  tabId: number;
}
