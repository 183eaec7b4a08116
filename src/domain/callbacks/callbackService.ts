/**
 * Callbacks: a time the business's rules allow, a valid number, a reference the customer can quote
 * to cancel or move it. A booking is stored (durably) before the bot confirms it.
 */
import type { Business } from '../business.js';
import type { Clock, IdSource } from '../clock.js';
import type { z } from 'zod';
import type { Callback, CallbackOutcome, CallbackStatus, Lead } from '../model.js';
import type { CallbackStore, LeadStore } from '../ports.js';
import { validateCallbackTime, type CallbackTimeResult } from '../schedule/callbackSlots.js';
import { newReference, normalizeReference } from '../schedule/references.js';

export type { CallbackRequest as RequestedTime } from '../schedule/callbackSlots.js';
import type { CallbackRequest as RequestedTime } from '../schedule/callbackSlots.js';

export interface BookingRequest {
  name: string;
  /** E.164. */
  phone: string;
  slot: { start: Date; asap: boolean };
  topic: string;
  channelId: string;
  conversationId?: string;
  customerId?: string;
  leadId?: string;
}

/** What staff record about a callback. */
export interface CallbackChange {
  status?: z.infer<typeof CallbackStatus>;
  /** An outcome without a status marks the callback done; null removes it. */
  outcome?: z.infer<typeof CallbackOutcome> | null;
  note?: string;
}

/**
 * The status rules: an outcome belongs to a done callback (setting one marks it done; reopening or
 * cancelling clears it).
 */
export function applyChange(current: Callback, change: CallbackChange, updatedAt: string): Callback {
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
  findByReference(ref: string): Promise<Callback | undefined>;
  /** Open callbacks of a customer or booked in a conversation, soonest first. */
  openFor(who: { customerId?: string; conversationId?: string }): Promise<Callback[]>;
  /** Cancels an open callback; undefined when no open callback has that reference. */
  cancel(ref: string): Promise<Callback | undefined>;
  /** Moves an open callback to a new, already validated slot. */
  move(ref: string, slot: { start: Date; asap: boolean }): Promise<Callback | undefined>;
  /**
   * Records what staff did (status, outcome, note) by the status rules. "Order placed" also moves the
   * callback's lead to won, so the sale counts for that lead's source and channel. Undefined when
   * there is no such callback.
   */
  record(id: string, change: CallbackChange): Promise<{ callback: Callback; lead?: Lead } | undefined>;
}

export function createCallbackService(deps: {
  callbacks: CallbackStore;
  leads: LeadStore;
  business: Business;
  clock: Clock;
  newId: IdSource;
}): CallbackService {
  const { callbacks, business, clock } = deps;

  const findOpen = (ref: string): Promise<Callback | undefined> => callbacks.findOpenByRef(normalizeReference(ref));

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

  const change = async (ref: string, patch: (c: Callback) => Callback): Promise<Callback | undefined> => {
    const open = await findOpen(ref);
    if (!open) return undefined;
    return callbacks.update(open.id, (c) => (c && c.status === 'open' ? patch(c) : undefined));
  };

  return {
    checkTime: (requested) => validateCallbackTime(business, requested, clock.now()),

    async book(request) {
      const now = clock.now().toISOString();
      const callback: Callback = {
        id: deps.newId(),
        ref: await uniqueReference(),
        customerId: request.customerId,
        leadId: request.leadId,
        conversationId: request.conversationId,
        channelId: request.channelId,
        name: request.name,
        phone: request.phone,
        dueAt: request.slot.start.toISOString(),
        asap: request.slot.asap,
        topic: request.topic,
        status: 'open',
        createdAt: now,
        updatedAt: now,
      };
      await callbacks.put(callback);
      return callback;
    },

    async findByReference(ref) {
      return (await callbacks.findByRef(normalizeReference(ref)))[0];
    },

    async openFor(who) {
      const found = [
        ...(who.customerId ? await callbacks.findBy('customerId', who.customerId) : []),
        ...(who.conversationId ? await callbacks.findBy('conversationId', who.conversationId) : []),
      ];
      const open = new Map(found.filter((c) => c.status === 'open').map((c) => [c.id, c]));
      return [...open.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },

    cancel: (ref) => change(ref, (c) => ({ ...c, status: 'cancelled', updatedAt: clock.now().toISOString() })),

    move: (ref, slot) =>
      change(ref, (c) => ({ ...c, dueAt: slot.start.toISOString(), asap: slot.asap, updatedAt: clock.now().toISOString() })),

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
