/**
 * Who may see or change a booking by its reference: the customer who made it. A caller owns a
 * callback or an order request when they write from the conversation it was made in, from a
 * channel account of the customer it belongs to, or when they give the phone number on it.
 * Everything else — an unknown reference, someone else's, one past the attempt limit — gets one
 * answer, so guessing references tells nothing.
 */
import { accountKey, type ChannelAccount } from '../model.js';
import type { AttemptLimiter } from '../attemptLimiter.js';
import type { CustomerStore } from '../ports.js';

export interface Caller {
  account: ChannelAccount;
  conversationId: string;
  /** A phone number (E.164) the caller gave with the reference, to prove a booking made elsewhere. */
  phone?: string;
  /** The network address the request came from, when the edge knows it (for the attempt limit). */
  address?: string;
}

/** The result of a look-up by reference: found and owned, or one refusal for every other case. */
export type ByReference<T> = { ok: true; record: T } | { ok: false; reason: 'not_found' | 'too_many_attempts' };

interface Owned {
  customerId?: string;
  conversationId?: string;
  phone?: string;
}

export interface LookupOptions {
  /**
   * false: a miss is not counted (a look-up that goes on to another kind of record, which counts
   * the miss if it misses too). Default true.
   */
  countMiss?: boolean;
}

export interface OwnershipCheck {
  /**
   * Finds the caller's record among `candidates` (the records with the reference), counting a miss
   * against the caller's conversation and address.
   */
  pick<T extends Owned>(
    caller: Caller,
    candidates: readonly T[],
    phonesOf?: (record: T) => Promise<string[]>,
    options?: LookupOptions,
  ): Promise<ByReference<T>>;
}

export function createOwnershipCheck(deps: {
  customers: Pick<CustomerStore, 'get'>;
  attempts: AttemptLimiter;
  now: () => Date;
}): OwnershipCheck {
  const keysOf = (caller: Caller): string[] => [
    `conversation:${caller.account.channelId}|${caller.conversationId}`,
    ...(caller.address ? [`address:${caller.address}`] : []),
  ];

  const owns = async <T extends Owned>(
    caller: Caller,
    record: T,
    phonesOf?: (record: T) => Promise<string[]>,
  ): Promise<boolean> => {
    if (record.conversationId && record.conversationId === caller.conversationId) return true;
    if (record.customerId) {
      const customer = await deps.customers.get(record.customerId);
      if (customer?.channelAccounts.includes(accountKey(caller.account))) return true;
    }
    if (!caller.phone) return false;
    const phones = record.phone ? [record.phone] : ((await phonesOf?.(record)) ?? []);
    return phones.includes(caller.phone);
  };

  return {
    async pick(caller, candidates, phonesOf, options) {
      const keys = keysOf(caller);
      const now = deps.now();
      if (!(await deps.attempts.allowed(keys, now))) return { ok: false, reason: 'too_many_attempts' };
      for (const record of candidates) if (await owns(caller, record, phonesOf)) return { ok: true, record };
      if (options?.countMiss !== false) await deps.attempts.record(keys, now);
      return { ok: false, reason: 'not_found' };
    },
  };
}
