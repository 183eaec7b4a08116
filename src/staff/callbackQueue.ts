/**
 * The callback queue: open callbacks by due time (earliest first, so overdue ones lead, flagged),
 * others most recent first; duplicate bookings (same phone, slot and status) shown as one. Staff
 * record status and outcome. An outcome of "order placed" also moves the callback's lead to stage won, so the sale counts for that lead's source and channel.
 */
import type { CallbackService } from '../domain/callbacks/callbackService.js';
import type { Callback } from '../domain/model.js';
import type { Clock } from '../domain/clock.js';
import type { Stores } from '../domain/ports.js';
import { maskCallback } from './mask.js';
import type { CallbackListQuery, CallbackPatch } from './staffParams.js';

export interface QueuedCallback extends Callback {
  /** Open and due before now. */
  overdue: boolean;
  /** Other bookings of the same customer (phone) for the same slot and status, shown as this one. */
  duplicateIds: string[];
}

/** Bookings of one customer for one slot count once: the same phone, due time and status. */
function mergeDuplicates(items: QueuedCallback[], raw: Callback[]): QueuedCallback[] {
  const kept = new Map<string, QueuedCallback>();
  items.forEach((item, i) => {
    const c = raw[i]!;
    const key = JSON.stringify([c.phone, c.dueAt, c.status]);
    const first = kept.get(key);
    if (first) first.duplicateIds.push(item.id);
    else kept.set(key, item);
  });
  return [...kept.values()];
}

export function createCallbackQueue(deps: { stores: Stores; clock: Clock; callbacks: Pick<CallbackService, 'record'> }) {
  const { callbacks } = deps.stores;

  return {
    async list(query: CallbackListQuery, options: { masked: boolean }) {
      const now = deps.clock.now().toISOString();
      const open = query.status === 'open';
      const page = await callbacks.query({
        where: query.status === 'all' ? undefined : { status: query.status },
        orderBy: 'dueAt',
        descending: !open,
        cursor: query.cursor,
        limit: query.limit,
      });
      const items = page.items.map((c): QueuedCallback => ({
        ...(options.masked ? maskCallback(c) : c),
        overdue: c.status === 'open' && c.dueAt < now,
        duplicateIds: [],
      }));
      return { items: mergeDuplicates(items, page.items), next: page.next };
    },

    /** Applies the change by the callback service's status rules; undefined when there is no such callback. */
    patch: (id: string, patch: CallbackPatch) => deps.callbacks.record(id, patch),
  };
}

export type CallbackQueue = ReturnType<typeof createCallbackQueue>;
