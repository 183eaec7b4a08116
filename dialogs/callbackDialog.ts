/**
 * Books a callback: name, a valid phone number (E.164), a time the business's rules allow (or "as
 * soon as possible"), and a topic. A one-shot request fills every slot it can; an impossible time
 * gets the nearest valid alternatives. The booking is stored before it is confirmed.
 */
import type { DialogContext } from 'botbuilder-dialogs';
import { formatPhone } from '../src/domain/phone.js';
import type { SlotOption } from '../src/domain/schedule/callbackSlots.js';
import type { Entities, Understanding } from '../src/domain/understanding/types.js';
import { copy, dates } from './copy.js';
import { FormDialog, type Absorbed, type FormState } from './formDialog.js';
import { absorbContact, commitContact, contactNeedsConsent } from './contact.js';
import { readChoice } from '../src/domain/understanding/readChoice.js';
import type { Correction, CorrectionSlot } from '../src/domain/understanding/readCorrection.js';
import { readYesNo } from '../src/domain/understanding/readYesNo.js';
import { DateTime } from 'luxon';
import { readContextOf, type Expectation } from './promptReading.js';
import type { StoredSlot } from './slotText.js';
import type { DialogServices } from './services.js';
import { getUnderstanding } from './turnInput.js';
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
  /** A day named without a time ("next friday"): the time on that day is asked next. */
  day?: string;
  /** The customer can key the number in (asked for with the keypad in mind). */
  keypad?: boolean;
}

export type CallbackTime =
  | { kind: 'day'; day: string }
  | { kind: 'slot'; slot: StoredSlot; notice?: string }
  | { kind: 'alternatives'; alternatives: { start: string; end: string }[]; notice: string }
  | { kind: 'unavailable'; notice: string };

/**
 * The callback slot a time read from a message gives (readWhen, as the `when` entity): a day alone
 * (the time is then asked, never guessed); for a window, its first open slot, said; a time that is
 * open; else the nearest alternatives. A time without a day said ("10am") goes on `onDay` if given.
 * The booking and the move of a booking both read times through this.
 */
