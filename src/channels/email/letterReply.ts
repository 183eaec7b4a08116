/**
 * The reply to one letter: its requests (letterText.ts) run as turns (letterTurns.ts) and the
 * answers composed into one message (composeLetter.ts), sent on the letter's turn.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { convert } from 'html-to-text';
import { composeLetter } from './composeLetter.js';
import { firstNameOf, letterCopy } from './letterCopy.js';
import type { EmailChannelData, LetterMiddlewareOptions } from './letterTypes.js';
import { runLetterTurns } from './letterTurns.js';
import { letterRequests, MAX_REQUESTS, visibleText } from './letterText.js';

/** What the bot's own inbox is told when the bot had nothing to say to a letter. */
export const UNANSWERED = 'letter.unanswered';

/** The body of an inbound letter activity as plain text. */
export function letterTextOf(activity: Partial<Activity>): string {
  if (activity.text?.trim()) return activity.text;
  const html = (activity.channelData as EmailChannelData | undefined)?.htmlBody;
  return html ? convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }) : '';
}

/** Answers the letter of this turn with one message; sends nothing when it has nothing new. */
export async function replyToLetter(context: TurnContext, options: LetterMiddlewareOptions): Promise<void> {
  const { activity } = context;
  const requests = letterRequests(visibleText(letterTextOf(activity)));
  // Nothing new in it (a bare "thanks", only quoted history): no reply, so no mail ping-pong.
  if (!requests.length) return;
  const answers = await runLetterTurns(context, options.bot, requests.slice(0, MAX_REQUESTS), options.logger);
  // The bot said nothing (a person has the conversation): no empty letter; the bot's own inbox keeps
  // the letter for staff.
  if (!answers.some((a) => a.replies.length)) {
    if (activity.id && options.sinks.has(activity.id)) await context.sendActivity({ type: 'event', name: UNANSWERED });
    return;
  }
  const letter = composeLetter(answers, {
    name: firstNameOf(activity.from?.name),
    from: options.signature,
    rest: requests.length > MAX_REQUESTS,
  });
  const subject = (activity.channelData as EmailChannelData | undefined)?.subject ?? '';
  const channelData: EmailChannelData = { subject: letterCopy.subject(subject), htmlBody: letter.html };
  await context.sendActivity({ type: 'message', text: letter.text, textFormat: 'plain', channelData });
}
