/**
 * Staff accounts, API tokens and sessions: creation (from the CLI), sign-in with lock-out, and
 * checking a session cookie or bearer token on each request. Knows nothing of HTTP.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../domain/clock.js';
import { AppError, ValidationError } from '../domain/errors.js';
import type { Collection } from '../domain/ports.js';
import type { LoginThrottle } from './loginThrottle.js';
import { StaffName, type StaffRole, type StaffSession, type StaffToken, type StaffUser } from '../domain/staffModel.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';

/** Who is asking, once a session or token checked out. */
export interface StaffPrincipal {
  name: string;
  role: StaffRole;
  via: 'session' | 'token';
  /** The session's CSRF token (sessions only). */
  csrf?: string;
}

export type SignInResult =
  | { ok: true; session: string; csrf: string; user: StaffPrincipal }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; retryAfterSeconds: number };

export interface StaffAccountsDeps {
  users: Collection<StaffUser>;
  tokens: Collection<StaffToken>;
  sessions: Collection<StaffSession>;
  clock: Clock;
  throttle: LoginThrottle;
  sessionHours: number;
}

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const secret = (bytes: number): string => randomBytes(bytes).toString('base64url');

export function createStaffAccounts(deps: StaffAccountsDeps) {
  const { users, tokens, sessions, clock, throttle } = deps;
  let dummyHash: Promise<string> | undefined;

  return {
    async addUser(rawName: string, role: StaffRole, password: string): Promise<StaffUser> {
      const name = StaffName.parse(rawName);
      if (password.length < MIN_PASSWORD_LENGTH) {
        throw new ValidationError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
      }
      if (await users.get(name)) throw new AppError('exists', `user "${name}" already exists`);
      const now = clock.now().toISOString();
      const user: StaffUser = { id: name, role, passwordHash: await hashPassword(password), createdAt: now, updatedAt: now };
      await users.put(user);
      return user;
    },

    /** Creates an API token; the returned string is shown once and never stored. */
    async addToken(rawName: string, role: StaffRole): Promise<{ token: string; record: StaffToken }> {
      const name = StaffName.parse(rawName);
      const token = `stf_${secret(32)}`;
      const record: StaffToken = { id: sha256(token), name, role, createdAt: clock.now().toISOString() };
      await tokens.put(record);
      return { token, record };
    },

    async list(): Promise<{ users: StaffUser[]; tokens: StaffToken[] }> {
      const [u, t] = await Promise.all([users.query({ orderBy: 'id' }), tokens.query({ orderBy: 'name' })]);
      return { users: u.items, tokens: t.items };
    },

    /** Removes the user and signs out their sessions; false when there was no such user. */
    async removeUser(rawName: string): Promise<boolean> {
      const name = StaffName.parse(rawName);
      for (const session of await sessions.findBy('userName', name)) await sessions.delete(session.id);
      return users.delete(name);
    },

    /** Removes every token with this name; returns how many. */
    async removeToken(rawName: string): Promise<number> {
      const name = StaffName.parse(rawName);
      const found = await tokens.findBy('name', name);
      for (const token of found) await tokens.delete(token.id);
      return found.length;
    },

    async signIn(rawName: string, password: string): Promise<SignInResult> {
      const name = rawName.trim().toLowerCase().slice(0, 64);
      const now = clock.now();
      const locked = await throttle.lockedFor(name, now);
      if (locked > 0) return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil(locked / 1000) };
      await users.refresh?.();
      const user = await users.get(name);
      // Unknown names cost the same hash as known ones, so timing does not reveal which exist.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await (dummyHash ??= hashPassword(secret(12)))));
      if (!user || !valid) {
        const nowLocked = await throttle.fail(name, now);
        if (nowLocked)
          return { ok: false, reason: 'locked', retryAfterSeconds: Math.ceil((await throttle.lockedFor(name, now)) / 1000) };
        return { ok: false, reason: 'invalid' };
      }
      await throttle.succeed(name);
      await dropExpired(name, now);
      const session = secret(32);
      const csrf = secret(24);
      await sessions.put({
        id: sha256(session),
        userName: name,
        csrf,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + deps.sessionHours * 3_600_000).toISOString(),
      });
      return { ok: true, session, csrf, user: { name, role: user.role, via: 'session', csrf } };
    },

    async signOut(session: string): Promise<void> {
      await sessions.delete(sha256(session));
    },

    /** The signed-in user of a session cookie value, or undefined (unknown, expired, user removed). */
    async checkSession(session: string): Promise<StaffPrincipal | undefined> {
      const record = await sessions.get(sha256(session));
      if (!record) return undefined;
      await users.refresh?.();
      if (record.expiresAt <= clock.now().toISOString()) {
        await sessions.delete(record.id);
        return undefined;
      }
      const user = await users.get(record.userName);
      // A session from before the account was (re)created belongs to a removed account.
      if (!user || record.createdAt < user.createdAt) return undefined;
      return { name: user.id, role: user.role, via: 'session', csrf: record.csrf };
    },

    async checkToken(token: string): Promise<StaffPrincipal | undefined> {
      await tokens.refresh?.();
      const record = await tokens.get(sha256(token));
      return record && { name: record.name, role: record.role, via: 'token' };
    },
  };

  async function dropExpired(name: string, now: Date): Promise<void> {
    const iso = now.toISOString();
    for (const s of await sessions.findBy('userName', name)) if (s.expiresAt <= iso) await sessions.delete(s.id);
  }
}

export type StaffAccounts = ReturnType<typeof createStaffAccounts>;

/** Constant-time comparison of two secrets given as strings. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
