/**
 * Advice, only when the customer asked for it. Every turn is a L.A.M.A. turn decided by the
 * consulting engine (src/domain/consulting/consultTurn.ts) from the business's consultation data;
 * this dialog keeps the facts, renders the turn, and after a recommendation waits one turn: a yes
 * starts a callback, a closing remark ("ok cool", "thanks") ends politely, a question is answered,
 * a new fact refines the advice. "Just looking" ends it at any point.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Consultation } from '../src/domain/consulting/consultationSchema.js';
import { consultTurn, describe, type ConsultTurn } from '../src/domain/consulting/consultTurn.js';
import { flatFacts, type ConsultFacts } from '../src/domain/consulting/facts.js';
import { listen, namedProducts } from '../src/domain/consulting/listen.js';
import type { Statement } from '../src/domain/consulting/statements.js';
import { citation } from '../src/domain/knowledge/answer.js';
import { originOf } from '../src/domain/turn/turnInput.js';
import { extractWhen } from '../src/domain/understanding/extractWhen.js';
import { matchProducts } from '../src/domain/understanding/matchProducts.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { answerFit } from './answerFit.js';
import { answerQuestion } from './answering.js';
import { CALLBACK_DIALOG } from './callbackDialog.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import { startHandoff } from './handoff.js';
import { ORDER_DIALOG } from './orderDialog.js';
import type { DialogServices } from './services.js';
import type { Session } from './session.js';
import { getUnderstanding, turnInputOf } from './turnInput.js';

export const CONSULT_DIALOG = 'consult';

interface ConsultState {
  asked: string[];
  asking?: string;
  /** Sentences already stated, so a fact is not repeated. */
  stated: string[];
  idle: number;
  /** Set once a recommendation was made (and the next steps offered, once). */
  recommended?: string[];
  /** Products the customer asked to choose between. */
  between?: string[];
  /** Set when nothing fitted and a person was offered: a yes hands over, a new fact consults again. */
  blocked?: boolean;
  /**
   * The customer came to buy ("I'd like a birthday cake for saturday week") and is being helped to
   * choose: one product picked ("medium please") goes on to the order request.
   */
  buying?: boolean;
}

/** A yes that takes up the offer of a next step; "ok", "cool", "sounds good" only close. */
const TAKES_OFFER =
  /^(?:yes|yeah|yep|yup|sure|please|please do|go ahead|lets do it|lets do that|do it|book it|yes please|id like that|that would be great)\b/;
/** Asking for the suggestion itself: recommend with what is known instead of asking more. */
const WANTS_PICK =
  /\b(?:recommend|recommendation|suggest|suggestion|what (?:should|would|do) (?:i|we|you) (?:get|take|choose|pick|go for)|which (?:one|is best)|your (?:pick|choice)|just tell me)\b/i;

export class ConsultDialog extends Dialog {
  constructor(private readonly services: DialogServices) {
    super(CONSULT_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    void this.services.conversationLog.addOutcome(dc.context.activity.conversation.id, 'advice');
    const consultation = this.services.business.consultation;
    if (!consultation) {
      // No consultation data: be honest and offer a person (who can also call back out of hours).
      const session = await this.services.sessions.get(dc.context);
      session.offer = 'human';
      session.need ??= getUnderstanding(dc.context).text.slice(0, 300);
      await dc.context.sendActivity(yesNo(copy.noConsultation()));
      return dc.endDialog();
    }
    const u = getUnderstanding(dc.context);
    const state: ConsultState = { asked: [], stated: [], idle: 0 };
    if (u.intent === 'order' && this.services.business.products.length) state.buying = true;
    dc.activeDialog!.state = state;
    return this.turn(dc, consultation, state, u, true);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const u = getUnderstanding(dc.context);
    const state = dc.activeDialog!.state as ConsultState;
    const consultation = this.services.business.consultation!;
    if (u.intent === 'browsing') {
      await dc.context.sendActivity(copy.adviceEnd());
      return dc.endDialog();
    }
    // "I need a gluten-free cake for my husband's 40th" reads like an order, but it tells needs:
    // without a product named, an order intent that gives facts goes on consulting.
    if (u.intent === 'callback' || (u.intent === 'order' && !needsNotOrder(consultation, u, state.asking)))
      return dc.endDialog({ next: u.intent });
    const chosen = state.buying && u.intent !== 'question' ? this.chosenProduct(u) : undefined;
    if (chosen) return this.toOrder(dc, [chosen]);
    if (state.blocked) return this.afterNothingFits(dc, consultation, state, u);
    if (state.recommended) return this.afterRecommendation(dc, consultation, state, u);
    return this.turn(dc, consultation, state, u, false);
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: unknown }): Promise<void> {
    const state = instance.state as ConsultState;
    const need = this.services.business.consultation?.needs.find((n) => n.id === state.asking);
    if (need && !state.recommended) await context.sendActivity(need.question);
  }

