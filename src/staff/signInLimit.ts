/**
 * Sign-ins accepted per network address per minute, counted before any password is hashed, so a
 * flood of bogus sign-ins costs a lookup, not a hash. Counted in the attempt log every instance
 * shares (PostgreSQL) or in this process. Built in the composition root (staffServices).
 */
import { createAttemptLimiter } from '../domain/attemptLimiter.js';
import type { Clock } from '../domain/clock.js';
import type { AttemptLog } from '../domain/sharedState.js';

export interface SignInLimit {
  /** Counts a sign-in from `address`; false (not counted) when the address is over its limit. */
  take(address: string): Promise<boolean>;
}

export function createSignInLimit(perMinute: number, clock: Clock, log?: AttemptLog): SignInLimit {
  const limiter = createAttemptLimiter({ max: perMinute, windowMs: 60_000, scope: 'signin' }, log);
  return {
    async take(address) {
      const keys = [`address:${address}`];
      const now = clock.now();
      if (!(await limiter.allowed(keys, now))) return false;
      await limiter.record(keys, now);
      return true;
    },
  };
}
