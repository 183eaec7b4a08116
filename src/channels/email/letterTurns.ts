/**
 * Runs each request of a letter as one ordinary turn of the bot, in order, in the letter's
 * conversation, and collects what the bot said to each — rendered for the e-mail row of the
 * capability table (choices as numbered text, cards as text). The turns share the conversation's
 * state, so a dialog begun by one request takes the next ("call me Friday" … "my number is …"),
 * and the bot's own answer layer decides how to answer each request.
 */
import { TurnContext, type Activity } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { capabilitiesOf } from '../capabilities.js';
import { renderActivity } from '../render/renderActivity.js';
import type { AnsweredRequest } from './composeLetter.js';
import { letterCopy } from './letterCopy.js';

export interface TurnRunner {
  run(context: TurnContext): Promise<void>;
}

const NO_VOICE = { locale: 'en', voice: '' };

export async function runLetterTurns(
  letter: TurnContext,
  bot: TurnRunner,
  requests: readonly string[],
  logger: Logger,
): Promise<AnsweredRequest[]> {
  const caps = capabilitiesOf(letter.activity.channelId);
  const answers: AnsweredRequest[] = [];
  for (const [i, request] of requests.entries()) {
    const activity: Partial<Activity> = {
      ...letter.activity,
      id: `${letter.activity.id ?? 'letter'}#${i + 1}`,
      text: request,
      textFormat: 'plain',
      channelData: undefined,
      attachments: undefined,
    };
    // A turn of its own, outside the adapter's middleware: what it sends is collected, not delivered.
    const turn = new TurnContext(letter.adapter, activity);
    const sent: Partial<Activity>[] = [];
    turn.onSendActivities(async (_ctx, activities) => {
      sent.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
    const replies: string[] = [];
    let asksYesNo = false;
    try {
      await bot.run(turn);
      for (const out of sent) {
        if (out.type !== 'message') continue;
        asksYesNo = isYesNo(out);
        for (const piece of renderActivity(out, caps, NO_VOICE).activities)
          if (piece.text?.trim()) replies.push(piece.text.trim());
      }
    } catch (error) {
      logger.error({ err: error, conversationId: activity.conversation?.id, part: i + 1 }, 'letter part failed');
      replies.push(letterCopy.partFailed());
    }
    answers.push({ request, replies, asksYesNo });
  }
  return answers;
}

/** A yes/no question, which a letter cannot offer as buttons. */
function isYesNo(activity: Partial<Activity>): boolean {
  const titles = (activity.suggestedActions?.actions ?? []).map((a) => String(a.title ?? a.value).toLowerCase()).sort();
  return titles.length === 2 && titles[0] === 'no' && titles[1] === 'yes';
}
