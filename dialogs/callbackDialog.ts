/**
 * Books a callback: name, a valid phone number (E.164), a time the business's rules allow (or "as
 * soon as possible"), and a topic. A one-shot request fills every slot it can; an impossible time
 * gets the nearest valid alternatives. The booking is stored before it is confirmed.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { formatPhone } from '../src/domain/phone.js';
import type { SlotOption } from '../src/domain/schedule/callbackSlots.js';
import { describeSlot } from '../src/domain/schedule/describeSlot.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { copy } from './copy.js';
import { FormDialog, type Absorbed, type FormState } from './formDialog.js';
import { absorbContact, commitContact, contactNeedsConsent } from './contact.js';
import { pickChoice, slotText, type StoredSlot } from './slotText.js';
import { turnInputOf } from './turnInput.js';

export const CALLBACK_DIALOG = 'callback';

export interface CallbackOptions {
  topic?: string;
}

interface CallbackState extends FormState {
  name?: string;
  phone?: string;
  /** A number we know (caller id, returning customer) that the customer must confirm first. */
  proposedPhone?: string;
  slot?: StoredSlot;
  alternatives?: { start: string; end: string }[];
  topic?: string;
  /** The customer can key the number in (asked for with the keypad in mind). */
  keypad?: boolean;
}

const REASONS: Record<string, string> = {
  past: 'That time has already passed.',
  too_soon: "That's a little too soon for us to arrange.",
  closed_day: "We're closed that day.",
  holiday: "We're closed that day for a holiday.",
  outside_hours: "That's outside our opening hours.",
};

export class CallbackDialog extends FormDialog<CallbackState> {
  protected async start(dc: DialogContext, options?: CallbackOptions): Promise<CallbackState> {
    const session = await this.services.sessions.get(dc.context);
    const input = turnInputOf(dc.context);
    // A returning customer is not asked their name again; their number is offered for confirmation.
    const known = await this.services.customers.recognize(input.account);
    const state: CallbackState = {
      attempts: 0,
      phase: 'collect',
      name: session.contact.name ?? known?.name,
      phone: session.contact.phone,
      topic: options?.topic ?? session.offerTopic ?? session.need,
      keypad: input.flags.keypad,
    };
    // On a call the caller's own number is offered first.
    if (!state.phone) state.proposedPhone = input.callerNumber ?? known?.phones[0];
    return state;
  }

