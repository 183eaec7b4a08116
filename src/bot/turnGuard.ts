/**
 * The first middleware of every turn, so several instances (and channel retries) never answer one
 * conversation twice at once or one activity twice:
 * - the turn runs holding its conversation's lock (TurnLocks: an advisory lock in PostgreSQL, an
 *   in-process queue for the embedded store); when the lock is not had within the wait the
 *   customer hears "one moment" and nothing else happens;
 * - an activity whose id was already processed in the conversation is acknowledged and dropped
 *   (the channel gets its 200, the bot says nothing, the transcript records nothing); when the
 *   turn fails the claim is released, and a claim left by a process that died mid-turn is taken
 *   over, so the channel's retry is processed;
 * - the lock is released only once the turn's transcript lines are written (`settle`), so the next
 *   turn of the conversation, wherever it runs, records after them.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { LockTimeoutError } from '../domain/errors.js';
import type { ActivityLedger, TurnLocks } from '../domain/sharedState.js';

export interface TurnGuardDeps {
  locks: TurnLocks;
  activities: ActivityLedger;
  /** What the customer hears when their conversation is busy (the dialogs' copy). */
  busyText: string;
  /** Told about each duplicate dropped and each turn that could not wait (ids only). */
  onDuplicate?: (scope: string, activityId: string) => void;
  onBusy?: (scope: string) => void;
  /** Resolves when what the turn recorded is written (the conversation log's queue). */
  settle?: (context: TurnContext) => Promise<void>;
}

/** The lock and ledger key of a turn: its channel and conversation. */
const turnScope = (context: TurnContext): string | undefined => {
  const conversationId = context.activity.conversation?.id;
  return conversationId ? `${String(context.activity.channelId ?? '')}|${conversationId}` : undefined;
};

export function turnGuardMiddleware(deps: TurnGuardDeps): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const scope = turnScope(context);
      if (!scope) return next();
      const activityId = typeof context.activity.id === 'string' && context.activity.id ? context.activity.id : undefined;
      try {
        await deps.locks.run(scope, async () => {
          if (activityId && !(await deps.activities.claim(scope, activityId))) {
            deps.onDuplicate?.(scope, activityId);
            return;
          }
          try {
            await next();
          } catch (error) {
            if (activityId) await deps.activities.release(scope, activityId).catch(() => undefined);
            throw error;
          } finally {
            await deps.settle?.(context).catch(() => undefined);
          }
          // Not completed (the store failed just now): a duplicate would be processed again, and
          // the idempotency keys keep its bookings single.
          if (activityId) await deps.activities.complete(scope, activityId).catch(() => undefined);
        });
      } catch (error) {
        if (!(error instanceof LockTimeoutError)) throw error;
        deps.onBusy?.(scope);
        if (context.activity.type === 'message') await context.sendActivity(deps.busyText);
      }
    },
  };
}
