/**
 * Idempotency keys for what a conversation commits (a booking, an order request): the caller names
 * the occasion (conversation, form, how many commits it had before), the contents are hashed in, so
 * the same "yes" delivered twice, retried or raced across instances commits once, while a changed
 * request is a new one. The key is a hash (it never shows the conversation id, which may carry a
 * phone number), and the record's id derives from it: storing by that id is insert-once in every
 * backend, and PostgreSQL also keeps a unique index on the key.
 */
import { createHash } from 'node:crypto';

export interface Idempotent {
  /** The stored key (a hash). */
  key: string;
  /** The record id that goes with it. */
  id: string;
}

export function idempotent(occasion: string, contents: unknown): Idempotent {
  const key = createHash('sha256').update(occasion).update('\u0000').update(JSON.stringify(contents)).digest('hex');
  return { key, id: `k-${key.slice(0, 32)}` };
}
