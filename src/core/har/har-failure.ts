/**
 * A refused request from the DevTools Network log (a HAR entry, with its body) as evidence for
 * the classifier: DevTools sees everything a request carried and everything its answer said,
 * cookies and preflights included, and the body. Pure.
 */
import type { Entry } from "har-format";
import { isAuthFailureStatus } from "../headers/auth-status";
import { readBodyReason } from "../headers/body-reason";
import { gatherEvidence, type FailureEvidence } from "../diagnosis/evidence";

/** DevTools' resource types as webRequest names them. */
const TYPES: Record<string, string> = { document: "main_frame", xhr: "xmlhttprequest", fetch: "xmlhttprequest", preflight: "other", ping: "ping", websocket: "websocket", script: "script", stylesheet: "stylesheet", image: "image", font: "font", media: "media" };

function originOf(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    return undefined;
  }
}

/** The evidence of a refused request in the Network log; null for a request that was not refused. */
export function harEntryEvidence(entry: Entry, body: string | null): FailureEvidence | null {
  const { request, response } = entry;
  if (!isAuthFailureStatus(response.status)) return null;
  const header = (name: string) => request.headers.find((h) => h.name.toLowerCase() === name)?.value;
  const type = TYPES[entry._resourceType ?? ""] ?? (header("sec-fetch-dest") === "document" ? "main_frame" : "xmlhttprequest");
  // Chrome's own fields: who started the request (`_initiator`), and its kind (`_resourceType`).
  const started = typeof entry._initiator === "string" ? entry._initiator : entry._initiator?.url;
  const initiator = originOf(started) ?? originOf(header("origin")) ?? originOf(header("referer"));
  const evidence = gatherEvidence(
    {
      url: request.url,
      method: request.method,
      statusCode: response.status,
      statusLine: `${response.httpVersion} ${response.status} ${response.statusText}`.trim(),
      type,
      initiator,
      timeStamp: Date.parse(entry.startedDateTime) + Math.max(0, entry.time || 0),
      responseHeaders: response.headers,
    },
    { request: request.headers, cookie: true, setCookie: true },
  );
  const bodyReason = readBodyReason(body);
  return bodyReason ? { ...evidence, bodyReason } : evidence;
}
