/** The greeting: what the bot can do, or a welcome back by name for a known customer. */
import type { TurnContext } from 'botbuilder';
import type { Business } from '../src/domain/business.js';
import type { CustomerService } from '../src/domain/customers/customerService.js';
import { copy } from './copy.js';

export async function greet(context: TurnContext, customers: CustomerService, business: Business, userId: string): Promise<void> {
  const known = await customers.recognize({ channelId: context.activity.channelId, userId });
  await context.sendActivity(known ? copy.greetingBack(business, known.name) : copy.greeting(business));
}
