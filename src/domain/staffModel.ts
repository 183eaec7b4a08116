/**
 * Staff records: accounts, API tokens and sign-in sessions. Secrets are never stored: passwords as
 * scrypt hashes, tokens and session ids as SHA-256 hashes (the hash is the record id, so a lookup
 * is one `get`).
 */
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

/** Viewers read (with contact details masked); managers also change and erase. */
export const StaffRole = z.enum(['manager', 'viewer']);
export type StaffRole = z.infer<typeof StaffRole>;

/** Staff user names: lower case letters, digits and `._@-`, at most 64 characters. */
export const StaffName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._@-]{1,64}$/, 'use 1–64 letters, digits or . _ @ -');

export const StaffUserSchema = z.object({
  /** The user name (lower case). */
  id: z.string(),
  role: StaffRole,
  /** `scrypt:N:r:p:salt:hash`, base64. */
  passwordHash: z.string(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const StaffTokenSchema = z.object({
  /** SHA-256 (hex) of the token. */
  id: z.string(),
  name: z.string(),
  role: StaffRole,
  createdAt: isoDate,
});
export type StaffToken = z.infer<typeof StaffTokenSchema>;

export const StaffSessionSchema = z.object({
  /** SHA-256 (hex) of the session cookie value. */
  id: z.string(),
  userName: z.string(),
  /** Sent back by the page in `X-Staff-CSRF` on every change. */
  csrf: z.string(),
  createdAt: isoDate,
  expiresAt: isoDate,
});
export type StaffSession = z.infer<typeof StaffSessionSchema>;
