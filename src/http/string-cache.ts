/**
 * A small cache keyed by string, for the strings the analyzer reads in several checks of one
 * verdict (URLs, redirect targets) and the tracker sees again and again. Emptied when full;
 * long keys are never kept, so hostile input cannot grow it.
 */
export class StringCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly maxKeyLength = 2048,
    private readonly maxEntries = 2000,
  ) {}

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` under `key` when the key is short enough, and returns it. */
  set(key: string, value: T): T {
    if (this.entries.size > this.maxEntries) this.entries.clear();
    if (key.length < this.maxKeyLength) this.entries.set(key, value);
    return value;
  }
}
