// Redaction for exports: credentials and secrets never leave in a report unless the user
// asks. Cookies, Authorization and the like are replaced by a marker saying what was removed;
// token-like values in other headers and in URL query strings too.

import { mapExchange } from '../exchange/map-exchange';
import type { Exchange, Header } from '../exchange/types';

const secretHeaders = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
const secretNames =
  /(token|secret|key|password|passwd|pwd|session|auth|signature|sig|credential|jwt|code)/i;
const jwt = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}$/;
const bearer = /^(bearer|basic|token)\s+\S+/i;

export function redactionMarker(what: string, length: number): string {
  return `[redacted ${what}, ${length} characters]`;
}

function looksLikeSecret(value: string): boolean {
  return (
    jwt.test(value) ||
    bearer.test(value) ||
    (/^[A-Za-z0-9+/_=-]{32,}$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value))
  );
}

export function redactHeader(header: Header): Header {
  const lower = header.name.toLowerCase();
  if (secretHeaders.has(lower))
    return { name: header.name, value: redactionMarker(lower, header.value.length) };
  if (
    (secretNames.test(lower) &&
      !lower.startsWith('access-control-') &&
      !lower.startsWith('sec-')) ||
    looksLikeSecret(header.value)
  ) {
    return {
      name: header.name,
      value: redactionMarker('secret-looking value', header.value.length),
    };
  }
  return header;
}

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  let changed = false;
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? 'redacted' : '';
    parsed.password = parsed.password ? 'redacted' : '';
    changed = true;
  }
  for (const [name, value] of [...parsed.searchParams]) {
    if (secretNames.test(name) || looksLikeSecret(value)) {
      parsed.searchParams.set(name, `[redacted ${value.length} characters]`);
      changed = true;
    }
  }
  return changed ? parsed.href : url;
}

const redactHeaders = (headers: Header[]) => headers.map(redactHeader);

export function redactExchange(exchange: Exchange): Exchange {
  return mapExchange(exchange, redactUrl, redactHeaders);
}
