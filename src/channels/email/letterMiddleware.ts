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
import type { Middleware, TurnContext } from 'botbuilder';
import { capabilitiesOf } from '../capabilities.js';
import type { LetterMiddlewareOptions } from './letterTypes.js';

export type { EmailChannelData, LetterMiddlewareOptions, LetterSink } from './letterTypes.js';

export function letterMiddleware(options: LetterMiddlewareOptions): Middleware {
  // Loaded with the first letter: a bot that never gets one does not pay for the mail libraries.
  let reply: Promise<typeof import('./letterReply.js')> | undefined;
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (!capabilitiesOf(activity.channelId).letter) return next();
      // Only letters are answered by letter: a member joining gets no welcome e-mail.
      if (activity.type !== 'message') return;
      const sink = activity.id ? options.sinks.get(activity.id) : undefined;
      if (sink) {
        context.onSendActivities(async (_ctx, activities) => {
          for (const out of activities) if (out.type === 'message' || out.type === 'event') sink(out);
          return activities.map(() => ({ id: randomUUID() }));
        });
      }
      reply ??= import('./letterReply.js');
      await (await reply).replyToLetter(context, options);
    },
  };
}
