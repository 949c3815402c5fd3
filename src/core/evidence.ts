import { headerValue, headerValues, type HttpHeader } from "./http-header";
import { redactUrl } from "./redact-url";
import { summarizeSentCredentials, type SentCredentials } from "./sent-credentials";
import { parseSetCookie, type SetCookieSummary } from "./set-cookie";

/** The response side of a failure, as far as a diagnosis needs it. */
export interface ResponseSummary {
  wwwAuthenticate: string[];
  proxyAuthenticate: string[];
  setCookies: SetCookieSummary[];
  /** The server's `Date` header, as sent. */
  date: string | null;
}

/** Everything known about one failed request. Holds no secret: see docs/security.md. */
export interface FailureEvidence {
  url: string;
  method: string;
  status: number;
  statusLine: string;
  resourceType: string;
  /** The origin that started the request (webRequest `initiator`), or null for a typed URL. */
  initiator: string | null;
  /** Local time when the response arrived, in ms since the epoch. */
  time: number;
  sent: SentCredentials;
  response: ResponseSummary;
}

/** The fields of a webRequest `onHeadersReceived` event that evidence is made of. */
export interface ObservedResponse {
  url: string;
  method: string;
  statusCode: number;
  statusLine?: string | undefined;
  type: string;
  initiator?: string | undefined;
  originUrl?: string | undefined;
  timeStamp: number;
  responseHeaders?: HttpHeader[] | undefined;
}

const MAX_CHALLENGE = 2048;
const MAX_SET_COOKIES = 50;

/** Builds the evidence for a failed request from its response event and the headers it was sent with. */
export function gatherEvidence(response: ObservedResponse, requestHeaders: readonly HttpHeader[] | undefined): FailureEvidence {
  const headers = response.responseHeaders;
  const date = headerValue(headers, "date");
  const serverNow = date === null ? NaN : Date.parse(date);
  const now = Number.isNaN(serverNow) ? response.timeStamp : serverNow;
  return {
    url: redactUrl(response.url),
    method: response.method.toUpperCase().slice(0, 20),
    status: response.statusCode,
    statusLine: (response.statusLine ?? "").slice(0, 200),
    resourceType: response.type,
    initiator: initiatorOrigin(response.initiator ?? response.originUrl),
    time: Math.round(response.timeStamp),
    sent: summarizeSentCredentials(response.method, requestHeaders),
    response: {
      wwwAuthenticate: headerValues(headers, "www-authenticate").map((v) => v.slice(0, MAX_CHALLENGE)),
      proxyAuthenticate: headerValues(headers, "proxy-authenticate").map((v) => v.slice(0, MAX_CHALLENGE)),
      setCookies: headerValues(headers, "set-cookie")
        // Chrome joins several Set-Cookie headers with "\n" in one entry.
        .flatMap((v) => v.split("\n"))
        .slice(0, MAX_SET_COOKIES)
        .map((v) => parseSetCookie(v, now))
        .filter((c): c is SetCookieSummary => c !== null),
      date: date === null ? null : date.slice(0, 100),
    },
  };
}

/** Firefox gives `originUrl` (a full URL); Chrome gives `initiator` (an origin). Keep only the origin. */
function initiatorOrigin(value: string | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
