/**
 * The callback queue: open callbacks by due time (earliest first, overdue flagged), others most
 * recent first; staff record status and outcome. An outcome of "order placed" also moves the
 * callback's lead to stage won, so the sale counts for that lead's source and channel.
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
      }));
      return { items, next: page.next };
    },

    /** Applies the change by the callback service's status rules; undefined when there is no such callback. */
    patch: (id: string, patch: CallbackPatch) => deps.callbacks.record(id, patch),
  };
}

export type CallbackQueue = ReturnType<typeof createCallbackQueue>;
