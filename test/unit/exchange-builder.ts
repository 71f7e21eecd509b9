// Compact builders for hand-written exchanges in unit tests.
import type { Exchange, Header, ObservedPreflight } from '../../src/exchange/types';

export const page = 'https://app.example.com';
export const api = 'https://api.example.com/v1/items';

export function h(...pairs: [string, string][]): Header[] {
  return pairs.map(([name, value]) => ({ name, value }));
}

export function preflight(
  asked: { method: string; headers?: string },
  status: number,
  ...headers: [string, string][]
): ObservedPreflight {
  const requestHeaders = h(['Origin', page], ['Access-Control-Request-Method', asked.method]);
  if (asked.headers)
    requestHeaders.push({ name: 'Access-Control-Request-Headers', value: asked.headers });
  return { url: api, requestHeaders, status, headers: h(...headers) };
}

export function exchange(
  partial: Partial<Exchange> & { method?: string; requestHeaders?: [string, string][] } = {},
): Exchange {
  const { method = 'GET', requestHeaders = [], ...rest } = partial;
  return {
    request: {
      method,
      url: api,
      origin: page,
      headers: h(...requestHeaders),
      ...(partial.request ?? {}),
    },
    ...rest,
  };
}

export const ok = (...headers: [string, string][]) => ({
  url: api,
  status: 200,
  headers: h(...headers),
});
