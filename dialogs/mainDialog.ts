/**
 * The conversation's router. It never ends: each turn it handles the interruptions that work at
 * every prompt (start over, cancel, help, forget me, a person), lets an active child dialog
 * continue, follows up a yes/no offer, or routes a new request. Plain questions get plain answers.
 */
import { ActivityTypes, InputHints } from 'botbuilder';
import { DateTime } from 'luxon';
import { ComponentDialog, DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Business } from '../src/domain/business.js';
import type { Intent, Understanding } from '../src/domain/understanding/types.js';
import { MAX_TEXT_LENGTH, originOf } from '../src/domain/turn/turnInput.js';
import { answerQuestion, asksBarePrice } from './answering.js';
import { answerPriceOrder } from './priceAnswer.js';
import { answerCatalogue } from './catalogueAnswer.js';
import { answerFromRetriever } from '../src/domain/knowledge/answer.js';
import { ASKS_WITHIN, questionParts } from '../src/domain/knowledge/questionParts.js';
import { hoursOnDay } from '../src/domain/schedule/hoursOnDay.js';
import { CALLBACK_DIALOG, CallbackDialog, callbackTimeFor } from './callbackDialog.js';
import { CONSULT_DIALOG, ConsultDialog, needsNotOrder, wishWithNeeds } from './consultDialog.js';
import { callerOf } from './contact.js';
import { copy, dates } from './copy.js';
import { greet } from './greeting.js';
import { yesNo } from './choices.js';
import { FORGET_ME_DIALOG, ForgetMeDialog, type OnForgotten } from './forgetMeDialog.js';
import { handleHandoffStatus, startHandoff } from './handoff.js';
import { ORDER_DIALOG, OrderDialog } from './orderDialog.js';
import type { DialogServices } from './services.js';
import { turnInputOf } from './turnInput.js';
import type { FormState } from './formDialog.js';
import { fitsExpectation, readContextOf } from './promptReading.js';
import type { Callback, OrderRequest } from '../src/domain/model.js';

const MAIN_DIALOG = 'main';

export class MainDialog extends ComponentDialog {
  constructor(
    private readonly services: DialogServices,
    onForgotten: OnForgotten,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new CallbackDialog(CALLBACK_DIALOG, services));
    this.addDialog(new OrderDialog(ORDER_DIALOG, services));
    this.addDialog(new ConsultDialog(services));
    this.addDialog(new ForgetMeDialog(services, onForgotten));
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.onContinueDialog(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const { context } = inner;
    const { activity } = context;
    const input = turnInputOf(context);
    if (activity.type === ActivityTypes.Event) {
      await handleHandoffStatus(context, this.services);
      return waiting;
    }
    if (activity.type === ActivityTypes.ConversationUpdate) {
      if (input.joined) await greet(context, this.services);
      return waiting;
    }
    if (activity.type !== ActivityTypes.Message) return waiting;
    const session = await this.services.sessions.get(context);
    if (session.handedOff) return waiting; // a person has the conversation
    if (input.signal === 'silence') {
      await this.silence(inner);
      return waiting;
    }
    const { text } = input;
    if (!text) {
      await context.sendActivity(activity.attachments?.length ? copy.unsupported() : copy.empty());
      return waiting;
    }
    if (text.length > MAX_TEXT_LENGTH) {
      await context.sendActivity(copy.tooLong(MAX_TEXT_LENGTH));
      return waiting;
    }
    const u = input.understanding;
    const silences = session.silences ?? 0;
    session.silences = 0;
    // "Yes" to the offer of a person after silence on a call hands over, whatever was being asked.
    if (silences >= SILENCES_BEFORE_OFFER && u.intent === 'affirm') {
      await inner.cancelAllDialogs();
      await startHandoff(context, this.services);
      return waiting;
    }
    if (u.entities.products?.length) {
      await this.services.leads.note(input.conversationId, originOf(input), { products: u.entities.products });
    }
    // An answer of the kind the pending question expects is that answer first ("no, don't store my
    // details" to a yes/no question declines; it does not start erasure).
    const expects = (inner.activeDialog?.state as FormState | undefined)?.expects;
    // A name prompt takes almost any words as a name; a request to stop, start over or get help is not one.
    const answers =
      fitsExpectation(expects, text, readContextOf(this.services)) &&
      !(expects?.kind === 'name' && NOT_A_NAME_ANSWER.has(u.intent));
    if (!answers && (await this.lookup(inner, u))) return waiting;
    if (!answers && (await this.interruption(inner, u))) return waiting;

    if (inner.activeDialog) {
      const result = await inner.continueDialog();
      if (result.status === DialogTurnStatus.complete) await this.afterChild(inner, result.result);
      return waiting;
    }
    await this.route(inner, u);
    return waiting;
  }

