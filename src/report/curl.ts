// "Copy as curl": the preflight and the actual request exactly as the browser sent them.
// Every value is single-quoted for POSIX shells, so no header value can run a command.

import type { Exchange, Header } from '../exchange/types';
import { getHeader } from '../http/header-list';

/** POSIX single-quoting: 'it'\''s' — nothing inside is interpreted. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

// curl computes these itself; sending them verbatim would break the request.
const skipped = new Set(['content-length', 'host', 'connection', 'accept-encoding']);

function headerFlags(headers: readonly Header[]): string[] {
  return headers
    .filter((h) => !skipped.has(h.name.toLowerCase()))
    .map((h) => `-H ${shellQuote(`${h.name}: ${h.value}`)}`);
}

export function preflightCurl(exchange: Exchange): string | null {
  const preflight = exchange.preflight;
  if (!preflight) return null;
  const url = preflight.url ?? exchange.request.url;
  const headers = preflight.requestHeaders.length
    ? preflight.requestHeaders
    : [
        { name: 'Origin', value: exchange.request.origin },
        { name: 'Access-Control-Request-Method', value: exchange.request.method },
      ];
  return ['curl -i -X OPTIONS', shellQuote(url), ...headerFlags(headers)].join(' \\\n  ');
}

export function requestCurl(exchange: Exchange): string {
  const { request } = exchange;
  let headers = request.headers;
  const notes: string[] = [];
  if (headers.length === 0) {
    // Never sent (its preflight failed): rebuild what the browser would have sent.
    headers = [{ name: 'Origin', value: request.origin }];
    const asked = getHeader(
      exchange.preflight?.requestHeaders ?? [],
      'access-control-request-headers',
    );
    for (const name of (asked ?? '').split(',').filter(Boolean))
      headers.push({ name, value: '<value not observed>' });
    notes.push(
      '# The browser never sent this request (its preflight failed); header values were not observed.',
    );
  }
  const method = request.method === 'GET' ? [] : [`-X ${shellQuote(request.method)}`];
  return [
    ...notes,
    ['curl -i', ...method, shellQuote(request.url), ...headerFlags(headers)].join(' \\\n  '),
  ].join('\n');
}
