/** Query parameters whose values are secrets often enough that AuthLens never keeps them. */
const SECRET_PARAM = /token|secret|password|passwd|pwd|key|code|auth|session|sid|signature|sig|credential|jwt|state|nonce|samlrequest|samlresponse|ticket/i;

/**
 * The URL as AuthLens stores and shows it: user-info removed, and the values of
 * secret-looking query parameters (OAuth `code`, `access_token`, `api_key`, …) replaced.
 * A string that is not a URL comes back cut short, never thrown on.
 */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.slice(0, 200);
  }
  url.username = "";
  url.password = "";
  for (const name of new Set(url.searchParams.keys())) {
    if (SECRET_PARAM.test(name)) url.searchParams.set(name, "REDACTED");
  }
  if (/access_token|id_token|token=/i.test(url.hash)) url.hash = "#REDACTED";
  return url.href.length > 2048 ? url.href.slice(0, 2048) : url.href;
}
