import { getDomain } from "tldts";

/**
 * The registrable domain ("site") of a URL, from the Public Suffix List:
 * `https://app.example.co.uk/x` → `example.co.uk`. IP addresses and hosts with no public suffix
 * (localhost, intranet names) are their own site. Null for URLs with no host.
 */
export function registrableDomain(url: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null;
  }
  if (!hostname) return null;
  return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname.replace(/^\[|\]$/g, "");
}
