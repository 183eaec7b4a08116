/**
 * The shared state of one process (the embedded store): turn locks in an in-process queue per
 * conversation, processed activities and attempt times in bounded, expiring maps. A second
 * instance would not see any of it: several instances need the PostgreSQL adapter.
 */
import { LRUCache } from 'lru-cache';
import { LockTimeoutError } from '../../domain/errors.js';
import { KeyedMutex } from '../../domain/keyedMutex.js';
import { memoryAttemptLog } from '../../domain/attemptLimiter.js';
import type { ActivityLedger, SharedState, TurnLocks } from '../../domain/sharedState.js';

export interface SharedStateOptions {
  /** How long a turn waits for its conversation's lock. Default 10 s. */
  lockWaitMs?: number;
  /** How long a processed activity id is remembered. Default 1 hour. */
  activityTtlMs?: number;
  /** Processed activity ids remembered at most (memory only). Default 100,000. */
  maxActivities?: number;
  /** Keys with attempts remembered at most (memory only). Default 10,000. */
  maxAttemptKeys?: number;
}

export const DEFAULT_LOCK_WAIT_MS = 10_000;
export const DEFAULT_ACTIVITY_TTL_MS = 60 * 60_000;

function memoryTurnLocks(lockWaitMs = DEFAULT_LOCK_WAIT_MS): TurnLocks {
  const mutex = new KeyedMutex();
  return {
    run: (key, task) => mutex.runWithin(key, lockWaitMs, task, () => new LockTimeoutError(key, lockWaitMs)),
  };
}

function memoryActivityLedger(ttlMs = DEFAULT_ACTIVITY_TTL_MS, max = 100_000): ActivityLedger {
  const seen = new LRUCache<string, 'processing' | 'done'>({ max, ttl: ttlMs });
  const keyOf = (scope: string, id: string): string => `${scope}\u0000${id}`;
  return {
    async claim(scope, id) {
      const key = keyOf(scope, id);
      if (seen.get(key) === 'done') return false;
      seen.set(key, 'processing');
      return true;
    },
    async complete(scope, id) {
      seen.set(keyOf(scope, id), 'done');
    },
    async release(scope, id) {
      seen.delete(keyOf(scope, id));
    },
  };
}

export function memorySharedState(options: SharedStateOptions = {}): SharedState {
  return {
    turnLocks: memoryTurnLocks(options.lockWaitMs),
    activities: memoryActivityLedger(options.activityTtlMs, options.maxActivities),
    attempts: memoryAttemptLog(options.maxAttemptKeys),
    close: async () => undefined,
  };
}