  /**
   * Nothing heard on a call: the first time a short reprompt (the pending question again, when there
   * is one); the second time in a row the offer of a person.
   */
  private async silence(inner: DialogContext): Promise<void> {
    const session = await this.services.sessions.get(inner.context);
    session.silences = (session.silences ?? 0) + 1;
    if (session.silences >= SILENCES_BEFORE_OFFER) {
      // The offer ends with how to answer, not a question mark: the caller is still expected to answer.
      await inner.context.sendActivity({ ...yesNo(copy.silenceOfferPerson()), inputHint: InputHints.ExpectingInput });
    } else {
      await inner.context.sendActivity(copy.silenceReprompt());
      if (inner.activeDialog) await inner.repromptDialog();
    }
  }

  /** Interruptions that work at every prompt. Returns true when the turn was handled. */
  private async interruption(inner: DialogContext, u: Understanding): Promise<boolean> {
    const { context } = inner;
    const { sessions } = this.services;
    switch (u.intent) {
      case 'restart':
        await inner.cancelAllDialogs();
        await sessions.reset(context);
        await context.sendActivity(copy.restarted());
        return true;
      case 'cancel': {
        const session = await sessions.get(context);
        // "cancel it" with nothing in progress means the booking just made, looked up or moved.
        const namesBooking = /\b(call ?back|call|booking|appointment)\b/i.test(u.text);
        const namesLast = namesBooking || (!inner.activeDialog && /\b(it|that)\b/i.test(u.text));
        const ref = u.entities.refCode ?? (namesLast ? session.lastCallbackRef : undefined);
        if (ref) {
          await this.cancelCallback(inner, ref);
          return true;
        }
        if (inner.activeDialog) {
          session.offer = undefined;
          await inner.cancelAllDialogs();
          await context.sendActivity(copy.cancelled());
        } else if (u.text.trim().endsWith('?')) {
          // "What is your refund policy if I cancel?" asks about cancelling: it gets an answer.
          await answerQuestion(context, this.services, u.text, { offerCallback: true });
        } else {
          session.offer = undefined;
          await context.sendActivity(copy.nothingToCancel());
        }
        return true;
      }
      case 'help':
        await context.sendActivity(copy.help(this.services.business));
        if (inner.activeDialog) await inner.repromptDialog();
        return true;
      case 'forget_me':
        await inner.cancelAllDialogs();
        await inner.beginDialog(FORGET_ME_DIALOG);
        return true;
      case 'human':
        await inner.cancelAllDialogs();
        await startHandoff(context, this.services);
        return true;
      default:
        return this.moveCallback(inner, u);
    }
  }

