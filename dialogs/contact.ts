/** Entering the customer with their consent, shared by every dialog that keeps contact details. */
import type { TurnContext } from 'botbuilder';
import type { Customer, Lead } from '../src/domain/model.js';
import { marketingOf } from '../src/channels/marketing.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';

/** True unless this conversation or the customer's record already holds their consent. */
export async function contactNeedsConsent(context: TurnContext, services: DialogServices): Promise<boolean> {
  const session = await services.sessions.get(context);
  if (session.consented) return false;
  const known = await services.customers.recognize({ channelId: context.activity.channelId, userId: context.activity.from.id });
  if (known?.consent) {
    session.consented = true;
    return false;
  }
  return true;
}

/** Finds or creates the customer (with the consent given) and links them to the conversation's lead. */
export async function commitContact(
  context: TurnContext,
  services: DialogServices,
  contact: { name?: string; phone?: string; email?: string },
): Promise<{ customer: Customer; lead: Lead }> {
  const { activity } = context;
  const session = await services.sessions.get(context);
  const customer = await services.customers.enter({
    ...contact,
    account: { channelId: activity.channelId, userId: activity.from.id },
    consent: { text: copy.consent(services.business), at: services.clock.now().toISOString(), channelId: activity.channelId },
  });
  session.customerId = customer.id;
  const lead = await services.leads.note(activity.conversation.id, originOf(activity), {
    customerId: customer.id,
    stage: 'ready',
  });
  void services.conversationLog.linkCustomer(activity.conversation.id, customer.id);
  return { customer, lead };
}

export function originOf(activity: TurnContext['activity']): { channelId: string; source?: string; medium?: string; campaign?: string; referrer?: string } {
  return { channelId: activity.channelId, ...marketingOf(activity) };
}