export function callbackTimeFor(
  services: Pick<DialogServices, 'business' | 'callbacks'>,
  when: NonNullable<Entities['when']>,
  onDay?: string,
): CallbackTime {
  const { callbacks, business } = services;
  const zone = business.timeZone;
  if (!when.asap && !when.hasTime) return { kind: 'day', day: DateTime.fromISO(when.start, { zone }).toISODate()! };
  let start = DateTime.fromISO(when.start, { zone });
  let end = when.end ? DateTime.fromISO(when.end, { zone }) : undefined;
  // "10am" after "next friday": the time goes on the day already named.
  if (!when.asap && when.dateSaid === false && onDay) {
    const day = DateTime.fromISO(onDay, { zone });
    start = day.set({ hour: start.hour, minute: start.minute });
    end = end && day.set({ hour: end.hour, minute: end.minute });
  }
  if (!when.asap && when.window && end) {
    // A part of the day: the first open slot inside it, and say which.
    for (let t = start; t < end; t = t.plus({ minutes: 15 })) {
      const inside = callbacks.checkTime({ start: t.toJSDate(), hasTime: true });
      if (inside.ok) {
        return {
          kind: 'slot',
          slot: { start: inside.slot.start.toISOString(), end: inside.slot.end.toISOString(), asap: false },
          notice: copy.firstSlotInWindow(dates.slot(business, inside.slot)),
        };
      }
    }
  }
  const requested = when.asap ? ('asap' as const) : { start: start.toJSDate(), hasTime: true };
  const result = callbacks.checkTime(requested);
  if (result.ok) {
    return {
      kind: 'slot',
      slot: { start: result.slot.start.toISOString(), end: result.slot.end.toISOString(), asap: result.slot.asap },
    };
  }
  if (result.reason === 'too_far') return { kind: 'unavailable', notice: copy.timeTooFar() };
  return {
    kind: 'alternatives',
    alternatives: result.alternatives.map(iso),
    notice: copy.timeAlternatives(
      copy.slotRejected(result.reason),
      result.alternatives.map((a) => dates.slot(business, a)),
    ),
  };
}

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

    // The answer to "what would you like to talk about?" is the topic, whatever dates or numbers it
    // mentions ("a gift for Saturday" does not move the call to Saturday).
    // "yes please" or "ok" says nothing about what to talk about: the topic is asked again; "no",
    // "nothing really" is a call about nothing in particular.
    const bare = u.text.trim().split(/\s+/).length <= 3 ? readYesNo(u.text) : undefined;
    if (
      state.asking === 'topic' &&
      (bare === false ||
        /^\s*(?:nothing(?: (?:really|much|special|in particular))?|not really|no idea)\s*[.!]*\s*$/i.test(u.text))
    ) {
      state.topic = copy.generalTopic();
      return { filled: ['topic'] };
    }
    if (state.asking === 'topic' && bare === true) return { filled: [] };
    if (state.asking === 'topic' && u.text.trim() && !entities.phone && !entities.name && !onlyATime(u)) {
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
      else if (which === 'time' || which === 'when' || which === 'day') state.slot = state.day = undefined;
      else if (which === 'topic' || which === 'about') state.topic = undefined;
      if (which) filled.push('change');
    }
    if (state.asking === 'confirmPhone' && state.proposedPhone) {
      const yes = readYesNo(u.text);
      if (yes === true) {
        state.phone = state.proposedPhone;
        filled.push('phone');
      } else if (yes === false) {
        state.proposedPhone = undefined;
        filled.push('confirmPhone');
      }
    }
    const contact = absorbContact(state, u, session, readContextOf(this.services));
    filled.push(...contact.filled);
    notice = contact.notice;
    if (contact.filled.includes('phone')) state.proposedPhone = undefined;
    const time = this.takeTime(state, u);
    filled.push(...time.filled);
    notice = time.notice ?? notice;
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

  /** An alternative picked, or the time the message names: checked and, for a window, its first open slot. */
  private takeTime(state: CallbackState, u: Understanding): Absorbed {
    if (state.asking === 'time' && state.alternatives?.length) {
      const options = state.alternatives.map((a) => ({ label: a.start, time: this.localTime(a.start) }));
      const chosen = readChoice(u.text, options, readContextOf(this.services));
      if (chosen !== undefined) {
        state.slot = { ...state.alternatives[chosen]!, asap: false };
        state.alternatives = undefined;
        return { filled: ['time'] };
      }
    }
    const when = u.entities.when;
    if (!when) return { filled: [] };
    const time = callbackTimeFor(this.services, when, state.day);
    switch (time.kind) {
      case 'day':
        // A day alone: the time on that day is asked next, never guessed.
        state.day = time.day;
        state.slot = state.alternatives = undefined;
        return { filled: ['day'] };
      case 'slot':
        state.slot = time.slot;
        state.alternatives = undefined;
        return time.notice ? { filled: ['time'], notice: time.notice } : { filled: ['time'] };
      case 'unavailable':
        return { filled: [], notice: time.notice };
      case 'alternatives':
        state.alternatives = time.alternatives;
        state.slot = undefined;
        return { filled: ['alternatives'], notice: time.notice };
    }
  }

  private localTime(isoInstant: string): string {
    return DateTime.fromISO(isoInstant, { zone: this.services.business.timeZone }).toFormat('HH:mm');
  }

  protected override correctionSlots(): CorrectionSlot[] {
    return ['name', 'phone', 'time', 'date'];
  }

  protected override async correct(dc: DialogContext, state: CallbackState, c: Correction): Promise<Absorbed | undefined> {
    const session = await this.services.sessions.get(dc.context);
    if (c.slot === 'name' && c.name) {
      state.name = session.contact.name = c.name;
      return { filled: ['name'] };
    }
    if (c.slot === 'phone' && c.phone) {
      state.phone = session.contact.phone = c.phone;
      state.proposedPhone = undefined;
      return { filled: ['phone'] };
    }
    if ((c.slot === 'time' || c.slot === 'date') && c.when) {
      const u = getUnderstanding(dc.context);
      if (!u.entities.when) return undefined;
      // "sorry, I meant Friday" keeps the time of day already chosen; "make it 4pm" keeps the day.
      if (c.slot === 'date' && state.slot && !state.slot.asap && c.when.date) {
        const old = DateTime.fromISO(state.slot.start, { zone: this.services.business.timeZone });
        state.day = c.when.date;
        const moved = `${c.when.date}T${old.toFormat('HH:mm')}`;
        const start = DateTime.fromISO(moved, { zone: this.services.business.timeZone }).toISO()!;
        return this.takeTime(state, {
          ...u,
          entities: {
            ...u.entities,
            when: { ...u.entities.when, start, hasTime: true, window: false, end: undefined, dateSaid: true },
          },
        });
      }
      if (state.slot && !c.when.dateSaid)
        state.day = DateTime.fromISO(state.slot.start, { zone: this.services.business.timeZone }).toISODate() ?? undefined;
      const taken = this.takeTime(state, u);
      return taken.filled.length || taken.notice ? taken : undefined;
    }
    return undefined;
  }

  protected expectation(state: CallbackState, slot: string): Expectation {
    switch (slot) {
      case 'name':
        return { kind: 'name' };
      case 'phone':
        return { kind: 'phone' };
      case 'confirmPhone':
        return { kind: 'yesno' };
      case 'time':
        return state.alternatives?.length
          ? { kind: 'choice', options: state.alternatives.map((a) => ({ label: a.start, time: this.localTime(a.start) })) }
          : { kind: 'time' };
      default:
        return { kind: 'text' };
    }
  }

  protected missing(state: CallbackState): string | undefined {
    // Alternatives just offered are answered first ("Which suits you?").
    if (state.alternatives?.length && !state.slot) return 'time';
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
        return state.day && !state.alternatives?.length
          ? copy.askTimeOnDay(dates.day(this.services.business, state.day))
          : copy.askTime();
      default:
        return copy.askTopic();
    }
  }

  protected override changed(before: CallbackState, after: CallbackState): string | undefined {
    return before.slot && after.slot && before.slot.start !== after.slot.start
      ? copy.changedTo(dates.callbackWhen(this.services.business, after.slot))
      : undefined;
  }

  protected summary(state: CallbackState): string {
    const { business } = this.services;
    return copy.callbackSummary(
      state.name!,
      formatPhone(state.phone!, business.defaultPhoneRegion),
      dates.callbackWhen(business, state.slot!),
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
    const commits = (await services.sessions.get(dc.context)).commits ?? 0;
    const callback = await services.callbacks.book({
      idempotencyKey: `${turnInputOf(dc.context).conversationId}|callback|${commits}`,
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
    session.commits = commits + 1;
    void services.conversationLog.addOutcome(turnInputOf(dc.context).conversationId, 'callback_booked');
    await dc.context.sendActivity(copy.callbackBooked(callback.ref, dates.callbackWhen(services.business, state.slot!)));
  }
}

/** "10am" or "tomorrow at 3" and little else: an answer about the time, not a topic. */
function onlyATime(u: Understanding): boolean {
  const when = u.entities.when;
  if (!when) return false;
  const rest = u.text.replace(when.text, ' ').replace(/\b(?:actually|make it|at|on|please|instead|ok|then)\b/gi, ' ');
  return (
    rest
      .trim()
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w)).length <= 1
  );
}

const iso = (s: SlotOption): { start: string; end: string } => ({ start: s.start.toISOString(), end: s.end.toISOString() });

/**
 * "call me tomorrow … about the wedding order": the topic a one-shot request names, without the time
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
