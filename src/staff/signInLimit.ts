/**
 * Sign-ins accepted per network address per minute, counted before any password is hashed, so a
 * flood of bogus sign-ins costs a lookup, not a hash. Built in the composition root (staffServices).
 */
import { createAttemptLimiter } from '../domain/attemptLimiter.js';
import type { Clock } from '../domain/clock.js';

export interface SignInLimit {
  /** Counts a sign-in from `address`; false (not counted) when the address is over its limit. */
  take(address: string): boolean;
}

export function createSignInLimit(perMinute: number, clock: Clock): SignInLimit {
  const limiter = createAttemptLimiter({ max: perMinute, windowMs: 60_000 });
  return {
    take(address) {
      const keys = [`address:${address}`];
      const now = clock.now();
      if (!limiter.allowed(keys, now)) return false;
      limiter.record(keys, now);
      return true;
    },
  };
}
