// `Access-Control-Allow-Methods` and `-Headers` are lists of HTTP tokens (RFC 9110 §5.6.2).
// Chromium splits on ",", trims, drops empty elements, and fails the whole header on any
// element that is not a token (preflight_result.cc, ParseAccessControlAllowList).

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(value: string): boolean {
  return token.test(value);
}

export type TokenList = { ok: true; tokens: string[] } | { ok: false; badToken: string };

export function parseTokenList(value: string | null): TokenList {
  if (value === null) return { ok: true, tokens: [] };
  const tokens: string[] = [];
  for (const part of value.split(',')) {
    const element = part.replace(/^[\t ]+|[\t ]+$/g, '');
    if (element === '') continue;
    if (!isToken(element)) return { ok: false, badToken: element };
    tokens.push(element);
  }
  return { ok: true, tokens };
}
