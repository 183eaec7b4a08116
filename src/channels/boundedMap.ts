/**
 * A Map with a size bound and an idle time-to-live, for per-conversation channel memory (offered
 * choices, keypad digits, silence counts, Direct Line conversations). Entries unused for `ttlMs` are
 * dropped, and past `maxEntries` the least recently used entry goes. Single-process by design.
 */
export interface BoundedMapOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
}

export class BoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; touched: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: BoundedMapOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value, refreshed as recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const now = this.now();
    if (now - entry.touched > this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert so Map order stays least-recently-used first.
    this.entries.delete(key);
    entry.touched = now;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, touched: this.now() });
    this.sweep();
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.touched <= this.ttlMs) break;
      this.entries.delete(key);
    }
  }
}
