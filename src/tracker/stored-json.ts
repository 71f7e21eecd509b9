// How the tracker's records and pairing entries are kept in storage.session: as JSON text.
// Chrome's extension bindings convert an object argument into the browser's value tree
// property by property, and storage.session counts that tree's estimated memory; a string is
// one copy and counts about its length. Measured in Debian Chromium 156 (350 exchange records
// of 1.7 KB in 50 `storage.session.set` calls): 40 ms of the worker's time as objects, 6 ms as
// JSON text. The text's length is also what the tracker's storage budget counts.

/** A value as it is written to storage. */
export function encodeStored(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * A stored value as it was written: JSON text parsed (null when it does not parse), a value
 * written as an object by an earlier version as it is.
 */
export function decodeStored(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}
