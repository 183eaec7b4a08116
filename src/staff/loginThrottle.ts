/**
 * Lock-out after repeated failed sign-ins, per user name (known or not, so probing names does not
 * tell which exist). Failures and locks are times in an AttemptLog: shared by every instance in
 * PostgreSQL, or this process's memory. A lock clears the failures, so once it runs out the
 * counting starts afresh; failures older than a day no longer count.
 */
import { memoryAttemptLog } from '../domain/attemptLimiter.js';
import type { AttemptLog } from '../domain/sharedState.js';

export interface LoginThrottle {
  /** Milliseconds until `name` may try again, or 0. */
  lockedFor(name: string, now: Date): Promise<number>;
  /** Records a failure; returns true when this failure locked the name. */
  fail(name: string, now: Date): Promise<boolean>;
  succeed(name: string): Promise<void>;
}

const FAILURES_KEPT_MS = 24 * 60 * 60_000;

export function createLoginThrottle(
  options: { attempts: number; minutes: number; maxNames?: number },
  log: AttemptLog = memoryAttemptLog(options.maxNames),
): LoginThrottle {
  const lockMs = options.minutes * 60_000;
  const failures = (name: string): string => `signin-failure:${name}`;
  const lock = (name: string): string => `signin-lock:${name}`;

  const lockedFor = async (name: string, now: Date): Promise<number> => {
    const locks = await log.recent(lock(name), now, lockMs);
    return locks.length === 0 ? 0 : Math.max(0, locks[locks.length - 1]! + lockMs - now.getTime());
  };

  return {
    lockedFor,
    async fail(name, now) {
      await log.add(failures(name), now, FAILURES_KEPT_MS);
      if ((await log.recent(failures(name), now, FAILURES_KEPT_MS)).length < options.attempts) return false;
      await log.add(lock(name), now, lockMs);
      await log.clear(failures(name));
      return true;
    },
    async succeed(name) {
      await log.clear(failures(name));
    },
  };
}
