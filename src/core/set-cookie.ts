/** What AuthLens keeps of one `Set-Cookie` header: never the value. */
export interface SetCookieSummary {
  name: string;
  domain: string | null;
  path: string | null;
  /** True when the header deletes the cookie: `Max-Age` ≤ 0 or an `Expires` in the past. */
  clears: boolean;
}

/**
 * Reads one `Set-Cookie` value (RFC 6265 §5.2) keeping the name and the attributes that
 * matter for a diagnosis. `now` is the server's clock when known (its `Date`), else the local one.
 */
export function parseSetCookie(header: string, now: number): SetCookieSummary | null {
  const [pair = "", ...attributes] = header.split(";");
  const eq = pair.indexOf("=");
  if (eq <= 0) return null; // RFC 6265 §5.2 step 5: a nameless cookie is ignored
  const summary: SetCookieSummary = { name: pair.slice(0, eq).trim(), domain: null, path: null, clears: false };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (const attribute of attributes) {
    const at = attribute.indexOf("=");
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? "" : attribute.slice(at + 1).trim();
    if (key === "domain") summary.domain = value.replace(/^\./, "").toLowerCase() || null;
    else if (key === "path") summary.path = value || null;
    else if (key === "max-age" && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === "expires") {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) expires = time;
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  summary.clears = maxAge !== null ? maxAge <= 0 : expires !== null && expires <= now;
  return summary;
}
