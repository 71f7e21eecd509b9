/** Parses a URL, or returns null: the analyzer never throws on what it was given. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

// The analyzer asks for the same few URLs' origins many times per exchange; URL parsing
// dominated its profile. Strings in, strings out: a small cache is safe.
const origins = new Map<string, string>();

/** The ASCII serialization of a URL's origin (`null` for opaque origins and bad URLs). */
export function originOf(url: string): string {
  const cached = origins.get(url);
  if (cached !== undefined) return cached;
  const origin = parseUrl(url)?.origin ?? 'null';
  if (origins.size > 2000) origins.clear();
  if (url.length < 2048) origins.set(url, origin);
  return origin;
}

export function isHttpScheme(url: string): boolean {
  const scheme = parseUrl(url)?.protocol;
  return scheme === 'http:' || scheme === 'https:';
}

export function hasUserinfo(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.username !== '' || parsed.password !== '');
}

/** Host and path, for lists where the whole URL is too long. */
export function hostAndPath(url: string): string {
  const parsed = parseUrl(url);
  return parsed ? `${parsed.host}${parsed.pathname}${parsed.search}` : url;
}
