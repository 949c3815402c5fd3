/**
 * The one redaction AuthLens applies to every address and every server text it keeps or shows
 * (docs/security.md lists the places): secrets go before anything is stored, not only when shown.
 */

/** Query parameters whose values are secrets often enough that AuthLens never keeps them. */
const SECRET_PARAM = /token|secret|password|passwd|pwd|key|code|auth|session|sid|signature|sig|credential|jwt|state|nonce|samlrequest|samlresponse|ticket/i;
/** A JSON Web Token (or JWS) anywhere in a text: three base64url parts, the first two JSON. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const IS_JWT = /^eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*$/;
/** A run of token characters long enough to be a key, a session id or a signature. */
const TOKEN_RUN = /[A-Za-z0-9_\-+/.~]{24,}={0,2}/g;
/** `name=value` or `name: value` pairs in free text whose name says the value is a secret. */
const SECRET_PAIR = /\b([A-Za-z_-]*(?:token|secret|password|passwd|pwd|key|session|sid|signature|credential|jwt|ticket|code)[A-Za-z_-]*)(\s*[=:]\s*)("[^",=]*"|'[^',=]*'|[^\s&,;"')]+)/gi;
/** An absolute http(s) address in free text. */
const ADDRESS = /https?:\/\/[^\s"'<>]+/gi;
const REDACTED = "REDACTED";
/** A value already taken out, by this redaction or by the challenge parser's ("(hidden)"). */
const ALREADY_HIDDEN = /^["']?(REDACTED|\(hidden\))["']?$/;
/** How deep addresses inside addresses are followed (`?next=%2Fdash%3Fsession%3D…`). */
const MAX_DEPTH = 4;

/** Whether a run of token characters looks random (letters and digits mixed), not a word, a host or a path. */
function looksRandom(run: string): boolean {
  const body = run.replace(/=+$/, "");
  if (!/[0-9]/.test(body) || !/[A-Za-z]/.test(body)) return false;
  // A dotted host or a path of words ("api.example.com", "/v1/users/me") is not a secret; a long unbroken run is.
  const pieces = body.split(/[./]/);
  return pieces.some((p) => p.length >= 20 && /[0-9]/.test(p) && /[A-Za-z]/.test(p));
}

/** Text a server wrote: every address redacted, JWTs, secret `name=value` pairs and long random strings taken out. */
export function redactText(text: string, depth = 0): string {
  return text
    .replace(ADDRESS, (address) => redactUrl(address, depth + 1))
    .replace(JWT, REDACTED)
    .replace(SECRET_PAIR, (whole, name: string, sep: string, value: string) => (ALREADY_HIDDEN.test(value) || /^https?:/.test(value) ? whole : `${name}${sep}${REDACTED}`))
    .replace(TOKEN_RUN, (run) => (run.startsWith(REDACTED) || run.includes("://") || !looksRandom(run) ? run : REDACTED));
}

/** Base64 (or base64url) text that decodes to readable text, or null. */
function fromBase64(value: string): string | null {
  if (value.length < 16 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return null;
  try {
    const text = atob(value.replace(/-/g, "+").replace(/_/g, "/"));
    return /^[\x20-\x7e\t\r\n]+$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

/** A parameter's value as kept: an address in it redacted in turn, a token or an encoded secret taken out. */
function redactValue(value: string, depth: number): string {
  if (value === "") return value;
  if (depth >= MAX_DEPTH) return looksRandom(value) || IS_JWT.test(value) ? REDACTED : value;
  if (/^https?:\/\//i.test(value)) return redactUrl(value, depth + 1);
  if (value.startsWith("/") && !value.startsWith("//")) {
    const inner = redactUrl(`http://relative.invalid${value}`, depth + 1);
    return inner.startsWith("http://relative.invalid") ? inner.slice("http://relative.invalid".length) : REDACTED;
  }
  const decoded = fromBase64(value);
  // Encoded text that says anything a secret could hide in (an address, a pair, JSON) is not kept at all.
  if (decoded !== null && (/[=:{]/.test(decoded) || redactText(decoded, depth + 1) !== decoded)) return REDACTED;
  return redactText(value, depth + 1);
}

/**
 * Query-like text ("a=1&b=2") with each secret's value replaced and every other value redacted in
 * turn; as it was, spelling and all, when nothing in it is secret.
 */
function redactQuery(query: string, depth: number): string {
  const params = new URLSearchParams(query);
  const kept = new URLSearchParams();
  let changed = false;
  for (const [name, value] of params) {
    const redacted = SECRET_PARAM.test(name) ? REDACTED : redactValue(value, depth);
    changed ||= redacted !== value;
    kept.append(name, redacted);
  }
  return changed ? kept.toString() : query;
}

/**
 * The URL as AuthLens stores and shows it: user-info removed; the values of secret-looking query
 * parameters (OAuth `code`, `access_token`, `api_key`, …) replaced; addresses inside parameters,
 * URL-encoded or in a fragment (`?service=%2Fdash%3Fsession%3D…`, `#/dash?session=…`) redacted in
 * turn; tokens, JWTs and base64 that hides either taken out of any value, and a JWT out of the path. A string
 * that is not a URL comes back cut short, never thrown on.
 */
export function redactUrl(raw: string, depth = 0): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactText(raw.slice(0, 200), depth);
  }
  url.username = "";
  url.password = "";
  if (url.search.length > 1) url.search = redactQuery(url.search.slice(1), depth);
  // A token as a path segment (a JWT) goes; other segments stay, for the path is how a refusal is matched to its retry.
  if (url.pathname.includes("eyJ")) url.pathname = url.pathname.replace(JWT, REDACTED);
  if (/access_token|id_token|token=/i.test(url.hash)) url.hash = `#${REDACTED}`;
  else if (url.hash.length > 1) url.hash = `#${redactFragment(url.hash.slice(1), depth)}`;
  return url.href.length > 2048 ? url.href.slice(0, 2048) : url.href;
}

/** A fragment: a single-page app's route with its own query (`/dash?session=…`), parameters (`a=1&b=2`), or text. */
function redactFragment(fragment: string, depth: number): string {
  const q = fragment.indexOf("?");
  if (q >= 0) return `${redactText(fragment.slice(0, q), depth)}?${redactQuery(fragment.slice(q + 1), depth)}`;
  if (fragment.includes("=")) return redactQuery(fragment, depth);
  return redactText(fragment, depth);
}
