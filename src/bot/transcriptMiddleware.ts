/**
 * Records every activity in and out of a conversation, including the turns that fail (botbuilder's
 * own TranscriptLoggerMiddleware drops those). Recording never blocks or breaks the turn: writes are
 * queued per conversation and their failures are only logged.
 */
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { ConversationLog } from '../domain/conversations/conversationLog.js';
import { attributionOf } from '../domain/conversations/attribution.js';
import type { Attribution } from '../domain/turn/turnInput.js';
import { SKIP_TRANSCRIPT } from './turnFlags.js';

export interface TranscriptMiddlewareOptions {
  /** Texts longer than this are stored cut (the customer's full text still reaches the dialogs). */
  maxStoredText?: number;
  /** Applied to what is persisted, never to what the dialogs see. */
  redact?: (text: string) => string;
}

/** Payment card numbers are never needed by staff: they are masked before anything is stored. */
const maskCardNumbers = (text: string): string =>
  text.replace(/\b(?:\d[ -]?){12,18}\d\b/g, (m) => (m.replace(/\D/g, '').length >= 13 ? '[card number removed]' : m));

export function transcriptMiddleware(log: ConversationLog, options: TranscriptMiddlewareOptions = {}): Middleware {
  const max = options.maxStoredText ?? 10_000;
  const redact = options.redact ?? maskCardNumbers;

  const record = (
    activity: Partial<Activity>,
    direction: 'in' | 'out',
    inbound: Partial<Activity>,
    marketing: Attribution,
    failed = false,
  ): void => {
    const conversationId = activity.conversation?.id ?? inbound.conversation?.id;
    if (!conversationId) return;
    const text = typeof activity.text === 'string' ? redact(activity.text.slice(0, max)) : undefined;
    const stored = pick(activity, text);
    void log.record({
      conversationId,
      channelId: inbound.channelId ?? 'unknown',
      userId: inbound.from?.id,
      direction,
      at: new Date(),
      type: activity.type ?? 'unknown',
      text,
      activity: stored,
      failed,
      source: marketing.source,
      campaign: marketing.campaign,
    });
  };

  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const inbound = context.activity;
      // Read once for the turn: every line of it carries the inbound activity's attribution.
      const marketing = attributionOf(inbound.channelData);
      record(inbound, 'in', inbound, marketing);
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        const responses = await sendNext();
        if (!_ctx.turnState.get(SKIP_TRANSCRIPT)) for (const activity of activities) record(activity, 'out', inbound, marketing);
        return responses;
      });
      try {
        await next();
      } catch (error) {
        const trace = { type: 'trace', text: `turn failed: ${(error as Error).message ?? String(error)}` };
        record(trace, 'out', inbound, marketing, true);
        throw error;
      }
    },
  };
}

/** The parts of an activity worth keeping for review and export (speech markup is derived; skip it). */
const KEPT = [
  'type',
  'id',
  'timestamp',
  'channelId',
  'from',
  'recipient',
  'replyToId',
  'name',
  'value',
  'inputHint',
  'suggestedActions',
  'attachments',
  'entities',
  'channelData',
  'locale',
] as const;

function pick(activity: Partial<Activity>, text: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT) {
    const value = activity[key];
    if (value !== undefined) out[key] = value instanceof Date ? value.toISOString() : value;
  }
  if (activity.conversation?.id) out.conversation = { id: activity.conversation.id };
  if (text !== undefined) out.text = text;
  return out;
}
