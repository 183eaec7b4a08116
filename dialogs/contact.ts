/** Entering the customer with their consent, shared by every dialog that keeps contact details. */
import type { TurnContext } from 'botbuilder';
import type { Customer, Lead } from '../src/domain/model.js';
import type { Caller } from '../src/domain/callbacks/ownership.js';
import { toE164 } from '../src/domain/phone.js';
import { originOf, type TurnInput } from '../src/domain/turn/turnInput.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { copy } from './copy.js';
import type { Session } from './session.js';
import { readSeveral } from '../src/domain/understanding/readSeveral.js';
import type { ReadContext } from './promptReading.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';

/** True unless this conversation or the customer's record already holds their consent. */
export async function contactNeedsConsent(context: TurnContext, services: DialogServices): Promise<boolean> {
  const session = await services.sessions.get(context);
  if (session.consented) return false;
  const known = await services.customers.recognize(turnInputOf(context).account);
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
  const input = turnInputOf(context);
  const session = await services.sessions.get(context);
  // On a letter the sender's address is the customer's e-mail too, so the same person writing in a
  // chat with that address is one customer.
  const senderEmail = input.flags.letter && /^[^\s@]+@[^\s@]+$/.test(input.account.userId) ? input.account.userId : undefined;
  const customer = await services.customers.enter({
    ...contact,
    email: contact.email ?? senderEmail?.toLowerCase(),
    account: input.account,
    consent: {
      text: copy.consent(services.business),
      at: services.clock.now().toISOString(),
      channelId: input.account.channelId,
    },
  });
  session.customerId = customer.id;
  const lead = await services.leads.note(input.conversationId, originOf(input), {
    customerId: customer.id,
    stage: 'ready',
  });
  void services.conversationLog.linkCustomer(input.conversationId, customer.id);
  return { customer, lead };
}

/** Who is asking about a booking by reference: their account, conversation, the phone they gave, their address. */
export function callerOf(input: TurnInput): Caller {
  return {
    account: input.account,
    conversationId: input.conversationId,
    phone: input.understanding.entities.phone?.e164,
    address: input.peer,
  };
}

/**
 * Takes the contact details a message gives — a name, a phone number (typed, spoken or keyed in),
 * an e-mail address — into the form's state and the session, so they are never asked for again.
 * `asking` is the slot the last question asked for.
 */
export function absorbContact(
  state: { name?: string; phone?: string; asking?: string },
  u: Understanding,
  session: Session,
  ctx: ReadContext,
): { filled: string[]; notice?: string } {
  const e = u.entities;
  const filled: string[] = [];
  let notice: string | undefined;
  const region = ctx.region;
  // "Lucy, 412 987 654, wednesday 2pm": a plain name counts when a name was asked for or comes
  // with a phone number; the number and the time are taken out first.
  const name =
    e.name ?? (state.asking === 'name' || e.phone ? readSeveral(u.text, ctx, state.asking === 'name').name : undefined);
  if (name) {
    state.name = session.contact.name = name;
    filled.push('name');
  }
  // An e-mail address given along the way is kept with the contact details (never asked for).
  if (e.email) session.contact.email = e.email.toLowerCase();
  const keyed = !e.phone && !e.invalidPhone && e.dtmf && state.asking === 'phone' ? e.dtmf : undefined;
  const phone = e.phone?.e164 ?? (keyed ? toE164(keyed, region) : undefined);
  if (phone) {
    state.phone = session.contact.phone = phone;
    filled.push('phone');
  } else if (e.invalidPhone ?? keyed) {
    notice = copy.invalidPhone((e.invalidPhone ?? keyed)!);
  }
  return { filled, notice };
}
