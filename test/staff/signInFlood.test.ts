import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaffBot, type StaffBot } from './staffSupport.js';
import { HASH_CONCURRENCY, hashingStats } from '../../src/staff/passwords.js';

/** Issue 14, item 6: a flood of sign-ins cannot starve the bot. */
describe('a sign-in flood', () => {
  let s: StaffBot;
  beforeAll(async () => {
    s = await startStaffBot({ STAFF_SIGNIN_PER_MINUTE: '8' });
  });
  afterAll(() => s.stop());

  it('when 32 bogus sign-ins arrive at once, then at most a few are hashed, the rest refused before hashing, and the bot answers', async () => {
    const before = hashingStats().peak;
    const flood = Array.from({ length: 32 }, (_, i) => s.signIn(`nobody-${i}`, 'wrong password'));
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    const statuses = await Promise.all(flood.map(async (r) => (await r).status));
    // Eight a minute from this address, two of them spent signing the suite's users in.
    expect(statuses.filter((x) => x === 401)).toHaveLength(6);
    expect(statuses.filter((x) => x === 429)).toHaveLength(26);
    expect(Math.max(before, hashingStats().peak)).toBeLessThanOrEqual(HASH_CONCURRENCY);
    expect(hashingStats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it('when the address is throttled, then even the right password waits', async () => {
    const res = await s.signIn('manny', 'correct horse battery staple');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('60');
  });
});

describe('the password hashing queue', () => {
  it('when more checks arrive than may wait, then the extra ones are refused as busy and the rest all finish', async () => {
    const { hashPassword, verifyPassword, HashingBusyError, HASH_QUEUE } = await import('../../src/staff/passwords.js');
    const stored = await hashPassword('some long password');
    const results = await Promise.allSettled(
      Array.from({ length: HASH_CONCURRENCY + HASH_QUEUE + 6 }, () => verifyPassword('wrong password!', stored)),
    );
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof HashingBusyError)).toHaveLength(6);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === false)).toHaveLength(HASH_CONCURRENCY + HASH_QUEUE);
    expect(hashingStats()).toMatchObject({ running: 0, waiting: 0 });
    expect(hashingStats().peak).toBeLessThanOrEqual(HASH_CONCURRENCY);
  });

  it('when a stored hash asks for an enormous cost, then it is refused without hashing', async () => {
    const { verifyPassword } = await import('../../src/staff/passwords.js');
    expect(await verifyPassword('x', `scrypt:${2 ** 24}:8:1:c2FsdA==:aGFzaA==`)).toBe(false);
  });
});
