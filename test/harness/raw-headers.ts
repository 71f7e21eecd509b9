import type { Header } from '../../src/exchange/types';

/** Parses a raw HTTP/1.1 response head ("HTTP/1.1 200 OK\r\nName: value\r\n...") keeping order and duplicates. */
export function parseHeadersText(text: string): Header[] {
  const headers: Header[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return headers;
}

/** CDP's header objects join repeated headers with "\n". */
export function headersFromObject(object: Record<string, string> | undefined): Header[] {
  const headers: Header[] = [];
  for (const [name, value] of Object.entries(object ?? {})) {
    for (const part of value.split('\n')) headers.push({ name, value: part });
  }
  return headers;
}
