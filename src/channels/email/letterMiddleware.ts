/**
 * Answers a letter — an activity on a channel whose capability row says `letter` (Azure Bot
 * Service's `email` channel, or the bot's own IMAP/SMTP inbox) — with one reply: each request in it
 * runs as a turn (letterTurns.ts), and the answers go out as one message whose `text` is the plain
 * body and whose `channelData` carries `subject` and `htmlBody`, the shape Azure's e-mail channel
 * sends. The letter's own turn never reaches the bot: its requests do.
 *
 * A letter the bot's own inbox took registers a sink under its activity id: the reply is handed to
 * the sink (to be recorded and sent by SMTP) instead of going to a connector.
 */
import { randomUUID } from 'node:crypto';
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { convert } from 'html-to-text';
import type { Logger } from '../../logger.js';
import { capabilitiesOf } from '../capabilities.js';
import { composeLetter } from './composeLetter.js';
import { firstNameOf, letterCopy } from './letterCopy.js';
import { runLetterTurns, type TurnRunner } from './letterTurns.js';
import { letterRequests, MAX_REQUESTS, visibleText } from './letterText.js';

/** What the channel data of an Azure e-mail activity holds (both directions). */
export interface EmailChannelData {
  subject?: string;
  htmlBody?: string;
  importance?: string;
}

export type LetterSink = (reply: Partial<Activity>) => void;

export interface LetterMiddlewareOptions {
  bot: TurnRunner;
  logger: Logger;
  /** The name letters are signed with. */
  signature: string;
  /** Replies of letters the bot's own inbox took, by activity id. */
  sinks: ReadonlyMap<string, LetterSink>;
}

/** The body of an inbound letter activity as plain text. */
export function letterTextOf(activity: Partial<Activity>): string {
  if (activity.text?.trim()) return activity.text;
  const html = (activity.channelData as EmailChannelData | undefined)?.htmlBody;
  return html ? convert(html, { wordwrap: false, selectors: [{ selector: 'img', format: 'skip' }] }) : '';
}

export function letterMiddleware(options: LetterMiddlewareOptions): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (!capabilitiesOf(activity.channelId).letter) return next();
      // Only letters are answered by letter: a member joining gets no welcome e-mail.
      if (activity.type !== 'message') return;
      const sink = activity.id ? options.sinks.get(activity.id) : undefined;
      if (sink) {
        context.onSendActivities(async (_ctx, activities) => {
          for (const out of activities) if (out.type === 'message') sink(out);
          return activities.map(() => ({ id: randomUUID() }));
        });
      }
      const requests = letterRequests(visibleText(letterTextOf(activity)));
      // Nothing new in it (a bare "thanks", only quoted history): no reply, so no mail ping-pong.
      if (!requests.length) return;
      const answers = await runLetterTurns(context, options.bot, requests.slice(0, MAX_REQUESTS), options.logger);
      const letter = composeLetter(answers, {
        name: firstNameOf(activity.from?.name),
        from: options.signature,
        rest: requests.length > MAX_REQUESTS,
      });
      const subject = (activity.channelData as EmailChannelData | undefined)?.subject ?? '';
      const channelData: EmailChannelData = { subject: letterCopy.subject(subject), htmlBody: letter.html };
      await context.sendActivity({ type: 'message', text: letter.text, textFormat: 'plain', channelData });
    },
  };
}
