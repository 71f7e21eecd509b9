import type { Header } from '../exchange/types';

// HTTP whitespace, trimmed by header-value normalization (Fetch §"normalize").
const httpWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

export function normalizeHeaderValue(value: string): string {
  return value.replace(httpWhitespace, '');
}

/** Every value of `name` (case-insensitive), in wire order, each normalized. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const header of headers) {
    if (header.name.toLowerCase() === wanted) values.push(normalizeHeaderValue(header.value));
  }
  return values;
}

/** Fetch's "get": the values of `name` combined with ", ", or null when absent. */
export function getHeader(headers: readonly Header[], name: string): string | null {
  const values = headerValues(headers, name);
  return values.length === 0 ? null : values.join(', ');
}

export function hasHeader(headers: readonly Header[], name: string): boolean {
  const wanted = name.toLowerCase();
  return headers.some((header) => header.name.toLowerCase() === wanted);
}
