/**
 * The understanding of the current turn, computed once by the bot and read by every dialog, so a
 * message is never recognised twice.
 */
import type { TurnContext } from 'botbuilder';
import type { Understanding } from '../src/domain/understanding/types.js';

const KEY = Symbol('understanding');

export function setUnderstanding(context: TurnContext, understanding: Understanding): void {
  context.turnState.set(KEY, understanding);
}

export function getUnderstanding(context: TurnContext): Understanding {
  const u = context.turnState.get(KEY) as Understanding | undefined;
  return u ?? { intent: 'none', confidence: 0, entities: {}, text: context.activity.text ?? '' };
}
