/**
 * The turn's TurnInput, built once by the bot and read by every dialog, so a message is never
 * recognised twice and no dialog looks at the raw activity's channel.
 */
import type { TurnContext } from 'botbuilder';
import type { TurnInput } from '../src/domain/turn/turnInput.js';
import type { Understanding } from '../src/domain/understanding/types.js';

const KEY = Symbol('turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(KEY, input);
}

export function turnInputOf(context: TurnContext): TurnInput {
  const input = context.turnState.get(KEY) as TurnInput | undefined;
  if (!input) throw new Error('no TurnInput for this turn: the bot reads every turn before the dialogs run');
  return input;
}

export const getUnderstanding = (context: TurnContext): Understanding => turnInputOf(context).understanding;