  /**
   * "do I have a callback booked?", "when is my callback?", a reference code alone or in a sentence:
   * the customer's open callbacks and order requests read back, with cancel and move offered.
   */
  private async lookup(inner: DialogContext, u: Understanding): Promise<boolean> {
    const { callbacks, orders, business, customers, sessions } = this.services;
    // A code sent alone is looked up even when it reads like a word ("HJSWJ5"); unknown, it is left be.
    const alone = /^\s*((?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{6})\s*[.!]?\s*$/i.exec(u.text)?.[1]?.toUpperCase();
    const caller = callerOf(turnInputOf(inner.context));
    // Only the caller's own booking counts as known: someone else's reads as an unknown word.
    const known =
      alone && !u.entities.refCode ? (await callbacks.findByReference(alone, caller, { countMiss: false })).ok : false;
    const ref = u.entities.refCode ?? (known ? alone : undefined);
    const asks = LOOKUP.test(u.text);
    const refOnly = ref && (REF_ALONE.test(u.text) || u.text.replace(new RegExp(ref, 'i'), '').trim().length === 0);
    if (!asks && !refOnly) return false;
    if (u.intent === 'cancel' || /\b(?:move|reschedule|change|push|shift)\b/i.test(u.text)) return false;
    const { context } = inner;
    const input = turnInputOf(context);
    const session = await sessions.get(context);
    let found: { callbacks: Callback[]; orders: OrderRequest[] };
    if (ref) {
      // The caller's own booking only; unknown and someone else's read the same. One miss is
      // counted when neither a callback nor an order request of theirs has the reference.
      const callback = await callbacks.findByReference(ref, caller, { countMiss: false });
      const order = callback.ok ? undefined : await orders.findByReference(ref, caller);
      if (order && !order.ok && order.reason === 'too_many_attempts') {
        await context.sendActivity(copy.tooManyReferenceTries(business));
        return true;
      }
      found = {
        callbacks: callback.ok && callback.record.status === 'open' ? [callback.record] : [],
        orders: order?.ok && order.record.status !== 'cancelled' ? [order.record] : [],
      };
    } else {
      const customerId = session.customerId ?? (await customers.recognize(input.account))?.id;
      const who = { customerId, conversationId: input.conversationId };
      found = { callbacks: await callbacks.openFor(who), orders: await orders.openFor(who) };
    }
    const lines = [
      ...found.callbacks.map((c) =>
        copy.callbackRecord(
          c.ref,
          dates.callbackWhen(business, {
            start: c.dueAt,
            end: new Date(Date.parse(c.dueAt) + business.callbackWindowMinutes * 60_000).toISOString(),
            asap: c.asap,
          }),
        ),
      ),
      ...found.orders.map((o) =>
        copy.orderRecord(
          business,
          o.ref,
          copy.orderItems(o.items.map(({ quantity, product }) => ({ quantity, product }))),
          o.neededOn,
        ),
      ),
    ];
    if (found.callbacks[0]) session.lastCallbackRef = found.callbacks[0].ref;
    await context.sendActivity(lines.length ? copy.recordsFound(lines) : ref ? copy.recordNotFound(ref) : copy.noRecords());
    if (inner.activeDialog) await inner.repromptDialog();
    return true;
  }

  private async route(inner: DialogContext, u: Understanding): Promise<void> {
    const { context } = inner;
    const session = await this.services.sessions.get(context);
    const offer = session.offer;
    // An offer waits through side questions; any other request replaces it.
    if (u.intent !== 'question' && u.intent !== 'none') session.offer = undefined;
    if (offer && (u.intent === 'affirm' || u.intent === 'deny')) {
      if (u.intent === 'deny') {
        await context.sendActivity(copy.offerDeclined());
      } else if (offer === 'human') {
        await startHandoff(context, this.services);
      } else {
        await inner.beginDialog(CALLBACK_DIALOG, {
          topic: offer === 'callback' ? session.offerTopic : session.need,
          absorbFirst: false,
        });
      }
      return;
    }
    const reply = REPLIES[u.intent];
    // Contact details given unprompted ("Noah Brown, 0444 666 777") are a wish to be contacted.
    const { consultation } = this.services.business;
    const dialog =
      needsNotOrder(consultation, u) || wishWithNeeds(consultation, u)
        ? CONSULT_DIALOG
        : (STARTS[u.intent] ??
          ((u.intent === 'none' || u.intent === 'question') && u.entities.phone ? CALLBACK_DIALOG : undefined));
    const { business, clock } = this.services;
    const hours = !dialog && !reply ? hoursOnDay(business, u.text, u.entities.when, clock.now()) : undefined;
    if (u.intent === 'identity') {
      session.offer = 'human';
      await context.sendActivity(yesNo(copy.identity(business)));
    } else if (u.intent === 'greeting') await greet(context, this.services);
    else if (reply) await context.sendActivity(reply());
    else if (dialog === ORDER_DIALOG && (await this.answersInstead(u)))
      await answerQuestion(context, this.services, u.text, { offerCallback: true });
    else if (dialog === ORDER_DIALOG && !business.products.length) {
      // "I want to book a tune-up" where the knowledge says no booking is needed: that answer first.
      if (!/\b(?:order|buy|purchase)/i.test(u.text) && (await this.answers(u.text)))
        await answerQuestion(context, this.services, u.text, { offerCallback: true });
      else await this.noOrders(inner, u.text);
    } else if (dialog) await inner.beginDialog(dialog);
    // "What time do you close today?": that day's hours, from the business's own hours and holidays.
    else if (hours) await context.sendActivity(copy.hoursOnDay(business, hours));
    // "???", "...": nothing to answer, so nothing is claimed to be unknown.
    else if (!/[\p{L}\p{N}]/u.test(u.text)) await context.sendActivity(copy.nothingToRead());
    // "how much?" with nothing before it: the price of what.
    else if (asksBarePrice(u.text) && !session.lastTopic) await context.sendActivity(copy.priceOfWhat(this.topics()));
    // "What do you sell?" and "what's your cheapest cake?" from the business's own lists; else the knowledge.
    else if (
      !(await answerCatalogue(context, this.services, u.text)) &&
      !(await answerPriceOrder(context, this.services, u.text))
    )
      await answerQuestion(context, this.services, u.text, { offerCallback: true });
  }

  /** A child ended: the consult dialog may hand over to a callback or an order. */
  private async afterChild(inner: DialogContext, result: unknown): Promise<void> {
    const next = (result as { next?: string } | undefined)?.next;
    if (next === 'callback') await inner.beginDialog(CALLBACK_DIALOG);
    else if (next === 'order' && !this.services.business.products.length) await this.noOrders(inner, '');
    else if (next === 'order') await inner.beginDialog(ORDER_DIALOG);
  }

  /** What the knowledge gives prices for, by its documents' titles ("Celebration cakes", "Delivery and pickup"). */
  private topics(): string[] {
    // The documents with the most priced passages first.
    const counts = new Map<string, number>();
    for (const p of this.services.knowledge.passages())
      if (/[$€£¥]\s?\d/.test(p.text)) counts.set(p.title, (counts.get(p.title) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([title]) => title);
  }

  /**
   * "can i buy a gift card?" names no product one can order but asks something the knowledge
   * answers: it is a question, not an order ("I'd like to order a cake" is an order, asked or not).
   */
  private async answersInstead(u: Understanding): Promise<boolean> {
    // "can i get a discount if i order 100 cupcakes?", "how far in advance would I need to order one?"
    // name a product but ask about it; "can i order a medium cake for saturday?" asks to order it.
    const asksAbout = /\b(?:how|what|when|which|whether|discounts?|deals?|prices?|costs?|cheaper|fees?|charge)\b/i.test(u.text);
    if ((u.entities.products?.length && !asksAbout) || !QUESTION_FORM.test(u.text)) return false;
    return this.answers(u.text);
  }

  /** Whether the knowledge answers the text, whole or a question of it (without saying anything yet). */
  private async answers(text: string): Promise<boolean> {
    const minConfidence = this.services.answerMinConfidence;
    for (const asked of new Set([text, ...questionParts(text)]))
      if ((await answerFromRetriever(this.services.retriever, asked, { minConfidence })).kind === 'answer') return true;
    return false;
  }

  /**
   * A business whose business.yaml lists no products takes no order requests in chat: it says so
   * and offers a callback about what the customer wanted, instead of asking which of nothing.
   */
  private async noOrders(inner: DialogContext, wanted: string): Promise<void> {
    const session = await this.services.sessions.get(inner.context);
    session.offer = 'callback';
    // "I want to order a cascadia ridge e" is read back as "buying a cascadia ridge e".
    const item = /\b(?:order|buy|purchase)(?:ing)?\s+(?:one of )?(.+?)[.!?]*$/i.exec(wanted)?.[1];
    session.offerTopic = (item ? copy.buyingTopic(item) : wanted || session.need || copy.buyingTopic('')).slice(0, 200);
    await inner.context.sendActivity(yesNo(copy.noOrders()));
  }

  private async cancelCallback(inner: DialogContext, ref: string): Promise<void> {
    const cancelled = await this.services.callbacks.cancel(ref, callerOf(turnInputOf(inner.context)));
    // A cancelled booking is no longer what "it" names.
    const session = await this.services.sessions.get(inner.context);
    if (cancelled.ok && session.lastCallbackRef === cancelled.record.ref) session.lastCallbackRef = undefined;
    await inner.context.sendActivity(
      cancelled.ok ? copy.callbackCancelled(cancelled.record.ref) : notFound(this.services.business, ref, cancelled.reason),
    );
  }

  /**
   * "Move it to Friday 10am", "move K7M2QD to friday 3pm", "reschedule it to tomorrow afternoon": the
   * reference (or the callback just talked about) and the time as the readers give them, read through
   * the same rules as a booking (callbackTimeFor). A day alone keeps the callback's time of day; a time
   * alone keeps its day; a window takes its first open slot.
   */
  private async moveCallback(inner: DialogContext, u: Understanding): Promise<boolean> {
    if (!/\b(move|reschedule|re-schedule|change|push|shift)\b/i.test(u.text) || !u.entities.when) return false;
    const session = await this.services.sessions.get(inner.context);
    const ref = u.entities.refCode ?? (/\b(it|callback|call)\b/i.test(u.text) ? session.lastCallbackRef : undefined);
    if (!ref) return false;
    const { business, callbacks } = this.services;
    const caller = callerOf(turnInputOf(inner.context));
    const current = await callbacks.findByReference(ref, caller);
    if (!current.ok || current.record.status !== 'open') {
      await inner.context.sendActivity(notFound(business, ref, current.ok ? 'not_found' : current.reason));
      return true;
    }
    const was = DateTime.fromISO(current.record.dueAt, { zone: business.timeZone });
    let time = callbackTimeFor(this.services, u.entities.when, was.toISODate()!);
    if (time.kind === 'day') {
      const start = DateTime.fromISO(time.day, { zone: business.timeZone }).set({ hour: was.hour, minute: was.minute });
      time = callbackTimeFor(this.services, { ...u.entities.when, start: start.toISO()!, hasTime: true, dateSaid: true });
    }
    if (time.kind !== 'slot') {
      const options =
        time.kind === 'alternatives' ? time.alternatives.map((a) => dates.callbackWhen(business, { ...a, asap: false })) : [];
      await inner.context.sendActivity(
        options.length ? copy.timeAlternatives(copy.cannotMoveThere(), options) : copy.timeTooFar(),
      );
      return true;
    }
    const moved = await callbacks.move(ref, { start: new Date(time.slot.start), asap: time.slot.asap }, caller);
    if (moved.ok) session.lastCallbackRef = moved.record.ref;
    await inner.context.sendActivity(
      moved.ok
        ? [time.notice, copy.callbackMoved(moved.record.ref, dates.callbackWhen(business, time.slot))].filter(Boolean).join(' ')
        : notFound(business, ref, moved.reason),
    );
    return true;
  }
}

const waiting: DialogTurnResult = { status: DialogTurnStatus.waiting };

/** Unknown and someone else's reference read the same; too many tries say so. */
const notFound = (business: Business, ref: string, reason: 'not_found' | 'too_many_attempts'): string =>
  reason === 'too_many_attempts' ? copy.tooManyReferenceTries(business) : copy.callbackNotFound(ref);

/** Asking about a booking already made. */
const LOOKUP =
  /\b(?:do i (?:still )?have(?! to\b)|have i (?:got|booked|made)|did i (?:book|make|place)|is my|when(?:'s| is| was) (?:my|the)|what time is (?:my|the)|status of (?:my|the)|look ?up my|check (?:on )?my|find my)\b[^?.!]*?\b(?:call ?backs?|bookings?|orders?|order requests?|appointments?|calls?)\b/i;
/** "my reference is U73YHM", "ref U73YHM", "booking number U73YHM". */
const REF_ALONE = /\b(?:my )?(?:reference|ref|booking (?:number|code)|order (?:number|code)|confirmation (?:number|code))\b/i;

/** Intents that, at a name prompt, are what the message is rather than a name. */
const NOT_A_NAME_ANSWER: ReadonlySet<Intent> = new Set(['restart', 'cancel', 'help', 'human', 'forget_me', 'goodbye']);

/** Silent turns in a row on a call before a person is offered. */
const SILENCES_BEFORE_OFFER = 2;

/** Intents answered with one sentence. */
const REPLIES: Partial<Record<Intent, () => string>> = {
  thanks: copy.thanks,
  goodbye: copy.goodbye,
  browsing: copy.browsing,
  affirm: copy.noOffer,
  deny: copy.offerDeclined,
};

/** A message asked as a question ("can i buy …?", "do you sell …", "where can i get …"). */
const QUESTION_FORM = new RegExp(
  `${/^\s*(?:(?:hi|hey|hello)[,!. ]+)?(?:can|could|may|do|does|is|are|where|how|what|when|which)\b|\?\s*$/.source}|${ASKS_WITHIN.source}`,
  'i',
);

/** Intents that start a dialog; every other intent is treated as a question. */
const STARTS: Partial<Record<Intent, string>> = {
  advice: CONSULT_DIALOG,
  callback: CALLBACK_DIALOG,
  order: ORDER_DIALOG,
};
