/**
 * Callbacks: a time the business's rules allow, a valid number, a reference the customer can quote
 * to cancel or move it. A booking is stored (durably) before the bot confirms it.
 */
import type { Business } from '../business.js';
import type { Clock, IdSource } from '../clock.js';
import type { Callback } from '../model.js';
import type { Collection } from '../ports.js';
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

export interface CallbackService {
  /** Checks a requested time against opening hours, lead time and holidays. */
  checkTime(requested: RequestedTime): CallbackTimeResult;
  book(request: BookingRequest): Promise<Callback>;
  findByReference(ref: string): Promise<Callback | undefined>;
  /** Cancels an open callback; undefined when no open callback has that reference. */
  cancel(ref: string): Promise<Callback | undefined>;
  /** Moves an open callback to a new, already validated slot. */
  move(ref: string, slot: { start: Date; asap: boolean }): Promise<Callback | undefined>;
}

export function createCallbackService(deps: {
  callbacks: Collection<Callback>;
  business: Business;
  clock: Clock;
  newId: IdSource;
}): CallbackService {
  const { callbacks, business, clock } = deps;

  async function findOpen(ref: string): Promise<Callback | undefined> {
    const found = await callbacks.findBy('ref', normalizeReference(ref));
    return found.find((c) => c.status === 'open');
  }

  async function uniqueReference(): Promise<string> {
    for (;;) {
      const ref = newReference();
      if ((await callbacks.findBy('ref', ref)).length === 0) return ref;
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
      return (await callbacks.findBy('ref', normalizeReference(ref)))[0];
    },

    cancel: (ref) => change(ref, (c) => ({ ...c, status: 'cancelled', updatedAt: clock.now().toISOString() })),

    move: (ref, slot) =>
      change(ref, (c) => ({ ...c, dueAt: slot.start.toISOString(), asap: slot.asap, updatedAt: clock.now().toISOString() })),
  };
}
