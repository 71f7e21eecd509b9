/** Parses a URL, or returns null: the analyzer never throws on what it was given. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The ASCII serialization of a URL's origin (`null` for opaque origins and bad URLs). */
export function originOf(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return 'null';
  return parsed.origin;
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
