/**
 * A SAML identity provider's answer, as the browser posts it to the service provider (HTTP-POST
 * binding, SAML 2.0 Bindings §3.5): the `<samlp:Status>` of its `SAMLResponse`, read so that a
 * refusal is named like an OAuth `error=` (SAML 2.0 Core §3.2.2.2). Nothing else of the assertion
 * is kept: no name, no attribute, no signature. Pure.
 */
import type { OAuthError } from "./sign-in-page";

const STATUS_PREFIX = "urn:oasis:names:tc:SAML:2.0:status:";
/** The most of a posted SAMLResponse read: a status is near its start. */
const MAX_RESPONSE = 64 * 1024;

/**
 * The provider's refusal in a base64 `SAMLResponse` as `{ error: "saml:NoPassive", description }`
 * (the second-level status code where there is one, else the top-level one); null for a success,
 * anything that does not read as a SAML response, or a deflated one (the Redirect binding).
 */
export function samlRefusal(samlResponse: string): OAuthError | null {
  let xml: string;
  try {
    const bytes = Uint8Array.from(atob(samlResponse.slice(0, MAX_RESPONSE * 2).replace(/\s+/g, "")), (c) => c.charCodeAt(0));
    xml = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, MAX_RESPONSE));
  } catch {
    return null;
  }
  if (!/<(\w+:)?Response[\s>]/.test(xml)) return null;
  const codes = [...xml.matchAll(/<(?:\w+:)?StatusCode\b[^>]*\bValue\s*=\s*["']([^"']{1,200})["']/g)].map((m) => m[1]!);
  const [top, second] = codes;
  if (!top || top === `${STATUS_PREFIX}Success`) return null;
  const name = (second ?? top).replace(STATUS_PREFIX, "").replace(/[^\w:.-]/g, "").slice(0, 60);
  const message = /<(?:\w+:)?StatusMessage\b[^>]*>([^<]{1,300})</.exec(xml)?.[1]?.trim() ?? null;
  return { error: `saml:${name}`, description: message };
}
