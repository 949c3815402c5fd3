/** A URL as the popup shows it: host, path and query, without the scheme; anything unparsable as it is. */
export function shortUrl(url: string): string {
  try {
    const { host, pathname, search } = new URL(url);
    return host + pathname + search;
  } catch {
    return url;
  }
}
