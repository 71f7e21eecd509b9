/** Parses a URL, or returns null: the analyzer never throws on what it was given. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The parts of a parsed URL the analyzer reads: plain strings, so a cached copy is safe to share. */
export interface UrlParts {
  origin: string;
  protocol: string;
  host: string;
  href: string;
  pathname: string;
  search: string;
  hasUserinfo: boolean;
}

// The analyzer asks for the same few URLs' parts many times per exchange, and once per
// exchange again in the tracker; URL parsing dominated its profile. A small cache of strings.
const parsed = new Map<string, UrlParts | null>();

/** The parts of `url`, or null when it does not parse. */
export function urlParts(url: string): UrlParts | null {
  const cached = parsed.get(url);
  if (cached !== undefined) return cached;
  const u = parseUrl(url);
  const parts = u && {
    origin: u.origin,
    protocol: u.protocol,
    host: u.host,
    href: u.href,
    pathname: u.pathname,
    search: u.search,
    hasUserinfo: u.username !== '' || u.password !== '',
  };
  if (parsed.size > 2000) parsed.clear();
  if (url.length < 2048) parsed.set(url, parts);
  return parts;
}

/** The ASCII serialization of a URL's origin (`null` for opaque origins and bad URLs). */
export function originOf(url: string): string {
  return urlParts(url)?.origin ?? 'null';
}

export function isHttpScheme(url: string): boolean {
  const scheme = urlParts(url)?.protocol;
  return scheme === 'http:' || scheme === 'https:';
}

export function hasUserinfo(url: string): boolean {
  return urlParts(url)?.hasUserinfo ?? false;
}

/** Host and path, for lists where the whole URL is too long. */
export function hostAndPath(url: string): string {
  const parts = urlParts(url);
  return parts ? `${parts.host}${parts.pathname}${parts.search}` : url;
}