  protected async absorb(dc: DialogContext, state: CallbackState, u: Understanding): Promise<Absorbed> {
    const filled: string[] = [];
    let notice: string | undefined;
    const { entities } = u;
    const session = await this.services.sessions.get(dc.context);
    const region = this.services.business.defaultPhoneRegion;

    // The answer to "what would you like to talk about?" is the topic, whatever dates or numbers it
    // mentions ("a birthday cake for Saturday" does not move the call to Saturday).
    if (state.asking === 'topic' && u.text.trim() && !entities.phone && !entities.name) {
      state.topic = u.text
        .trim()
        .replace(/^(?:it'?s\s+)?(?:about|regarding|re:?)\s+/i, '')
        .slice(0, 200);
      return { filled: ['topic'] };
    }
    if (state.asking === 'change') {
      const which = /name|number|phone|time|when|day|topic|about/i.exec(u.text)?.[0]?.toLowerCase();
      if (which === 'name') state.name = undefined;
      else if (which === 'number' || which === 'phone') state.phone = state.proposedPhone = undefined;
      else if (which === 'time' || which === 'when' || which === 'day') state.slot = undefined;
      else if (which === 'topic' || which === 'about') state.topic = undefined;
      if (which) filled.push('change');
    }
    if (state.asking === 'confirmPhone' && state.proposedPhone) {
      if (u.intent === 'affirm') {
        state.phone = state.proposedPhone;
        filled.push('phone');
      } else if (u.intent === 'deny') {
        state.proposedPhone = undefined;
        filled.push('confirmPhone');
      }
    }
    const contact = absorbContact(state, u, session, region);
    filled.push(...contact.filled);
    notice = contact.notice;
    if (contact.filled.includes('phone')) state.proposedPhone = undefined;
    const chosen = state.asking === 'time' && state.alternatives ? pickChoice(u.text, state.alternatives.length) : undefined;
    if (chosen !== undefined) {
      const alt = state.alternatives![chosen]!;
      state.slot = { ...alt, asap: false };
      state.alternatives = undefined;
      filled.push('time');
    } else if (entities.when) {
      const requested = entities.when.asap ? 'asap' : { start: new Date(entities.when.start), hasTime: entities.when.hasTime };
      const result = this.services.callbacks.checkTime(requested);
      if (result.ok) {
        state.slot = { start: result.slot.start.toISOString(), end: result.slot.end.toISOString(), asap: result.slot.asap };
        state.alternatives = undefined;
        filled.push('time');
      } else if (result.reason === 'too_far') {
        notice = copy.timeTooFar();
      } else {
        state.alternatives = result.alternatives.map(iso);
        state.slot = undefined;
        notice = copy.timeAlternatives(
          REASONS[result.reason] ?? '',
          result.alternatives.map((a) => describeSlot(this.services.business, a).text),
        );
        filled.push('alternatives');
      }
    }
    const said = state.asking !== 'topic' ? topicIn(u) : undefined;
    if (said) {
      state.topic = said;
      filled.push('topic');
    }
    if (state.asking === 'topic' && filled.length === 0 && u.text.trim()) {
      state.topic = u.text
        .trim()
        .replace(/^(?:it'?s\s+)?(?:about|regarding|re:?)\s+/i, '')
        .slice(0, 200);
      filled.push('topic');
    }
    return { filled, notice };
  }

  protected missing(state: CallbackState): string | undefined {
    if (!state.name) return 'name';
    if (!state.phone) return state.proposedPhone ? 'confirmPhone' : 'phone';
    if (!state.slot) return 'time';
    if (!state.topic) return 'topic';
    return undefined;
  }

  protected question(state: CallbackState, slot: string): string {
    const region = this.services.business.defaultPhoneRegion;
    switch (slot) {
      case 'name':
        return copy.askName();
      case 'confirmPhone':
        return copy.confirmKnownNumber(formatPhone(state.proposedPhone!, region));
      case 'phone':
        return state.keypad ? copy.askPhoneKeypad() : copy.askPhone();
      case 'time':
        return state.alternatives?.length ? copy.askTime() : copy.askTime();
      default:
        return copy.askTopic();
    }
  }

  protected summary(state: CallbackState): string {
    const { business } = this.services;
    return copy.callbackSummary(
      state.name!,
      formatPhone(state.phone!, business.defaultPhoneRegion),
      slotText(business, state.slot!),
      state.topic!,
    );
  }

  protected needsConsent(dc: DialogContext): Promise<boolean> {
    return contactNeedsConsent(dc.context, this.services);
  }

  protected async commit(dc: DialogContext, state: CallbackState): Promise<void> {
    const { services } = this;
    const { customer, lead } = await commitContact(dc.context, services, {
      name: state.name,
      phone: state.phone,
      email: (await services.sessions.get(dc.context)).contact.email,
    });
    const callback = await services.callbacks.book({
      name: state.name!,
      phone: state.phone!,
      slot: { start: new Date(state.slot!.start), asap: state.slot!.asap },
      topic: state.topic!,
      channelId: turnInputOf(dc.context).account.channelId,
      conversationId: turnInputOf(dc.context).conversationId,
      customerId: customer.id,
      leadId: lead.id,
    });
    const session = await services.sessions.get(dc.context);
    session.lastCallbackRef = callback.ref;
    void services.conversationLog.addOutcome(turnInputOf(dc.context).conversationId, 'callback_booked');
    await dc.context.sendActivity(copy.callbackBooked(callback.ref, slotText(services.business, state.slot!)));
  }
}

const iso = (s: SlotOption): { start: string; end: string } => ({ start: s.start.toISOString(), end: s.end.toISOString() });

/**
 * "call me tomorrow … about the wedding cake": the topic a one-shot request names, without the time
 * or the number said in the same breath ("about 3pm" is a time, not a topic).
 */
function topicIn(u: Understanding): string | undefined {
  const match = /\b(?:about|regarding)\s+(?!\d|noon|midday|now\b|asap\b|as soon)([^,.;!?]+)/i.exec(u.text);
  if (!match) return undefined;
  let topic = match[1]!;
  for (const part of [u.entities.when?.text, u.entities.phone?.raw]) if (part) topic = topic.replace(part, ' ');
  topic = topic
    .replace(/\s+(?:on|at|for|and)\s*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  return topic.length >= 3 ? topic.slice(0, 200) : undefined;
}
