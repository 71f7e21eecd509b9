// String literals for the languages the fixes are written in. Policy values are already
// restricted to origin and token characters (policy.ts), so escaping here is a second
// line of defence, not the only one.

/** A double-quoted literal in JS, Python, Go, Java, C#, Ruby, nginx and Caddy. */
export function dq(value: string): string {
  return `"${value.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}

/** A single-quoted PHP or JS literal. */
export function sq(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

export function list(values: readonly string[], quote: (v: string) => string = dq): string {
  return values.map(quote).join(', ');
}

/** A regex that matches exactly `value` (PCRE / POSIX ERE, as Apache's SetEnvIf uses). */
export function exactRegex(value: string): string {
  return `^${value.replace(/[\\^$.*+?()[\]{}|]/g, (c) => `\\${c}`)}$`;
}

/** The header value lists the hand-written configs send. */
export function headerList(values: readonly string[]): string {
  return values.join(', ');
}

/** The request path if it is plain enough to scope a web-server block to, else `/`. */
export function configPath(path: string): string {
  return /^\/[A-Za-z0-9._~/-]{0,200}$/.test(path) && !path.includes('..') ? path : '/';
}
