/**
 * Renders every outgoing activity for the channel it goes to (see capabilities.ts), and reads a
 * reply that names an offered choice by number as that choice. The dialogs write plain sentences and
 * `suggestedActions`; they never see the channel's form.
 */
import type { Activity, Middleware, TurnContext } from 'botbuilder';
import { capabilitiesOf } from './capabilities.js';
import { conversationKey, type ChoiceMemory } from './choiceMemory.js';
import { pickOffered } from './render/choices.js';
import { renderActivity } from './render/renderActivity.js';
import type { VoiceOptions } from './render/ssml.js';

export interface RenderMiddlewareOptions {
  voice: VoiceOptions;
  choices: ChoiceMemory;
}

/** Outgoing: renders each activity; remembers choices it turned into text. */
export function renderMiddleware(options: RenderMiddlewareOptions): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      context.onSendActivities(async (_ctx, activities, sendNext) => {
        const rendered: Partial<Activity>[] = [];
        for (const activity of activities) {
          const caps = capabilitiesOf(activity.channelId ?? context.activity.channelId);
          const result = renderActivity(activity, caps, options.voice);
          if (result.offered?.length) options.choices.set(conversationKey(context.activity), result.offered);
          rendered.push(...result.activities);
        }
        // In place: middleware registered earlier (the transcript) records what was actually sent.
        activities.splice(0, activities.length, ...rendered);
        return sendNext();
      });
      await next();
    },
  };
}

/**
 * Incoming: when the previous reply offered numbered choices, a message naming one ("2", "number
 * two", its title) is rewritten to the choice's value. Offered choices last for one reply only.
 */
export function choiceReplyMiddleware(choices: ChoiceMemory): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
      const { activity } = context;
      if (activity.type === 'message') {
        const key = conversationKey(activity);
        const offered = choices.get(key);
        choices.delete(key);
        const picked = offered && activity.text ? pickOffered(activity.text, offered) : undefined;
        if (picked) activity.text = picked.value;
      }
      await next();
    },
  };
}
