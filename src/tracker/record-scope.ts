// "Record only requests to …": the servers a developer is debugging, as webRequest URL match
// patterns for the listeners' filter, so requests to every other server are not even
// dispatched to CORS Lens (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).

export const recordScopeLimits = { entries: 20, entryLength: 200 };

export interface RecordScope {
  /** Match patterns for the listeners; empty: every server. */
  patterns: string[];
  /** Entries that are not a server (shown back to the user, ignored). */
  invalid: string[];
}

// A host name, or `*.` and a host name; an IPv6 literal in brackets.
const hostPattern =
  /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$|^\[[0-9a-f:.]+\]$/;

/** One entry (`https://api.example.com`, `localhost:8080`, `*.example.com`) as a pattern. */
export function scopePattern(entry: string): string | null {
  const text = entry.trim().toLowerCase();
  const match = /^(?:(https?):\/\/)?([^/:]+|\[[^\]]+\])(?::(\d{1,5}))?\/?$/.exec(text);
  if (!match) return null;
  const [, scheme, host = '', port] = match;
  if (!hostPattern.test(host)) return null;
  if (port !== undefined && Number(port) > 65535) return null;
  return `${scheme ?? '*'}://${host}${port === undefined ? '' : `:${port}`}/*`;
}

/** The entries of what the user typed (comma, space or line separated). */
export function scopeEntries(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The user's entries as listener patterns. */
export function recordScope(entries: readonly string[]): RecordScope {
  const patterns = new Set<string>();
  const invalid: string[] = [];
  for (const entry of entries.flatMap(scopeEntries)) {
    const pattern = scopePattern(entry);
    if (pattern) patterns.add(pattern);
    else invalid.push(entry);
  }
  return { patterns: [...patterns], invalid };
}