  /** The turn after a recommendation: only a yes starts a next step; thanks ends; facts refine. */
  private async afterRecommendation(
    dc: DialogContext,
    consultation: Consultation,
    state: ConsultState,
    u: Understanding,
  ): Promise<DialogTurnResult> {
    const plain = u.text
      .toLowerCase()
      .replace(/[’']/g, '')
      .replace(/[^a-z0-9\s]/g, ' ')
      .trim();
    const session = await this.services.sessions.get(dc.context);
    if (u.intent === 'affirm' && TAKES_OFFER.test(plain)) {
      if (/\border\b/.test(plain) || (state.buying && session.facts.products?.length === 1))
        return dc.replaceDialog(ORDER_DIALOG);
      return dc.replaceDialog(CALLBACK_DIALOG, { topic: session.need, absorbFirst: false });
    }
    // A new fact ("no motor please", "make it 40 people") refines the advice before anything closes it.
    const heard = this.listen(consultation, u, undefined);
    if (Object.keys(heard).length > 0 || u.intent === 'advice' || WANTS_PICK.test(u.text))
      return this.turn(dc, consultation, state, u, false);
    if (['affirm', 'thanks', 'deny', 'goodbye'].includes(u.intent)) {
      await dc.context.sendActivity(u.intent === 'goodbye' ? copy.goodbye() : copy.adviceClose());
      return dc.endDialog();
    }
    await answerQuestion(dc.context, this.services, u.text, { offerCallback: false });
    return Dialog.EndOfTurn;
  }

  /** After "nothing fits" and the offer of a person: yes hands over, a changed need consults again. */
  private async afterNothingFits(
    dc: DialogContext,
    consultation: Consultation,
    state: ConsultState,
    u: Understanding,
  ): Promise<DialogTurnResult> {
    state.blocked = false;
    if (u.intent === 'affirm') {
      await dc.endDialog();
      await startHandoff(dc.context, this.services);
      return Dialog.EndOfTurn;
    }
    if (Object.keys(this.listen(consultation, u, undefined)).length > 0) return this.turn(dc, consultation, state, u, false);
    if (u.intent === 'question') await answerQuestion(dc.context, this.services, u.text, { offerCallback: true });
    else await dc.context.sendActivity(u.intent === 'goodbye' ? copy.goodbye() : copy.offerDeclined());
    return dc.endDialog();
  }

  private listen(consultation: Consultation, u: Understanding, asking: string | undefined): ConsultFacts {
    const { business, clock } = this.services;
    const readWhen = (text: string) => extractWhen(text, business.timeZone, clock.now(), business.locale).when;
    return hear(consultation, u, asking, readWhen);
  }

  private async turn(
    dc: DialogContext,
    consultation: Consultation,
    state: ConsultState,
    u: Understanding,
    first: boolean,
  ): Promise<DialogTurnResult> {
    const { services } = this;
    const session = await services.sessions.get(dc.context);
    if (first) session.need ??= u.text.slice(0, 300);
    const facts = (session.advice ??= {});

    // Listen. A side question ("do you deliver to Bondi?") is answered, not taken as facts, unless
    // it answers the need just asked ("could you do Saturday?").
    const heard = this.listen(consultation, u, state.asking);
    const answersAsked = state.asking !== undefined && heard[state.asking] !== undefined;
    if (!first && !state.recommended && u.intent === 'question' && !answersAsked) {
      await answerQuestion(dc.context, services, u.text, { offerCallback: false });
      const need = consultation.needs.find((n) => n.id === state.asking);
      if (need) await dc.context.sendActivity(need.question);
      return Dialog.EndOfTurn;
    }
    // Asked for a pick: at once with what is known, or on the first turn once it tells enough to pick on.
    const wantsRecommendation = first
      ? WANTS_PICK.test(u.text) && Object.keys(heard).length >= 2
      : u.intent === 'advice' || WANTS_PICK.test(u.text);
    const named = namedProducts(consultation, u.text, u.entities.products);
    if (named.length >= 2) state.between = named;
    const turn = consultTurn({
      consultation,
      passages: services.knowledge.passages(),
      facts,
      heard,
      asked: state.asked,
      stated: state.stated,
      wantsRecommendation: wantsRecommendation && !(first && named.length >= 2),
      choosingBetween: state.between,
      now: services.clock.now(),
      timeZone: services.business.timeZone,
    });
    const gotSomething = turn.fresh.length + turn.changed.length > 0;
    if (!gotSomething && !first && !wantsRecommendation && ++state.idle >= 3) {
      session.offer = 'human';
      await dc.context.sendActivity(yesNo(copy.stuck()));
      return dc.endDialog();
    }
    if (gotSomething) state.idle = 0;
    await this.noteLead(dc, session, turn);

    const parts: string[] = [];
    if (first) parts.push(copy.adviceStart());
    const ackAt = parts.length;
    const acknowledgement = turn.acknowledged && copy.acknowledge(turn.acknowledged);
    if (acknowledgement) parts.push(acknowledgement);

    if (turn.nothingFits) {
      if (turn.nothingFits.statement) parts.push(this.cite(state, turn.nothingFits.statement));
      parts.push(copy.nothingFits());
      state.blocked = true;
      state.asking = undefined;
      await dc.context.sendActivity(yesNo(parts.join(' ')));
      return Dialog.EndOfTurn;
    }
    if (turn.recommendation) {
      const rec = turn.recommendation;
      const names = rec.products.map((p) => p.name);
      const same = state.recommended?.join('|') === rec.products.map((p) => p.name).join('|');
      if (same) parts.push(copy.stillSuggest(names));
      else {
        // "Based on that" when the acknowledgement just said every fact; else the facts it rests on.
        const saidAll = Object.keys(facts).every((id) => turn.fresh.includes(id) || turn.changed.includes(id));
        parts.push(copy.suggest(names, acknowledgement && saidAll ? undefined : rec.because));
        if (rec.setAside) parts.push(copy.setAside(rec.setAside));
      }
      // The cited facts behind it; one already stated is not repeated, unless it is the only reason.
      const fresh = rec.statements.filter((s) => !state.stated.includes(key(s)));
      for (const s of fresh.length || same ? fresh : rec.statements.slice(0, 1)) parts.push(this.cite(state, s));
      // Come to buy: the order request is the next step (which one, when there are several). Else
      // the next steps are offered once, never pressed again.
      const toOrder = rec.products.map((p) => p.order).filter((n): n is string => n !== undefined);
      if (state.buying && toOrder.length) parts.push(copy.orderWhich([...new Set(toOrder)]));
      else if (!state.recommended) parts.push(copy.nextStep(this.services.business));
      state.recommended = rec.products.map((p) => p.name);
      state.asking = undefined;
      // What is recommended is the topic in hand: "whats the price?" next is about it.
      const passage = services.knowledge.passages().find((p) => p.heading === rec.products[0]!.passage);
      if (passage)
        session.lastTopic = { question: rec.products.map((p) => p.mention ?? p.name).join(' '), passageId: passage.id };
      const orderNames = rec.products.map((p) => p.order).filter((n): n is string => n !== undefined);
      if (orderNames.length) session.facts.products = [...new Set(orderNames)];
      const date = Object.entries(facts).find(([id, f]) => f.kind === 'date' && consultation.needs.some((n) => n.id === id));
      if (date && date[1].kind === 'date') session.facts.date = date[1].iso.slice(0, 10);
      await dc.context.sendActivity(parts.join(' '));
      return Dialog.EndOfTurn;
    }
    if (turn.statement) parts.push(this.cite(state, turn.statement));
    const need = turn.ask!;
    state.asked.push(need.id);
    state.asking = need.id;
    const fit = answerFit(turnInputOf(dc.context).flags);
    const known = flatFacts(facts);
    const worded = await services.lamaWriter.write({
      customerText: u.text,
      fresh: pick(known, [...turn.fresh, ...turn.changed]),
      known: Object.fromEntries(Object.entries(known).map(([k, v]) => [k, String(v)])),
      acknowledgement,
      ask: { need: need.id, question: need.question, keywords: need.keywords },
      knownKeywords: consultation.needs.filter((n) => facts[n.id]).flatMap((n) => n.keywords),
      fit,
      beforeSlowCall: fit.typing ? () => dc.context.sendActivity({ type: 'typing' }) : undefined,
    });
    if (acknowledgement && worded.acknowledgement) parts[ackAt] = worded.acknowledgement;
    parts.push(worded.question);
    await dc.context.sendActivity(parts.join(' '));
    return Dialog.EndOfTurn;
  }

  /** The one product of the business a message picks ("medium please", "the large one"), if any. */
  private chosenProduct(u: Understanding): string | undefined {
    const products = this.services.business.products;
    const picked = u.entities.products?.length
      ? u.entities.products
      : products
          .filter((p) => matchProducts(u.text, [p.name, ...p.aliases], { headImplied: true }).length > 0)
          .map((p) => p.name);
    return picked.length === 1 ? picked[0] : undefined;
  }

  /** On to the order request, with what the consultation learnt (the product, the date). */
  private async toOrder(dc: DialogContext, products: string[]): Promise<DialogTurnResult> {
    const session = await this.services.sessions.get(dc.context);
    session.facts.products = products;
    const date = Object.values(session.advice ?? {}).find((f) => f.kind === 'date');
    if (date?.kind === 'date') session.facts.date ??= date.iso.slice(0, 10);
    return dc.replaceDialog(ORDER_DIALOG);
  }

  private cite(state: ConsultState, s: Statement): string {
    state.stated.push(key(s));
    return copy.cited(s.text, citation(s.passage));
  }

  private async noteLead(dc: DialogContext, session: Session, turn: ConsultTurn): Promise<void> {
    const facts = flatFacts(session.advice ?? {});
    const products = turn.recommendation?.products.map((p) => p.order ?? p.name);
    await this.services.leads.note(dc.context.activity.conversation.id, originOf(turnInputOf(dc.context)), {
      need: session.need,
      facts,
      ...(products ? { products } : {}),
      stage: 'desire',
    });
  }
}

function hear(
  consultation: Consultation,
  u: Understanding,
  asking: string | undefined,
  readWhen?: (text: string) => ReturnType<typeof extractWhen>['when'],
): ConsultFacts {
  const listened = u.listened ? { ...u.listened } : undefined;
  return listen({ text: u.text, entities: u.entities, consultation, asking, listened, readWhen });
}

/**
 * "I need a gluten-free cake for my husband's 40th" reads like an order but names no product and
 * no order word: it tells needs, so it is advice. "I'd like to order the large cake" stays an order.
 */
export function needsNotOrder(consultation: Consultation | undefined, u: Understanding, asking?: string): boolean {
  if (!consultation || u.intent !== 'order' || u.entities.products?.length) return false;
  if (/\b(?:order|buy|purchase|book)\b/i.test(u.text)) return false;
  return tellsNeeds(consultation, u, asking);
}

/** "I'm looking for…", "I need…", "after a…": a wish for something, not a question about it. */
const WISH =
  /\b(?:i(?: a)?m looking for|looking for an? |i need an? |we need an? |i want an? |i(?: a)?m after an? |in the market for|shopping for|thinking (?:of|about) (?:getting|buying))/i;

/**
 * "im looking for a bike to commute to work, budget around 1000" names no product and asks nothing
 * the knowledge answers whole: a wish that tells needs is advice, on any business with a consultation.
 */
export function wishWithNeeds(consultation: Consultation | undefined, u: Understanding): boolean {
  if (!consultation || (u.intent !== 'none' && u.intent !== 'question') || u.entities.products?.length) return false;
  return WISH.test(u.text) && tellsNeeds(consultation, u);
}

function tellsNeeds(consultation: Consultation, u: Understanding, asking?: string): boolean {
  const heard = hear(consultation, u, asking);
  return Object.entries(heard).some(([id, f]) => f.kind !== 'none' && describe(consultation, heard, [id]) !== undefined);
}

const key = (s: Statement): string => `${s.passage.id}|${s.text}`;

function pick(facts: Record<string, string | number>, ids: string[]): Record<string, string> {
  return Object.fromEntries(ids.filter((id) => facts[id] !== undefined).map((id) => [id, String(facts[id])]));
}
