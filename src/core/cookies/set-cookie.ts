/** Why a browser refuses to store a cookie a server set (Chrome's CookieInclusionStatus, RFC 6265bis). */
export type CookieRejection = "samesite-none-insecure" | "secure-over-http" | "host-prefix" | "secure-prefix" | "domain-mismatch" | "too-large";

/** The most a browser stores of a cookie's name and value together (RFC 6265bis §5.7 step 3; Chrome, Firefox). */
export const MAX_COOKIE_BYTES = 4096;

/** What AuthLens keeps of one `Set-Cookie` header: never the value. */
export interface SetCookieSummary {
  name: string;
  domain: string | null;
  path: string | null;
  secure: boolean;
  sameSite: "strict" | "lax" | "none" | null;
  /** True when the header deletes the cookie: `Max-Age` ≤ 0 or an `Expires` in the past. */
  clears: boolean;
  /** Set when the browser will refuse to store this cookie, with the rule it breaks. */
  rejected: CookieRejection | null;
}

/**
 * Reads one `Set-Cookie` value (RFC 6265 §5.2) keeping the name and the attributes that matter
 * for a diagnosis. `now` is the server's clock when known (its `Date`), else the local one;
 * `requestUrl` is where the header came from, for the rules that depend on it.
 */
export function parseSetCookie(header: string, now: number, requestUrl?: string): SetCookieSummary | null {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return null; // RFC 6265 §5.2 step 5: a nameless cookie is ignored
  const summary: SetCookieSummary = { name: pair.slice(0, eq).trim().slice(0, 128), domain: null, path: null, secure: false, sameSite: null, clears: false, rejected: null };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes.slice(0, 20)) {
    const at = attribute.indexOf("=");
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? "" : attribute.slice(at + 1).trim();
    if (key === "domain") summary.domain = value.replace(/^\./, "").toLowerCase().slice(0, 253) || null;
    else if (key === "path") summary.path = value.slice(0, 256) || null;
    else if (key === "secure") summary.secure = true;
    else if (key === "samesite") summary.sameSite = sameSite(value);
    else if (key === "max-age" && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === "expires") {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) expires = time;
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  summary.clears = maxAge !== null ? maxAge <= 0 : expires !== null && expires <= now;
  // Too large is decided on the header as sent: the name and value kept above are cut short.
  summary.rejected = new TextEncoder().encode(pair.trim()).length - 1 > MAX_COOKIE_BYTES ? "too-large" : rejection(summary, requestUrl);
  return summary;
}

function sameSite(value: string): SetCookieSummary["sameSite"] {
  const v = value.toLowerCase();
  return v === "strict" || v === "lax" || v === "none" ? v : null;
}

function rejection(cookie: SetCookieSummary, requestUrl: string | undefined): CookieRejection | null {
  let url: URL | null;
  try {
    url = requestUrl ? new URL(requestUrl) : null;
  } catch {
    url = null;
  }
  const secureOrigin = url ? url.protocol === "https:" || url.hostname === "localhost" || url.hostname === "127.0.0.1" : true;
  // RFC 6265bis §5.7 step 20 (Chrome since 80): SameSite=None requires Secure.
  if (cookie.sameSite === "none" && !cookie.secure) return "samesite-none-insecure";
  // RFC 6265bis §5.7 step 8: a Secure cookie can be set only from a secure origin.
  if (cookie.secure && !secureOrigin) return "secure-over-http";
  if (cookie.name.startsWith("__Host-") && (!cookie.secure || cookie.domain !== null || cookie.path !== "/")) return "host-prefix";
  if (cookie.name.startsWith("__Secure-") && !cookie.secure) return "secure-prefix";
  // §5.7 step 10: Domain must domain-match the request host.
  if (url && cookie.domain && url.hostname !== cookie.domain && !url.hostname.endsWith(`.${cookie.domain}`)) return "domain-mismatch";
  return null;
}
