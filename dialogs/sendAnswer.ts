/** Sends an answer drawn from the knowledge: fitted to the channel, its source under the last part. */
import type { TurnContext } from 'botbuilder';
import { fitAnswer } from './answerFit.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';

export async function sendAnswer(context: TurnContext, services: DialogServices, text: string, source: string): Promise<void> {
  const { flags, conversationId } = turnInputOf(context);
  const parts = fitAnswer(text, flags);
  for (const part of parts.slice(0, -1)) await context.sendActivity(part);
  await context.sendActivity(copy.answer(parts[parts.length - 1]!, source));
  void services.conversationLog.addOutcome(conversationId, 'answered');
}
