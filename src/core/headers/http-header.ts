/** A header as webRequest reports it: `value` for text, `binaryValue` when it is not UTF-8. */
export interface HttpHeader {
  name: string;
  value?: string | undefined;
  binaryValue?: ArrayLike<number> | undefined;
}

/** Longest header value AuthLens looks at; a larger one is cut here so no parser sees it whole. */
export const MAX_HEADER_VALUE = 16 * 1024;

/** Every value of header `name` (case-insensitive), each cut at {@link MAX_HEADER_VALUE}. */
export function headerValues(headers: readonly HttpHeader[] | undefined, name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const header of headers ?? []) {
    if (header.name.toLowerCase() !== wanted) continue;
    const value = header.value ?? (header.binaryValue ? String.fromCharCode(...Array.from(header.binaryValue).slice(0, MAX_HEADER_VALUE)) : "");
    values.push(value.length > MAX_HEADER_VALUE ? value.slice(0, MAX_HEADER_VALUE) : value);
  }
  return values;
}

/** The first value of header `name`, or null. */
export function headerValue(headers: readonly HttpHeader[] | undefined, name: string): string | null {
  return headerValues(headers, name)[0] ?? null;
}
