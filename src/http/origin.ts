import { StringCache } from './string-cache';

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

/** What the CORS checks read of a URL: who it belongs to. */
export type Authority = Pick<UrlParts, 'origin' | 'protocol' | 'host' | 'hasUserinfo'>;

// Each URL is parsed once: the analyzer reads it in several checks, the tracker sees the same
// endpoints again and again.
const parsed = new StringCache<UrlParts | null>();

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
  return parsed.set(url, parts);
}

// Most URLs the tracker sees are plain http(s) URLs with a lowercase host name or a dotted-quad
// IPv4 address, and URL parsing was the largest part of its per-request analysis. Those are
// read here without the parser; everything else goes to it: userinfo, upper case, IPv6,
// percent-encoding, backslashes, `xn--` labels (IDNA checks them), numeric hosts that are not
// canonical dotted quads (the parser rewrites or rejects them), ports with leading zeros or
// beyond 65535. A property test holds this equal to the WHATWG parser.
const plainHttpUrl = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9]\d{0,4}))?(?=[/?#]|$)/;
const numericLabel = /^(?:\d+|0x[0-9a-f]*)$/;
const dottedQuad =
  /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const defaultPorts: Record<string, string> = { http: '80', https: '443' };

function plainAuthority(url: string): Authority | null {
  const match = plainHttpUrl.exec(url);
  if (!match) return null;
  const [, scheme = '', hostname = '', port] = match;
  if (hostname.startsWith('xn--') || hostname.includes('.xn--')) return null;
  const lastLabel = hostname.slice(hostname.lastIndexOf('.') + 1);
  if (numericLabel.test(lastLabel) && !dottedQuad.test(hostname)) return null;
  if (port !== undefined && Number(port) > 65535) return null;
  const host =
    port === undefined || port === defaultPorts[scheme] ? hostname : `${hostname}:${port}`;
  return { origin: `${scheme}://${host}`, protocol: `${scheme}:`, host, hasUserinfo: false };
}

const authorities = new StringCache<Authority | null>();

/** Origin, scheme, host and userinfo of `url`, or null when it does not parse. */
export function authorityOf(url: string): Authority | null {
  const cached = authorities.get(url);
  if (cached !== undefined) return cached;
  return authorities.set(url, plainAuthority(url) ?? urlParts(url));
}

/** The ASCII serialization of a URL's origin (`null` for opaque origins and bad URLs). */
export function originOf(url: string): string {
  return authorityOf(url)?.origin ?? 'null';
}

export function isHttpScheme(url: string): boolean {
  const scheme = authorityOf(url)?.protocol;
  return scheme === 'http:' || scheme === 'https:';
}

export function hasUserinfo(url: string): boolean {
  return authorityOf(url)?.hasUserinfo ?? false;
}

/** Host and path, for lists where the whole URL is too long. */
export function hostAndPath(url: string): string {
  const parts = urlParts(url);
  return parts ? `${parts.host}${parts.pathname}${parts.search}` : url;
}
