/**
 * Password hashing with node:crypto scrypt. The stored form carries its own parameters
 * (`scrypt:N:r:p:salt:hash`), so they can be raised later without breaking existing accounts.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../domain/errors.js';

const DEFAULTS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
/** Shortest password accepted for a new account. */
export const MIN_PASSWORD_LENGTH = 10;

/** Largest cost accepted from a stored hash: a hash file cannot make one check take minutes. */
const MAX_N = 2 ** 17;

/**
 * scrypt runs on libuv's thread pool (4 threads by default), which file reads, writes and syncs
 * share. However many sign-ins arrive, at most {@link HASH_CONCURRENCY} hash at once and at most
 * {@link HASH_QUEUE} wait; past that a sign-in is refused as busy. Process-wide on purpose: the
 * pool it protects is.
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE = 8;
let running = 0;
let peak = 0;
const waiting: (() => void)[] = [];

/** Refused because too many hashes are waiting. */
export class HashingBusyError extends AppError {
  constructor() {
    super('hashing_busy', 'too many sign-ins at once; try again in a moment');
  }
}

/** Hashes running and waiting now, and the most ever run at once (for tests and the bench). */
export const hashingStats = (): { running: number; waiting: number; peak: number } => ({
  running,
  waiting: waiting.length,
  peak,
});

async function queued<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE) throw new HashingBusyError();
    // The finishing hash hands its slot over: `running` stays as it is.
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  peak = Math.max(peak, running);
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return queued(() => deriveNow(password, salt, options, length));
}

function deriveNow(password: string, salt: Buffer, options: ScryptOptions, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes; leave head room.
    scrypt(password.normalize('NFC'), salt, length, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, DEFAULTS, KEY_LENGTH);
  return ['scrypt', DEFAULTS.N, DEFAULTS.r, DEFAULTS.p, salt.toString('base64'), key.toString('base64')].join(':');
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split(':');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (![options.N, options.r, options.p].every((v) => Number.isInteger(v) && v > 0)) return false;
  if (options.N > MAX_N || options.r > 32 || options.p > 4) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), options, expected.length);
  return timingSafeEqual(actual, expected);
}
