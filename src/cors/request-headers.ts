// Which request headers make a request need a preflight: Fetch §2.2.2
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header and
// https://fetch.spec.whatwg.org/#forbidden-request-header, with Chromium's additions
// (cors.cc IsCorsSafelistedHeader, net::HttpUtil::IsSafeHeader).

import type { Header } from '../exchange/types';

// Forbidden names: the page cannot set them, so they never appear in
// Access-Control-Request-Headers. `user-agent` is on Chromium's list (not the spec's) and
// the browser adds it to every request.
const forbiddenNames = new Set([
  'accept-charset',
  'accept-encoding',
  'access-control-request-headers',
  'access-control-request-method',
  'access-control-request-private-network',
  'connection',
  'content-length',
  'cookie',
  'cookie2',
  'date',
  'dnt',
  'expect',
  'host',
  'keep-alive',
  'origin',
  'referer',
  'set-cookie',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'via',
]);

export function isForbiddenRequestHeaderName(name: string): boolean {
  return isForbiddenLowerCaseName(name.toLowerCase());
}

function isForbiddenLowerCaseName(lower: string): boolean {
  return forbiddenNames.has(lower) || lower.startsWith('proxy-') || lower.startsWith('sec-');
}

// https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
function hasUnsafeByte(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
    if ('"():<>?@[\\]{}'.includes(value[i] ?? '')) return true;
  }
  return false;
}

const languageValue = /^[0-9A-Za-z *,\-.;=]*$/;
const safelistedMimeEssences = new Set([
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
]);
// Chromium safelists these client hints too (value-checked there; any clean value here).
const clientHints = new Set([
  'device-memory',
  'dpr',
  'width',
  'viewport-width',
  'rtt',
  'downlink',
  'ect',
  'save-data',
]);

function mimeEssence(value: string): string | null {
  const essence = (value.split(';')[0] ?? '').trim().toLowerCase();
  return /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(essence) ? essence : null;
}

// https://fetch.spec.whatwg.org/#simple-range-header-value; Chromium lower-cases first.
function isSimpleRange(value: string): boolean {
  const match = /^bytes=(\d+)-(\d*)$/.exec(value.toLowerCase());
  if (!match) return false;
  return match[2] === '' || Number(match[1]) <= Number(match[2]);
}

/** UTF-8 length without encoding (the analyzer calls this for every header). */
export function byteLength(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export function isSafelistedRequestHeader(name: string, value: string): boolean {
  return isSafelistedLowerCaseHeader(name.toLowerCase(), value);
}

function isSafelistedLowerCaseHeader(lower: string, value: string): boolean {
  if (byteLength(value) > 128) return false;
  switch (lower) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return languageValue.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = mimeEssence(value);
      return essence !== null && safelistedMimeEssences.has(essence);
    }
    case 'range':
      return isSimpleRange(value);
    default:
      return clientHints.has(lower) && !hasUnsafeByte(value);
  }
}

/**
 * https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names: lower-cased, sorted,
 * without duplicates; every safelisted header too once their values pass 1024 bytes.
 */
export function corsUnsafeRequestHeaderNames(headers: readonly Header[]): string[] {
  const unsafe = new Set<string>();
  const safelisted: string[] = [];
  let safelistedBytes = 0;
  for (const { name, value } of headers) {
    // Lower-cased once: the tracker runs this over every request's dozen headers.
    const lower = name.toLowerCase();
    if (isForbiddenLowerCaseName(lower)) continue;
    if (isSafelistedLowerCaseHeader(lower, value)) {
      safelisted.push(lower);
      safelistedBytes += byteLength(value);
    } else {
      unsafe.add(lower);
    }
  }
  if (safelistedBytes > 1024) for (const name of safelisted) unsafe.add(name);
  return [...unsafe].sort();
}

/** Parses `Access-Control-Request-Headers` as the browser sent it (lower-case, comma-joined). */
export function parseRequestHeadersList(value: string | null): string[] {
  if (value === null) return [];
  return value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}
