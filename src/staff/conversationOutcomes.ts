/**
 * The outcomes staff filter conversations by. Most are recorded by the dialogs; two are derived
 * here so they hold even for conversations recorded before a dialog learned to set them:
 * - `unanswered`: recorded, or any question left in `unanswered`;
 * - `abandoned`: recorded, or nothing achieved beyond unanswered questions and no activity for
 *   `ABANDONED_AFTER_MINUTES`.
 */
import type { Conversation, ConversationOutcome } from '../domain/model.js';

const ABANDONED_AFTER_MINUTES = 30;

/** Outcomes stored on the record by the dialogs; a `where` filter can use them directly. */
export const RECORDED_OUTCOMES = new Set<ConversationOutcome>([
  'answered',
  'advice',
  'callback_booked',
  'order_request',
  'handed_off',
]);

export function isAbandoned(conversation: Conversation, now: Date): boolean {
  if (conversation.outcomes.includes('abandoned')) return true;
  const achieved = conversation.outcomes.some((o) => o !== 'unanswered' && o !== 'abandoned');
  const idleSince = now.getTime() - ABANDONED_AFTER_MINUTES * 60_000;
  return !achieved && Date.parse(conversation.lastActivityAt) < idleSince;
}

/** The recorded outcomes plus the derived ones, without duplicates. */
export function outcomesOf(conversation: Conversation, now: Date): ConversationOutcome[] {
  const outcomes = new Set(conversation.outcomes);
  if (conversation.unanswered.length > 0) outcomes.add('unanswered');
  if (isAbandoned(conversation, now)) outcomes.add('abandoned');
  return [...outcomes];
}
