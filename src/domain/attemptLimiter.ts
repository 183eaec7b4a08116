/**
 * Counts attempts per key in a sliding window and says when a key has had too many: guessing
 * callback references, signing in. The times live in an AttemptLog — shared by every instance in
 * PostgreSQL, or this process's bounded memory (`memoryAttemptLog`, the default) — so a limit holds
 * however the load balancer spreads the attempts.
 */
import type { AttemptLog } from './sharedState.js';

export interface AttemptLimiter {
  /** Whether every key may try now (none has reached the limit). */
  allowed(keys: readonly string[], now: Date): Promise<boolean>;
  /** Records an attempt against every key. */
  record(keys: readonly string[], now: Date): Promise<void>;
  /** Forgets a key (a success). */
  clear(key: string): Promise<void>;
}

export interface AttemptLimits {
  /** Attempts allowed per key within `windowMs` (a function: per kind of key). */
  max: number | ((key: string) => number);
  windowMs: number;
  /** Keys remembered at most by the default in-memory log. */
  maxKeys?: number;
  /** Names this limiter's keys apart from other limiters sharing one log. */
  scope?: string;
}

export function createAttemptLimiter(limits: AttemptLimits, log?: AttemptLog): AttemptLimiter {
  const times = log ?? memoryAttemptLog(limits.maxKeys);
  const maxOf = (key: string): number => (typeof limits.max === 'number' ? limits.max : limits.max(key));
  const scoped = (key: string): string => (limits.scope ? `${limits.scope}:${key}` : key);

  return {
    async allowed(keys, now) {
      for (const key of keys) {
        if ((await times.recent(scoped(key), now, limits.windowMs)).length >= maxOf(key)) return false;
      }
      return true;
    },
    async record(keys, now) {
      for (const key of keys) await times.add(scoped(key), now, limits.windowMs);
    },
    clear: (key) => times.clear(scoped(key)),
  };
}

/** A rate per key: `take` counts one attempt and says whether the key was still under its limit. */
export interface RateLimit {
  take(key: string, now: Date): Promise<boolean>;
}

/** At most `perMinute` attempts per key in any minute; an attempt over the limit is not counted. */
export function createRateLimit(perMinute: number, scope: string, log?: AttemptLog): RateLimit {
  const limiter = createAttemptLimiter({ max: perMinute, windowMs: 60_000, scope }, log);
  return {
    async take(key, now) {
      if (!(await limiter.allowed([key], now))) return false;
      await limiter.record([key], now);
      return true;
    },
  };
}

/**
 * Attempt times in this process's memory: past `maxKeys` the least recently used key is forgotten,
 * and one key keeps at most 500 times (no limit counts more).
 */
export function memoryAttemptLog(maxKeys = 10_000): AttemptLog {
  const byKey = new Map<string, { at: number; until: number }[]>();
  return {
    async recent(key, now, windowMs) {
      const t = now.getTime();
      return (byKey.get(key) ?? []).filter((a) => a.at > t - windowMs && a.at <= t).map((a) => a.at);
    },
    async add(key, now, windowMs) {
      const t = now.getTime();
      const kept = (byKey.get(key) ?? []).filter((a) => a.until > t);
      kept.push({ at: t, until: t + windowMs });
      byKey.delete(key); // re-insert: the map stays ordered by last attempt
      byKey.set(key, kept.slice(-500));
      if (byKey.size > maxKeys) byKey.delete(byKey.keys().next().value!);
    },
    async clear(key) {
      byKey.delete(key);
    },
  };
}
