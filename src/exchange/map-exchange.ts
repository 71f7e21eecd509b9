import type { Exchange, Header } from './types';

/** A copy of an exchange with every URL and every header list passed through the given functions. */
export function mapExchange(
  exchange: Exchange,
  mapUrl: (url: string) => string,
  mapHeaders: (headers: Header[]) => Header[],
): Exchange {
  const preflight = (p: Exchange['preflight']) =>
    p
      ? {
          ...p,
          ...(p.url ? { url: mapUrl(p.url) } : {}),
          requestHeaders: mapHeaders(p.requestHeaders),
          headers: mapHeaders(p.headers),
        }
      : null;
  return {
    ...exchange,
    request: {
      ...exchange.request,
      url: mapUrl(exchange.request.url),
      headers: mapHeaders(exchange.request.headers),
    },
    preflight: preflight(exchange.preflight),
    response: exchange.response
      ? {
          ...exchange.response,
          ...(exchange.response.url ? { url: mapUrl(exchange.response.url) } : {}),
          headers: mapHeaders(exchange.response.headers),
        }
      : null,
    redirects: (exchange.redirects ?? []).map((r) => ({
      ...r,
      url: mapUrl(r.url),
      headers: mapHeaders(r.headers),
      preflight: preflight(r.preflight),
    })),
  };
}
