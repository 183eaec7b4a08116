/**
 * Advice, only when the customer asked for it. Every turn is a L.A.M.A. turn built by the domain
 * (src/domain/consulting/lama.ts); this dialog keeps the facts, renders the turn and hands over to
 * a callback or an order when the customer is ready. "Just looking" ends it politely.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import {
  acknowledgement,
  dietaryLimit,
  listen,
  mergeFacts,
  needIsClear,
  nextQuestion,
  recommend,
  statement,
  statementQuery,
  type NeedSlot,
} from '../src/domain/consulting/lama.js';
import { citation } from '../src/domain/knowledge/answer.js';
import { originOf } from '../src/domain/turn/turnInput.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { answerFit } from './answerFit.js';
import { answerQuestion } from './answering.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { getUnderstanding, turnInputOf } from './turnInput.js';

export const CONSULT_DIALOG = 'consult';

interface ConsultState {
  asked: NeedSlot[];
  asking?: NeedSlot;
  /** Passages already stated, so a fact is not repeated. */
  stated: string[];
  idle: number;
}

const QUESTIONS: Record<NeedSlot, string> = {
  occasion: "What's the occasion?",
  servings: 'About how many people will it need to serve?',
  date: 'When do you need it by?',
  dietary: 'Is there a flavour or dietary need I should keep in mind?',
  fulfilment: 'Would you like it delivered, or would you rather pick it up?',
};

export class ConsultDialog extends Dialog {
  constructor(private readonly services: DialogServices) {
    super(CONSULT_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state: ConsultState = { asked: [], stated: [], idle: 0 };
    dc.activeDialog!.state = state;
    void this.services.conversationLog.addOutcome(dc.context.activity.conversation.id, 'advice');
    return this.turn(dc, state, getUnderstanding(dc.context), true);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const u = getUnderstanding(dc.context);
    const state = dc.activeDialog!.state as ConsultState;
    if (u.intent === 'browsing') {
      await dc.context.sendActivity(copy.adviceEnd());
      return dc.endDialog();
    }
    if (u.intent === 'callback' || u.intent === 'order') return dc.endDialog({ next: u.intent });
    return this.turn(dc, state, u, false);
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: unknown }): Promise<void> {
    const state = instance.state as ConsultState;
    if (state.asking) await context.sendActivity(QUESTIONS[state.asking]);
  }

  private async turn(dc: DialogContext, state: ConsultState, u: Understanding, first: boolean): Promise<DialogTurnResult> {
    const { services } = this;
    const { business } = services;
    const session = await services.sessions.get(dc.context);
    if (first) session.need ??= u.text.slice(0, 300);

    // Listen
    // What the rules hear wins over what a language model heard (u.listened, when one is configured).
    const heard = {
      ...u.listened,
      ...listen({
        text: u.text,
        entities: u.entities,
        answering: state.asking,
        localDate: (iso) => DateTime.fromISO(iso, { zone: business.timeZone }).toISODate() ?? iso.slice(0, 10),
        zoneOf: (text) => services.orders.zoneOf(text),
      }),
    };
    // A side question ("do you deliver to Bondi?") is answered, not taken as facts, unless it
    // answers something already asked and still unknown ("could you do Saturday?").
    const answersAsked = state.asked.some((slot) => heard[slot] !== undefined && session.facts[slot] === undefined);
    if (!first && u.intent === 'question' && !answersAsked) {
      await answerQuestion(dc.context, services, u.text, { offerCallback: false });
      if (state.asking) await dc.context.sendActivity(QUESTIONS[state.asking]);
      return Dialog.EndOfTurn;
    }
    const fresh = mergeFacts(session.facts, heard);
    const gotSomething = Object.keys(fresh).length > 0;

    if (!gotSomething && !first && ++state.idle >= 3) {
      session.offer = 'human';
      await dc.context.sendActivity(yesNo(copy.stuck()));
      return dc.endDialog();
    }
    if (gotSomething) state.idle = 0;

    await services.leads.note(dc.context.activity.conversation.id, originOf(turnInputOf(dc.context)), {
      need: session.need,
      facts: flatFacts(session.facts),
      products: session.facts.products,
      stage: 'desire',
    });

    const parts: string[] = [];
    if (first) parts.push(copy.adviceStart());
    // Acknowledge
    const ack = acknowledgement(fresh);
    const ackAt = parts.length;
    if (ack) parts.push(ack);

    const used = new Set(state.stated);
    if (needIsClear(session.facts, state.asked)) {
      const products = business.products.map((p) => p.name);
      // Never suggest a product for a need the business says it cannot meet (e.g. nut-free).
      const limit = dietaryLimit(services.knowledge, session.facts.dietary, services.minConfidence);
      const pick = limit ? undefined : recommend(services.knowledge, session.facts, products, services.minConfidence);
      if (limit) parts.push(`${limit.text} (Source: ${citation(limit.source)})`);
      if (pick) {
        const suggestion = `Based on that, I'd suggest the ${pick.source.heading.toLowerCase()}.`;
        parts.push(used.has(pick.source.id) ? suggestion : `${suggestion} ${pick.text} (Source: ${citation(pick.source)})`);
      }
      parts.push(copy.nextStep());
      session.offer = 'next_step';
      await dc.context.sendActivity(parts.join(' '));
      return dc.endDialog();
    }

    // Make a statement
    if (gotSomething) {
      const said = statement(services.knowledge, statementQuery(fresh, u.text), used, services.minConfidence);
      if (said) {
        parts.push(`${said.text} (Source: ${citation(said.source)})`);
        state.stated.push(said.source.id);
      }
    }
    // Ask
    const slot = nextQuestion(session.facts, state.asked);
    if (slot) {
      state.asked.push(slot);
      state.asking = slot;
      // Acknowledge and Ask in the writer's words (the fixed copy offline, or on any doubt).
      const fit = answerFit(turnInputOf(dc.context).flags);
      const worded = await services.lamaWriter.write({
        customerText: u.text,
        fresh,
        known: session.facts,
        acknowledgement: ack,
        ask: { slot, question: QUESTIONS[slot] },
        fit,
        beforeSlowCall: fit.typing ? () => dc.context.sendActivity({ type: 'typing' }) : undefined,
      });
      if (ack && worded.acknowledgement) parts[ackAt] = worded.acknowledgement;
      parts.push(worded.question);
    } else {
      parts.push(copy.nextStep());
      session.offer = 'next_step';
      await dc.context.sendActivity(parts.join(' '));
      return dc.endDialog();
    }
    await dc.context.sendActivity(parts.join(' '));
    return Dialog.EndOfTurn;
  }
}

function flatFacts(facts: object): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(facts)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.join(', ');
  }
  return out;
}
