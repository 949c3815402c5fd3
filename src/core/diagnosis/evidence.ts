import type { JarAnalysis } from "../cookies/cookie-jar";
import { headerValue, headerValues, type HttpHeader } from "../headers/http-header";
import { redactText, redactUrl } from "../report/redact-url";
import { summarizeSentCredentials, type SentCredentials } from "../headers/sent-credentials";
import { parseSetCookie, type SetCookieSummary } from "../cookies/set-cookie";
import { registrableDomain } from "../site";
import { parseWwwAuthenticate, type Challenge } from "../headers/www-authenticate";
import type { SignInRedirect } from "../sign-in/navigation";
import type { SessionEnding, RefusedCookie } from "../sign-in/session-cookies";
import type { BodyReason } from "../headers/body-reason";

/** The response side of a failure, as far as a diagnosis needs it. */
export interface ResponseSummary {
  /** Each `WWW-Authenticate` header as sent (cut at 2 KiB). */
  wwwAuthenticate: string[];
  proxyAuthenticate: string[];
  /** The challenges of all `WWW-Authenticate` headers, parsed. */
  challenges: Challenge[];
  proxyChallenges: Challenge[];
  /**
   * The cookies the response set or deleted: from its `Set-Cookie` headers, or, where the browser
   * hides those from AuthLens (Chrome, unless it looks closer), from the jar's changes as it arrived.
   */
  setCookies: SetCookieSummary[];
  setCookiesFrom: "header" | "jar-changes";
  /** The server's `Date` header, as sent. */
  date: string | null;
  /** The `Server` header, which names the stack (nginx, Kestrel, AmazonS3, cloudflare…). */
  server: string | null;
  /** Cloudflare's `cf-mitigated: challenge`: a bot check, not a sign-in. */
  botChallenge: boolean;
  /**
   * What the answer's CORS headers allow: null without `Access-Control-Allow-Origin`; true when it
   * also has `Access-Control-Allow-Credentials: true`; false when it allows the origin but not
   * credentials. Absent in records of older versions.
   */
  corsCredentials?: boolean | null;
  /** The refusal's `Location` (resolved, redacted; http and https only): some sites name their sign-in page there. Absent when none. */
  location?: string | null;
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
  /** True when the initiator's registrable domain is not the target's. */
  crossSite: boolean;
  /**
   * The registrable domain of the tab's page when the request was made in a frame that page embeds
   * from another site (the browser then treats the request as cross-site for cookies); else null.
   * Absent in records of older versions.
   */
  embeddedIn?: string | null;
  /** Local time when the response arrived, in ms since the epoch. */
  time: number;
  /** Server clock minus local clock, from the `Date` header, in ms; null without a usable `Date`. */
  clockSkewMs: number | null;
  sent: SentCredentials;
  response: ResponseSummary;
  /** The site's cookies that apply to the URL; null when the jar was not read. */
  jar: JarAnalysis | null;
  /** Earlier failures of the same URL in this tab within the last two minutes. */
  repeats: number;
  /** When the request went out, where seen (not kept in the record). */
  sentAt?: number | null;
  /** For a navigation that ended in a sign-in instead of the page asked for: how. Absent otherwise. */
  redirect?: SignInRedirect | null;
  /** The last sign-in cookie for the address that ended before this failure (the session timeline). Absent when none. */
  sessionEnding?: SessionEnding | null;
  /** A sign-in cookie for the address the browser refused to store before this failure (the session timeline). Absent when none. */
  refusedCookie?: RefusedCookie | null;
  /** The reason the response's body gives, where the body was read (the DevTools panel). Absent otherwise. */
  bodyReason?: BodyReason | null;
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
/** Challenge parameters that carry a credential the server hands out (a UMA permission ticket). */
const SECRET_PARAMS: ReadonlySet<string> = new Set(["ticket"]);

/**
 * A challenge header without its secret parameters. A header that mentions one is rebuilt from
 * what the parser read, with those values hidden: whatever the parser could not read (a
 * garbled or cut-off tail) is dropped rather than kept raw.
 */
function hideSecretParams(value: string): string {
  if (![...SECRET_PARAMS].some((name) => value.toLowerCase().includes(name))) return value;
  return parseWwwAuthenticate([value])
    .map((c) => {
      if (c.token68 !== null) return `${c.scheme} (hidden)`;
      const params = Object.entries(c.params).map(([k, v]) => `${k}="${SECRET_PARAMS.has(k) ? "(hidden)" : v.replace(/["\\]/g, "\\$&")}"`);
      return params.length ? `${c.scheme} ${params.join(", ")}` : c.scheme;
    })
    .join(", ");
}

/**
 * What the browser let AuthLens see of a failed request besides its response's other headers.
 * Chrome hides `Cookie` and `Set-Cookie` from listeners that do not ask for `extraHeaders`, which
 * AuthLens asks for only in a tab it looks closer at; Firefox shows them to every listener.
 */
export interface HeadersSeen {
  /** The request's headers; null when they were not watched (the request began before the worker listened). */
  request: readonly HttpHeader[] | null;
  /** Whether `Cookie` was visible among the request's headers. */
  cookie: boolean;
  /** Whether the response's `Set-Cookie` headers were visible. */
  setCookie: boolean;
  /** When the request went out (ms since the epoch), where seen: a cookie created after it did not go with it. */
  sentAt?: number | null;
}

/**
 * Builds the evidence for a failed request from its response event, what was seen of its headers
 * and, where known, the URL of the tab's page.
 */
export function gatherEvidence(response: ObservedResponse, seen: HeadersSeen, topLevelUrl: string | null = null): FailureEvidence {
  const headers = response.responseHeaders;
  const date = headerValue(headers, "date");
  const serverNow = date === null ? NaN : Date.parse(date);
  const now = Number.isNaN(serverNow) ? response.timeStamp : serverNow;
  // A server may echo a token or an address into its challenge: kept only redacted (report/redact-url.ts).
  const wwwAuthenticate = headerValues(headers, "www-authenticate").map((v) => redactText(hideSecretParams(v.slice(0, MAX_CHALLENGE))));
  const proxyAuthenticate = headerValues(headers, "proxy-authenticate").map((v) => redactText(hideSecretParams(v.slice(0, MAX_CHALLENGE))));
  const initiator = initiatorOrigin(response.initiator ?? response.originUrl);
  const targetSite = registrableDomain(response.url);
  return {
    url: redactUrl(response.url),
    method: response.method.toUpperCase().slice(0, 20),
    status: response.statusCode,
    statusLine: redactText((response.statusLine ?? "").slice(0, 200)),
    resourceType: response.type,
    initiator,
    crossSite: initiator !== null && targetSite !== null && registrableDomain(initiator) !== targetSite,
    embeddedIn: embeddingSite(response.type, targetSite, topLevelUrl),
    time: Math.round(response.timeStamp),
    // Date has one-second resolution: round the skew to whole seconds so latency is not read as skew.
    clockSkewMs: Number.isNaN(serverNow) ? null : Math.round((serverNow - response.timeStamp) / 1000) * 1000,
    sent: { ...summarizeSentCredentials(response.method, seen.request, seen.cookie), ...(hasUserInfo(response.url) ? { addressCredentials: true as const } : {}) },
    response: {
      wwwAuthenticate,
      proxyAuthenticate,
      challenges: parseWwwAuthenticate(wwwAuthenticate),
      proxyChallenges: parseWwwAuthenticate(proxyAuthenticate),
      setCookies: headerValues(headers, "set-cookie")
        // Chrome joins several Set-Cookie headers with "\n" in one entry.
        .flatMap((v) => v.split("\n"))
        .slice(0, MAX_SET_COOKIES)
        .map((v) => parseSetCookie(v, now, response.url))
        .filter((c): c is SetCookieSummary => c !== null),
      setCookiesFrom: seen.setCookie ? "header" : "jar-changes",
      date: date === null ? null : date.slice(0, 100),
      server: headerValue(headers, "server")?.slice(0, 100) ?? null,
      botChallenge: headerValue(headers, "cf-mitigated")?.toLowerCase() === "challenge",
      corsCredentials: headerValue(headers, "access-control-allow-origin") === null ? null : headerValue(headers, "access-control-allow-credentials")?.trim().toLowerCase() === "true",
      ...locationOf(headerValue(headers, "location"), response.url),
    },
    jar: null,
    repeats: 0,
    sentAt: seen.sentAt ?? null,
  };
}

/** Whether an address carries a username of its own (its value is never kept: the URL is redacted). */
function hasUserInfo(url: string): boolean {
  try {
    return new URL(url).username !== "";
  } catch {
    return false;
  }
}

/** A refusal's `Location`, resolved against its URL, as it may be kept: http(s) only, redacted. */
function locationOf(value: string | null, base: string): { location?: string } {
  if (value === null) return {};
  try {
    const url = new URL(value.slice(0, 2048), base);
    return url.protocol === "http:" || url.protocol === "https:" ? { location: redactUrl(url.href) } : {};
  } catch {
    return {};
  }
}

/** The tab page's site when a frame of another site made the request (a page's own request is never embedded). */
function embeddingSite(type: string, targetSite: string | null, topLevelUrl: string | null): string | null {
  if (type === "main_frame" || !topLevelUrl || !targetSite) return null;
  const top = registrableDomain(topLevelUrl);
  return top && top !== targetSite ? top : null;
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
