import type { Failure } from "../core/failure";

/** The report contract (docs/report.md): what `{ type: "report", tabId }` answers. */
export interface Report {
  version: 1;
  tabId: number;
  /** Newest first. */
  failures: Failure[];
}

/** Every request one context may send another, keyed by `type`, with the answer each gets. */
interface Protocol {
  report: { request: { type: "report"; tabId: number }; response: Report };
  "clear-failures": { request: { type: "clear-failures"; tabId: number }; response: { cleared: number } };
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

/** Checks the shape of a message from another context; null when it is not one of ours. */
export function parseMessage(value: unknown): Message | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case "report":
    case "clear-failures":
      return isTabId(m.tabId) ? { type: m.type, tabId: m.tabId } : null;
    default:
      return null;
  }
}

export function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === "object" && value !== null && typeof (value as { error?: unknown }).error === "string";
}
