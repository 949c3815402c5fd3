/**
 * Recognises sign-in pages, sign-in and sign-out addresses and OAuth/OpenID callbacks from a URL
 * alone, by what is standard (OpenID Connect Core §3.1.2.1 authorization requests, SAML 2.0
 * bindings' `SAMLRequest`, RFC 6749 §4.1.2.1 error responses) and what is common (the sign-in paths
 * of web frameworks and identity providers, `next`/`returnTo`-style return parameters). Pure.
 */

/** How a URL showed itself to be a sign-in page. */
export type SignInKind = "openid" | "oauth" | "saml" | "cas" | "path";

export interface SignInPage {
  kind: SignInKind;
  /** The return parameter the page carries (`next`, `returnTo`, `RelayState`…), or null. */
  returnParam: string | null;
}

/** Query parameters that tell a sign-in page where to send the person back. */
export const RETURN_PARAMS = ["next", "returnto", "return_to", "returnurl", "return_url", "redirect", "redirect_to", "redirect_uri", "redirecturl", "continue", "dest", "destination", "service", "relaystate", "samlrequest", "goto", "from", "came_from", "target", "success_url"];

/**
 * Path segments (or their ends) that name a sign-in page: Django (`/accounts/login/`, `/admin/login/`),
 * Rails/Devise (`/users/sign_in`), Laravel and Flask (`/login`), ASP.NET (`/Account/Login`),
 * WordPress (`/wp-login.php`), Keycloak (`/protocol/openid-connect/auth`), CAS (`/cas/login`),
 * ADFS (`/adfs/ls`), Okta/Auth0 (`/authorize`, `/u/login`), Spring (`/login`, `/oauth2/authorization/x`).
 */
const SIGN_IN_SEGMENT = /^(log-?in|log_in|sign-?in|sign_in|signon|logon|wp-login\.php|login\.(php|aspx|jsp|html?)|authenticate|authorize|auth)$/i;
/** Whole paths of identity providers' sign-in endpoints that end otherwise. */
const SIGN_IN_PATH = /\/(protocol\/openid-connect\/auth|oauth2?\/(v2\.0\/)?authorize|adfs\/ls|idp\/(profile\/)?saml2?\/|saml2?\/(sso|login)|cas\/login|interaction\/[^/]+$|u\/login)/i;
/** Segments that start a sign-in or sign-up, or end one (sign-out, a callback): a redirect from them is expected. */
const SIGN_IN_RELATED = /^(log-?in|log_in|sign-?in|sign_in|signon|logon|log-?out|log_out|sign-?out|sign_out|logoff|signoff|sign-?up|sign_up|register|auth|oauth2?|openid|oidc|sso|saml2?|cas|callback|authorize|authenticate|session|sessions|interaction|consent|wp-login\.php|login\.(php|aspx|jsp|html?)|\.auth)$/i;

function parse(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

const segments = (url: URL) => url.pathname.split("/").filter(Boolean).map((s) => decodeSegment(s));
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Lower-cased names of a URL's query parameters. */
const paramNames = (url: URL) => new Set([...url.searchParams.keys()].map((k) => k.toLowerCase()));

const QUERY_TASK = /^(_task|_action|action|task|page|do)$/i;
const QUERY_SIGN_IN = /^(log-?in|sign-?in|authenticate)$/i;

/** The sign-in page `raw` is, or null. */
export function recognizeSignInPage(raw: string): SignInPage | null {
  const url = parse(raw);
  if (!url) return null;
  const names = paramNames(url);
  const returnParam = RETURN_PARAMS.find((p) => names.has(p)) ?? null;
  const named = (p: string) => [...url.searchParams.keys()].find((k) => k.toLowerCase() === p) ?? p;
  if (names.has("samlrequest")) return { kind: "saml", returnParam: named(names.has("relaystate") ? "relaystate" : "samlrequest") };
  // An authorization request names the client, where to come back, and what it wants back.
  if (names.has("client_id") && names.has("response_type")) {
    const scope = url.searchParams.get("scope") ?? "";
    return { kind: /\bopenid\b/.test(scope) ? "openid" : "oauth", returnParam: names.has("redirect_uri") ? named("redirect_uri") : null };
  }
  // Sign-in forms addressed by their query: Roundcube's `?_task=login`, `?action=login`.
  if ([...url.searchParams].some(([k, v]) => QUERY_TASK.test(k) && QUERY_SIGN_IN.test(v))) return { kind: "path", returnParam: returnParam ? named(returnParam) : null };
  const last = segments(url).at(-1) ?? "";
  if (/^cas$/i.test(segments(url)[0] ?? "") && /^login$/i.test(last) && names.has("service")) return { kind: "cas", returnParam: named("service") };
  if (SIGN_IN_SEGMENT.test(last) || SIGN_IN_PATH.test(url.pathname) || /^new$/i.test(last) && /^sessions?$/i.test(segments(url).at(-2) ?? "")) {
    return { kind: "path", returnParam: returnParam ? named(returnParam) : null };
  }
  return null;
}

/**
 * Whether `raw` is part of signing in or out: a sign-in or sign-up page, a "Sign in with …"
 * starter, a sign-out address, an OAuth/OpenID/SAML callback. A redirect that starts there is the
 * sign-in at work, not a refusal.
 */
export function isSignInRelated(raw: string): boolean {
  const url = parse(raw);
  if (!url) return false;
  if (recognizeSignInPage(raw)) return true;
  if (oauthCallback(raw)) return true;
  return segments(url).some((s) => SIGN_IN_RELATED.test(s));
}

/** An OAuth/OpenID error response (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6): its code and description. */
export interface OAuthError {
  error: string;
  description: string | null;
}

/**
 * The OAuth/OpenID callback `raw` is: one with `state` and either `code` or `error` in its query or
 * fragment (RFC 6749 §4.1.2, §4.2.2). Null for anything else.
 */
export function oauthCallback(raw: string): { error: OAuthError | null } | null {
  const url = parse(raw);
  if (!url) return null;
  for (const params of [url.searchParams, new URLSearchParams(url.hash.slice(1))]) {
    const error = params.get("error");
    if (error !== null && /^[\x20-\x7e]{1,100}$/.test(error) && (params.has("state") || params.has("error_description") || params.has("error_uri"))) {
      return { error: { error: error.toLowerCase(), description: params.get("error_description")?.slice(0, 300) ?? null } };
    }
    if (params.has("state") && (params.has("code") || params.has("id_token") || params.has("access_token"))) return { error: null };
  }
  return null;
}
