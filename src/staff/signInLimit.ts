/**
 * Sign-ins accepted per network address per minute, counted before any password is hashed, so a
 * flood of bogus sign-ins costs a lookup, not a hash. Counted in the attempt log every instance
 * shares (PostgreSQL) or in this process. Built in the composition root (staffServices).
 */
import { createRateLimit } from '../domain/attemptLimiter.js';
import type { Clock } from '../domain/clock.js';
import type { AttemptLog } from '../domain/sharedState.js';

export interface SignInLimit {
  /** Counts a sign-in from `address`; false (not counted) when the address is over its limit. */
  take(address: string): Promise<boolean>;
}

export function createSignInLimit(perMinute: number, clock: Clock, log?: AttemptLog): SignInLimit {
  const rate = createRateLimit(perMinute, 'signin', log);
  return { take: (address) => rate.take(`address:${address}`, clock.now()) };
}
