/**
 * Callbacks: a time the business's rules allow, a valid number, a reference the customer can quote
 * to cancel or move it. A booking is stored (durably) before the bot confirms it.
 */
import type { Business } from '../business.js';
import type { Clock, IdSource } from '../clock.js';
import type { z } from 'zod';
import type { Callback, CallbackOutcome, CallbackStatus, Lead } from '../model.js';
import type { CallbackStore, CustomerStore, LeadStore } from '../ports.js';
import { validateCallbackTime, type CallbackTimeResult } from '../schedule/callbackSlots.js';
import { newReference, normalizeReference } from '../schedule/references.js';
import { createAttemptLimiter, type AttemptLimiter } from '../attemptLimiter.js';
import { idempotent } from '../idempotency.js';
import { createOwnershipCheck, type ByReference, type Caller, type LookupOptions } from './ownership.js';

import type { CallbackRequest as RequestedTime } from '../schedule/callbackSlots.js';

interface BookingRequest {
  name: string;
  /** E.164. */
  phone: string;
  slot: { start: Date; asap: boolean };
  topic: string;
  channelId: string;
  conversationId?: string;
  customerId?: string;
  leadId?: string;
  /**
   * Names the occasion of the booking (e.g. conversation, form and commit count): the same
   * occasion with the same details books once and returns that booking (src/domain/idempotency.ts).
   */
  idempotencyKey?: string;
}

/** What staff record about a callback. */
interface CallbackChange {
  status?: z.infer<typeof CallbackStatus>;
  /** An outcome without a status marks the callback done; null removes it. */
  outcome?: z.infer<typeof CallbackOutcome> | null;
  note?: string;
}

/**
 * The status rules: an outcome belongs to a done callback (setting one marks it done; reopening or
 * cancelling clears it).
 */
function applyChange(current: Callback, change: CallbackChange, updatedAt: string): Callback {
  const next: Callback = { ...current, updatedAt };
  if (change.outcome !== undefined) next.outcome = change.outcome ?? undefined;
  if (change.status !== undefined) next.status = change.status;
  else if (change.outcome) next.status = 'done';
  if (next.status !== 'done') next.outcome = undefined;
  if (change.note !== undefined) next.note = change.note;
  return next;
}

export interface CallbackService {
  /** Checks a requested time against opening hours, lead time and holidays. */
  checkTime(requested: RequestedTime): CallbackTimeResult;
  book(request: BookingRequest): Promise<Callback>;
  /** The caller's callback with this reference (see ownership.ts for who owns one). */
  findByReference(ref: string, caller: Caller, options?: LookupOptions): Promise<ByReference<Callback>>;
  /** Cancels the caller's open callback; one refusal when none of theirs is open with that reference. */
  cancel(ref: string, caller: Caller): Promise<ByReference<Callback>>;
  /** Moves the caller's open callback to a new, already validated slot. */
  move(ref: string, slot: { start: Date; asap: boolean }, caller: Caller): Promise<ByReference<Callback>>;
  /** Open callbacks of a customer or booked in a conversation, soonest first. */
  openFor(who: { customerId?: string; conversationId?: string }): Promise<Callback[]>;
  /**
   * Records what staff did (status, outcome, note) by the status rules. "Order placed" also moves the
   * callback's lead to won, so the sale counts for that lead's source and channel. Undefined when
   * there is no such callback.
   */
  record(id: string, change: CallbackChange): Promise<{ callback: Callback; lead?: Lead } | undefined>;
}

/**
 * Failed look-ups by reference allowed in 15 minutes: 5 per conversation, 20 per network address
 * (several customers may share one).
 */
export const REFERENCE_ATTEMPTS = {
  max: (key: string): number => (key.startsWith('address:') ? 20 : 5),
  windowMs: 15 * 60_000,
};

