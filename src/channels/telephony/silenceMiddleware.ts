/**
 * Silence and unrecognised speech on a call arrive as messages without text. The first gets a short
 * reprompt; the second in a row an offer of a person, and a "yes" (or key 1) to that offer reaches
 * the dialogs as a request for a person, which they hand off. Anything heard resets the count.
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { BoundedMap } from '../boundedMap.js';
import { channelCopy } from '../channelCopy.js';
import { conversationKey, type ChoiceMemory } from '../choiceMemory.js';

const YES = /^(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please|yes please|a person|person)[.!]*$/i;

export interface SilenceOptions {
  /** The offer of a person is remembered as choice 1, so the key "1" takes it. */
  choices: ChoiceMemory;
  maxConversations?: number;
}

export function silenceMiddleware(options: SilenceOptions): Middleware {
  const state = new BoundedMap<string, { silences: number; offered: boolean }>({
    maxEntries: options.maxConversations ?? 10_000,
    ttlMs: 30 * 60_000,
  });
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (activity.channelId !== 'telephony' || activity.type !== 'message') return next();
      const key = conversationKey(activity);
      const text = (activity.text ?? '').trim();
      const current = state.get(key) ?? { silences: 0, offered: false };
      if (!text && !activity.attachments?.length) {
        const silences = current.silences + 1;
        const offer = silences >= 2;
        state.set(key, { silences, offered: offer });
        await context.sendActivity({
          type: 'message',
          text: offer ? channelCopy.offerPerson() : channelCopy.reprompt(),
          inputHint: 'expectingInput',
        });
        if (offer) options.choices.set(key, [{ title: 'a person', value: channelCopy.personRequested() }]);
        return;
      }
      state.delete(key);
      if (current.offered && YES.test(text)) activity.text = channelCopy.personRequested();
      await next();
    },
  };
}
