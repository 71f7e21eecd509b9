import type { Header } from '../exchange/types';

// HTTP whitespace, trimmed by header-value normalization (Fetch §"normalize").
const httpWhitespace = /^[\t\n\r ]+|[\t\n\r ]+$/g;

function isHttpWhitespace(code: number | undefined): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

export function normalizeHeaderValue(value: string): string {
  // Most values need nothing: skip the regular expression then (it ran for every header read).
  if (
    !isHttpWhitespace(value.charCodeAt(0)) &&
    !isHttpWhitespace(value.charCodeAt(value.length - 1))
  )
    return value;
  return value.replace(httpWhitespace, '');
}

// Header names are ASCII tokens, compared ASCII case-insensitively (as Chromium does), without
// allocating lower-case copies of either name: these lookups were a fifth of the per-request
// analysis.
const asciiLower = (code: number) => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);

function isNamed(header: Header, wanted: string): boolean {
  const name = header.name;
  if (name.length !== wanted.length) return false;
  if (name === wanted) return true;
  // From the end: the CORS names share their first 21 characters (`access-control-allow-`).
  for (let i = name.length - 1; i >= 0; i--) {
    if (asciiLower(name.charCodeAt(i)) !== asciiLower(wanted.charCodeAt(i))) return false;
  }
  return true;
}

/** Every value of `name` (case-insensitive), in wire order, each normalized. */
export function headerValues(headers: readonly Header[], name: string): string[] {
  const values: string[] = [];
  for (const header of headers) {
    if (isNamed(header, name)) values.push(normalizeHeaderValue(header.value));
  }
  return values;
}

/** Fetch's "get": the values of `name` combined with ", ", or null when absent. */
export function getHeader(headers: readonly Header[], name: string): string | null {
  let combined: string | null = null;
  for (const header of headers) {
    if (!isNamed(header, name)) continue;
    const value = normalizeHeaderValue(header.value);
    combined = combined === null ? value : `${combined}, ${value}`;
  }
  return combined;
}

export function hasHeader(headers: readonly Header[], name: string): boolean {
  return headerIndex(headers, name) !== -1;
}

/** Where `name` first appears in the list, or -1. */
export function headerIndex(headers: readonly Header[], name: string): number {
  return headers.findIndex((header) => isNamed(header, name));
}
