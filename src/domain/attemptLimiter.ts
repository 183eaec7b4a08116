/**
 * Counts attempts per key in a sliding window and says when a key has had too many: guessing
 * callback references, signing in. Memory is bounded: past `maxKeys` the least recently used key
 * is forgotten. Kept in memory, per process.
 */
export interface AttemptLimiter {
  /** Whether every key may try now (none has reached the limit). */
  allowed(keys: readonly string[], now: Date): boolean;
  /** Records an attempt against every key. */
  record(keys: readonly string[], now: Date): void;
  /** Forgets a key (a success). */
  clear(key: string): void;
}

export interface AttemptLimits {
  /** Attempts allowed per key within `windowMs` (a function: per kind of key). */
  max: number | ((key: string) => number);
  windowMs: number;
  maxKeys?: number;
}

export function createAttemptLimiter(limits: AttemptLimits): AttemptLimiter {
  const byKey = new Map<string, number[]>();
  const maxKeys = limits.maxKeys ?? 10_000;
  const maxOf = (key: string): number => (typeof limits.max === 'number' ? limits.max : limits.max(key));

  const recent = (key: string, now: number): number[] => {
    const times = (byKey.get(key) ?? []).filter((t) => now - t < limits.windowMs);
    if (times.length === 0) byKey.delete(key);
    return times;
  };

  return {
    allowed: (keys, now) => keys.every((key) => recent(key, now.getTime()).length < maxOf(key)),
    record(keys, now) {
      for (const key of keys) {
        const times = recent(key, now.getTime());
        times.push(now.getTime());
        byKey.delete(key); // re-insert: the map stays ordered by last attempt
        byKey.set(key, times.slice(-maxOf(key)));
        if (byKey.size > maxKeys) byKey.delete(byKey.keys().next().value!);
      }
    },
    clear: (key) => void byKey.delete(key),
  };
}
