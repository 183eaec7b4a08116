/**
 * A map with a size bound and an idle time-to-live, for per-conversation channel memory (offered
 * choices, keypad digits, Direct Line conversations): lru-cache, with the options named as the
 * channel layer uses them. Entries unused for `ttlMs` are dropped, and past `maxEntries` the least
 * recently used entry goes. Single-process by design.
 */
import { LRUCache } from 'lru-cache';

export interface BoundedMapOptions {
  maxEntries?: number;
  ttlMs?: number;
  /** Milliseconds clock (tests move it). */
  now?: () => number;
}

export class BoundedMap<K extends NonNullable<unknown>, V extends NonNullable<unknown>> extends LRUCache<K, V> {
  constructor(options: BoundedMapOptions = {}) {
    super({
      max: options.maxEntries ?? 10_000,
      ttl: options.ttlMs ?? 60 * 60_000,
      // Idle time-to-live: a read counts as use.
      updateAgeOnGet: true,
      ...(options.now ? { perf: { now: options.now } } : {}),
    });
  }
}
