import { redactUrl } from "../report/redact-url";
import type { SentCredentials } from "../headers/sent-credentials";
import { registrableDomain } from "../site";

/**
 * A call to another origin that failed before AuthLens could see its answer: Chrome hands a
 * listener without `extraHeaders` a response that fails its CORS check only as a network error,
 * and a refused preflight not at all. Often that answer was a 401 or 403 from a server whose
 * sign-in guard runs before its CORS handling. AuthLens cannot name a cause for it, so it is kept
 * apart from the failures (no badge, no banner) and the popup offers to look closer.
 */
export interface BlockedRequest {
  id: string;
  /** Redacted like a failure's URL. */
  url: string;
  site: string | null;
  method: string;
  /** The origin that made the call. */
  initiator: string;
  time: number;
  frameId: number;
  /** The browser's error, e.g. "net::ERR_FAILED". */
  error: string;
  /** What the call carried, by name and scheme only (a token's safe claims). */
  sent: SentCredentials;
  /** "websocket": a page's live connection whose handshake failed (Chrome shows its answer only to extraHeaders listeners). Absent for a call to another origin. */
  kind?: "websocket";
}

/** The fields of a webRequest `onErrorOccurred` event this needs. */
export interface NetworkErrorEvent {
  url: string;
  method: string;
  type: string;
  error: string;
  initiator?: string | undefined;
  timeStamp: number;
  frameId: number;
}

/** Chrome's error for a request its CORS check failed; other network errors have codes of their own. */
const CORS_ERROR = "net::ERR_FAILED";
export const MAX_BLOCKED_PER_TAB = 20;

/** True for a page's fetch/XHR to another origin that Chrome failed the way it fails a CORS check. */
export function isLikelyCorsBlock(event: Pick<NetworkErrorEvent, "url" | "type" | "error" | "initiator">): boolean {
  if (event.type !== "xmlhttprequest" || event.error !== CORS_ERROR || !event.initiator) return false;
  try {
    return new URL(event.url).origin !== new URL(event.initiator).origin;
  } catch {
    return false;
  }
}

/**
 * True for a request whose answer Chrome hid from a listener without `extraHeaders`: a page's call
 * to another origin failed like a CORS check, or a WebSocket handshake answered with anything but
 * "101 Switching Protocols" (a 401, say), which such a listener hears of only as `net::ERR_FAILED`.
 */
export function isHiddenAnswer(event: Pick<NetworkErrorEvent, "url" | "type" | "error" | "initiator">): boolean {
  return isLikelyCorsBlock(event) || (event.type === "websocket" && event.error === CORS_ERROR);
}

/** The record of a blocked call. Pure. */
export function toBlockedRequest(id: string, event: NetworkErrorEvent, sent: SentCredentials): BlockedRequest {
  return {
    id,
    url: redactUrl(event.url),
    site: registrableDomain(event.url),
    method: event.method.toUpperCase().slice(0, 20),
    initiator: (event.initiator ?? "").slice(0, 200),
    time: Math.round(event.timeStamp),
    frameId: event.frameId,
    error: event.error.slice(0, 100),
    sent,
    ...(event.type === "websocket" ? { kind: "websocket" as const } : {}),
  };
}

/** True when a value read back from storage has the shape of a {@link BlockedRequest}. */
export function isBlockedRequest(value: unknown): value is BlockedRequest {
  if (typeof value !== "object" || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.id === "string" &&
    typeof b.url === "string" &&
    (typeof b.site === "string" || b.site === null) &&
    typeof b.method === "string" &&
    typeof b.initiator === "string" &&
    typeof b.time === "number" &&
    typeof b.frameId === "number" &&
    typeof b.error === "string" &&
    (b.kind === undefined || b.kind === "websocket") &&
    typeof b.sent === "object" &&
    b.sent !== null &&
    Array.isArray((b.sent as { cookieNames?: unknown }).cookieNames)
  );
}