export function createCallbackService(deps: {
  callbacks: CallbackStore;
  leads: LeadStore;
  /** To tell whether a caller's channel account belongs to the callback's customer. */
  customers: Pick<CustomerStore, 'get'>;
  business: Business;
  clock: Clock;
  newId: IdSource;
  /** Failed look-ups by reference; default REFERENCE_ATTEMPTS, per process. */
  attempts?: AttemptLimiter;
}): CallbackService {
  const { callbacks, business, clock } = deps;
  const ownership = createOwnershipCheck({
    customers: deps.customers,
    attempts: deps.attempts ?? createAttemptLimiter(REFERENCE_ATTEMPTS),
    now: () => clock.now(),
  });

  const byReference = (ref: string): Promise<Callback[]> => callbacks.findByRef(normalizeReference(ref));

  /** The lead a callback belongs to: its leadId, else the lead of its conversation. */
  async function leadOf(callback: Callback): Promise<Lead | undefined> {
    if (callback.leadId) return deps.leads.get(callback.leadId);
    if (!callback.conversationId) return undefined;
    return (await deps.leads.findByConversation(callback.conversationId))[0];
  }

  async function uniqueReference(): Promise<string> {
    for (;;) {
      const ref = newReference();
      if ((await callbacks.findByRef(ref)).length === 0) return ref;
    }
  }

  const change = async (ref: string, caller: Caller, patch: (c: Callback) => Callback): Promise<ByReference<Callback>> => {
    const open = (await byReference(ref)).filter((c) => c.status === 'open');
    const found = await ownership.pick(caller, open);
    if (!found.ok) return found;
    const updated = await callbacks.update(found.record.id, (c) => (c && c.status === 'open' ? patch(c) : undefined));
    return updated ? { ok: true, record: updated } : { ok: false, reason: 'not_found' };
  };

  return {
    checkTime: (requested) => validateCallbackTime(business, requested, clock.now()),

    async book(request) {
      const now = clock.now().toISOString();
      const dueAt = request.slot.start.toISOString();
      const once = request.idempotencyKey
        ? idempotent(request.idempotencyKey, [request.name, request.phone, dueAt, request.slot.asap, request.topic])
        : undefined;
      const callback: Callback = {
        id: once?.id ?? deps.newId(),
        ref: await uniqueReference(),
        customerId: request.customerId,
        leadId: request.leadId,
        conversationId: request.conversationId,
        channelId: request.channelId,
        name: request.name,
        phone: request.phone,
        dueAt,
        asap: request.slot.asap,
        topic: request.topic,
        ...(once ? { idempotencyKey: once.key } : {}),
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      if (!once) {
        await callbacks.put(callback);
        return callback;
      }
      // Insert-once: a booking already made on this key is the answer (same reference).
      return (await callbacks.update(callback.id, (current) => (current ? undefined : callback)))!;
    },

    findByReference: async (ref, caller, options) => ownership.pick(caller, await byReference(ref), undefined, options),

    async openFor(who) {
      const found = [
        ...(who.customerId ? await callbacks.findByCustomer(who.customerId) : []),
        ...(who.conversationId ? await callbacks.findByConversation(who.conversationId) : []),
      ];
      const open = new Map(found.filter((c) => c.status === 'open').map((c) => [c.id, c]));
      return [...open.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },

    cancel: (ref, caller) => change(ref, caller, (c) => ({ ...c, status: 'cancelled', updatedAt: clock.now().toISOString() })),

    move: (ref, slot, caller) =>
      change(ref, caller, (c) => ({
        ...c,
        dueAt: slot.start.toISOString(),
        asap: slot.asap,
        updatedAt: clock.now().toISOString(),
      })),

    async record(id, change) {
      const updatedAt = clock.now().toISOString();
      const callback = await callbacks.update(id, (current) => (current ? applyChange(current, change, updatedAt) : undefined));
      if (!callback) return undefined;
      if (callback.outcome !== 'order_placed') return { callback };
      const lead = await leadOf(callback);
      if (!lead) return { callback };
      const won = await deps.leads.update(lead.id, (current) =>
        current && current.stage !== 'won' ? { ...current, stage: 'won', updatedAt } : undefined,
      );
      return { callback, lead: won };
    },
  };
}
