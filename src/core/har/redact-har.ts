/**
 * A HAR (HTTP Archive 1.2) safe to share: every secret replaced, names, structure, statuses and
 * timings kept, so whoever receives it can still read what happened. Secrets are cookie and
 * `Set-Cookie` values, `Authorization`/`Proxy-Authorization` credentials, API-key headers, tokens
 * and codes in query strings and fragments, password and token fields in form and JSON bodies
 * (requests and responses), SAML messages, and JWT signatures (a JWT's claims stay, and the entry
 * says so: without its signature the token is no use to anyone). Pure.
 */
import type { Cookie, Entry, Har, Header, PostData, QueryString } from "har-format";
import { text as message, type Phrase } from "../report/text";

/** What was replaced, by kind, for the person to see before saving. */
export interface RedactionCounts {
  cookies: number;
  authorization: number;
  apiKeys: number;
  urlTokens: number;
  formFields: number;
  jsonFields: number;
  jwtSignatures: number;
  saml: number;
  /** Further copies of those secrets elsewhere: a page's source, a body, an address that repeats them. */
  copies: number;
}

export const REDACTED = "[redacted by AuthLens]";

/** Query and form parameters whose values are secrets: OAuth codes and tokens, passwords, keys, SAML messages. */
const SECRET_PARAM = /^(access_token|id_token|refresh_token|token|code|state|nonce|code_verifier|client_secret|password|passwd|pwd|pass|secret|api[-_]?key|key|apikey|auth|session|sessionid|sid|sig|signature|x-amz-signature|x-amz-security-token|assertion|samlrequest|samlresponse|relaystate|ticket|otp|pin|csrf.*|.*token|.*secret|.*password)$/i;
/** JSON keys whose values are secrets (an error's `code` is not: it explains the refusal). */
const SECRET_KEY = /(password|passwd|secret|token|session|cookie|api[-_]?key|apikey|credential|signature|assertion|saml|otp|^pin$|authorization|private[-_]?key)/i;
/** Request headers that carry keys or tokens, besides Authorization and Cookie. */
const KEY_HEADER = /^(x-api-key|api-key|apikey|x-auth-token|x-access-token|x-session-token|x-csrftoken|x-csrf-token|x-xsrf-token|private-token|x-goog-api-key|ocp-apim-subscription-key|x-amz-security-token|x-functions-key|x-refresh-token|x-id-token)$/i;
const JWT = /\b(eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.)([A-Za-z0-9_-]{8,})/g;
const IS_JWT = /^eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{8,}$/;
const SAML_FIELD = /((?:name|id)=["']?(?:SAMLResponse|SAMLRequest)["']?[^>]*?value=["'])([^"']+)(["'])/gi;

/** Secrets shorter than this are not looked for elsewhere: they would match ordinary words. */
const MIN_ECHO = 6;

export function redactHar(har: Har, say: (phrase: Phrase) => string): { har: Har; counts: RedactionCounts } {
  const counts: RedactionCounts = { cookies: 0, authorization: 0, apiKeys: 0, urlTokens: 0, formFields: 0, jsonFields: 0, jwtSignatures: 0, saml: 0, copies: 0 };
  /** Every secret replaced, so that its copies elsewhere can be found afterwards. */
  const found = new Set<string>();
  /** Remembers a secret, so that its copies elsewhere are replaced too. */
  const remember = (value: string) => {
    if (value.length >= MIN_ECHO && value !== REDACTED) found.add(value);
  };
  /** Counts one secret of `kind`, remembers its value, and returns what stands in its place. */
  const redact = (kind: Exclude<keyof RedactionCounts, "copies">, value: string): string => {
    counts[kind]++;
    remember(value);
    return REDACTED;
  };
  const text = (value: string): string =>
    value.replace(JWT, (_, kept: string, signature: string) => `${kept}${redact("jwtSignatures", signature)}`).replace(SAML_FIELD, (_, before: string, secret: string, after: string) => `${before}${redact("saml", secret)}${after}`);

  const url = (raw: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return text(raw);
    }
    if (parsed.username || parsed.password) {
      redact("authorization", safeDecode(parsed.password));
      parsed.username = "";
      parsed.password = "";
    }
    for (const name of new Set(parsed.searchParams.keys())) if (SECRET_PARAM.test(name)) parsed.searchParams.set(name, redact("urlTokens", parsed.searchParams.get(name) ?? ""));
    if (parsed.hash.length > 1) {
      const fragment = new URLSearchParams(parsed.hash.slice(1));
      const secret = [...new Set(fragment.keys())].filter((name) => SECRET_PARAM.test(name));
      for (const name of secret) fragment.set(name, redact("urlTokens", fragment.get(name) ?? ""));
      if (secret.length) parsed.hash = fragment.toString();
    }
    return text(parsed.href);
  };

  const cookieHeader = (value: string) =>
    value
      .split(";")
      .map((pair) => {
        const eq = pair.indexOf("=");
        return eq < 0 ? pair : `${pair.slice(0, eq)}=${redact("cookies", pair.slice(eq + 1).trim())}`;
      })
      .join(";");
  const setCookie = (value: string) =>
    value
      .split("\n")
      .map((line) => {
        const eq = line.indexOf("=");
        if (eq < 0) return line;
        const semi = line.indexOf(";", eq);
        return `${line.slice(0, eq)}=${redact("cookies", line.slice(eq + 1, semi < 0 ? undefined : semi).trim())}${semi < 0 ? "" : line.slice(semi)}`;
      })
      .join("\n");
  const credentials = (value: string) => {
    const [scheme = "", rest = ""] = value.trim().split(/\s+(.*)/s);
    // A bearer JWT keeps its claims, without its signature; anything else keeps its scheme only.
    if (/^bearer$/i.test(scheme) && IS_JWT.test(rest.trim())) {
      counts.authorization++;
      return `${scheme} ${text(rest)}`;
    }
    // Basic credentials are base64 of user:password: the password alone is a secret wherever it is copied too.
    if (/^basic$/i.test(scheme)) remember(decodeBasicPassword(rest));
    return rest ? `${scheme} ${redact("authorization", rest.trim())}` : redact("authorization", scheme);
  };

  const header = ({ name, value, ...rest }: Header, response: boolean): Header => {
    const lower = name.toLowerCase();
    if (lower === "cookie") return { ...rest, name, value: cookieHeader(value) };
    if (lower === "set-cookie") return { ...rest, name, value: setCookie(value) };
    if (lower === "authorization" || lower === "proxy-authorization") return { ...rest, name, value: credentials(value) };
    if (KEY_HEADER.test(lower)) return { ...rest, name, value: redact("apiKeys", value) };
    if (lower === "location" || lower === "referer" || lower === "content-location") return { ...rest, name, value: url(value) };
    if (response && lower === "www-authenticate") return { ...rest, name, value: value.replace(/\b(ticket)=("[^"]*"|[^,\s]*)/gi, (_, n: string, ticket: string) => `${n}="${redact("authorization", ticket.replace(/"/g, ""))}"`) };
    return { ...rest, name, value: text(value) };
  };

  const cookie = (c: Cookie): Cookie => ({ ...c, value: redact("cookies", c.value) });
  const query = (q: QueryString): QueryString => ({ ...q, value: SECRET_PARAM.test(q.name) ? redact("urlTokens", q.value) : text(q.value) });

  const json = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(json);
    if (typeof value === "string") return text(value);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && v !== null && typeof v !== "object" ? redact("jsonFields", String(v)) : json(v)]));
  };

  /** A body: JSON by its keys, a form by its fields, anything else for JWTs and SAML messages. */
  const body = (content: string, mimeType: string): string => {
    if (/json/i.test(mimeType) || /^\s*[{[]/.test(content)) {
      try {
        return JSON.stringify(json(JSON.parse(content)));
      } catch {
        // not JSON after all: read as text below
      }
    }
    if (/x-www-form-urlencoded/i.test(mimeType)) {
      const form = new URLSearchParams(content);
      for (const name of new Set(form.keys())) if (SECRET_PARAM.test(name)) form.set(name, redact("formFields", form.get(name) ?? ""));
      return text(form.toString());
    }
    return text(content);
  };

  const postData = (data: PostData): PostData => {
    const params = data.params?.map((p) => (SECRET_PARAM.test(p.name) && p.value !== undefined ? { ...p, value: redact("formFields", p.value) } : p));
    return { ...data, ...(params ? { params } : {}), ...(data.text !== undefined ? { text: body(data.text, data.mimeType) } : {}) } as PostData;
  };

  const entry = (e: Entry): Entry => {
    const before = counts.jwtSignatures;
    const request = {
      ...e.request,
      url: url(e.request.url),
      headers: e.request.headers.map((h) => header(h, false)),
      cookies: e.request.cookies.map(cookie),
      queryString: e.request.queryString.map(query),
      ...(e.request.postData ? { postData: postData(e.request.postData) } : {}),
    };
    const content = e.response.content;
    const response = {
      ...e.response,
      headers: e.response.headers.map((h) => header(h, true)),
      cookies: e.response.cookies.map(cookie),
      redirectURL: e.response.redirectURL ? url(e.response.redirectURL) : e.response.redirectURL,
      // A base64 body is binary (an image, a file): it carries no token AuthLens could find, and is left out.
      content: content.text === undefined ? content : content.encoding === "base64" ? { ...content, text: "", comment: say(message("harBodyLeftOut")) } : { ...content, text: body(content.text, content.mimeType) },
    };
    const signed = counts.jwtSignatures > before;
    return { ...e, request, response, ...(signed ? { comment: [e.comment, say(message("harJwtSignatures"))].filter(Boolean).join(" ") } : {}) };
  };

  const log = har.log;
  const redacted: Har = {
    log: {
      ...log,
      ...(log.pages ? { pages: log.pages.map((p) => ({ ...p, title: url(p.title) })) } : {}),
      entries: log.entries.map(entry),
      comment: [log.comment, say(message("harRedacted"))].filter(Boolean).join(" "),
    },
  };
  return { har: withoutCopies(redacted, found, counts), counts };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The password of Basic credentials (base64 of user:password), or "" when they do not decode. */
function decodeBasicPassword(credentials: string): string {
  try {
    const decoded = atob(credentials.trim());
    return decoded.slice(decoded.indexOf(":") + 1);
  } catch {
    return "";
  }
}

/**
 * The HAR with every copy of a secret found replaced too, as it is and as it travels
 * (URL-encoded, base64): a page's inline script that sets the cookie, a body that echoes the token.
 */
function withoutCopies(har: Har, secrets: ReadonlySet<string>, counts: RedactionCounts): Har {
  const forms = [...new Set([...secrets].flatMap((s) => [s, encodeURIComponent(s), base64(s)]))].filter((s) => s.length >= MIN_ECHO).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return har;
  const scrub = (value: string): string => {
    let out = value;
    for (const secret of forms) {
      if (!out.includes(secret)) continue;
      const parts = out.split(secret);
      counts.copies += parts.length - 1;
      out = parts.join(REDACTED);
    }
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return scrub(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(har) as Har;
}

function base64(text: string): string {
  try {
    return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
  } catch {
    return text;
  }
}
