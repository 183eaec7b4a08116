/** The greeting: what the bot can do, or a welcome back by name for a known customer. */
import type { TurnContext } from 'botbuilder';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';

export async function greet(context: TurnContext, services: Pick<DialogServices, 'customers' | 'business'>): Promise<void> {
  const known = await services.customers.recognize(turnInputOf(context).account);
  await context.sendActivity(known ? copy.greetingBack(services.business, known.name) : copy.greeting(services.business));
}
