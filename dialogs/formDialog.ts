/**
 * A dialog that collects a few values, reads them back, asks for consent when contact details will
 * be kept, and then commits. Whatever the customer already said fills its slot without a question;
 * only what is missing is asked, one thing at a time. Each question records what it expects (a
 * date, a time, a phone number, a name, yes/no, one of some choices), and the answer is read as that
 * first. A correction ("actually make it 4pm") changes its slot at any point and the form is read
 * back again. A side question is answered and the pending question asked again. An answer that does
 * not give what the question asked for gets one sentence saying what is needed, with an example;
 * the third such answer to any question ends in the offer of a person (a callback out of hours).
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  CORRECTION_CUE,
  readCorrection,
  type Correction,
  type CorrectionSlot,
} from '../src/domain/understanding/readCorrection.js';
import { readYesNo } from '../src/domain/understanding/readYesNo.js';
import type { Understanding } from '../src/domain/understanding/types.js';
import { answerQuestion } from './answering.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import { readContextOf, staffAvailable, type Expectation } from './promptReading.js';
import type { DialogServices } from './services.js';
import { getUnderstanding, turnInputOf } from './turnInput.js';

export interface FormState {
  /** The slot the last question asked for. */
  asking?: string;
  attempts: number;
  phase: 'collect' | 'confirm' | 'consent';
  /** The read-back also asked for consent (a letter: one "yes" by reply answers both). */
  consentAsked?: boolean;
  /** What the last question expects; the main dialog reads the next message as that first. */
  expects?: Expectation;
}

/** What absorbing an utterance did. */
export interface Absorbed {
  /** Slots it filled or changed. */
  filled: string[];
  /** Something to tell the customer before the next question (e.g. an invalid number). */
  notice?: string;
}

const MAX_ATTEMPTS = 3;

/** A question about the business rather than an answer to ours ("are you open Saturday?"). */
const ASKS_ABOUT = /^\s*(?:how|what|what's|whats|where|which|why|who|do you|does|are you|is there|is it)\b/i;

/** "no, don't store my details" at the read-back refuses consent (it never starts erasure). */
const DECLINES_STORING =
  /\b(?:don'?t|do not|dont|not|never|rather you didn'?t|no need to)\s+(?:want\s+(?:you\s+)?to\s+)?(?:store|keep|save|record|hold)\b/i;

export abstract class FormDialog<S extends FormState> extends Dialog<Record<string, unknown>> {
  constructor(
    id: string,
    protected readonly services: DialogServices,
  ) {
    super(id);
  }

  /** The state a new run starts from (may prefill from the session or the customer record). */
  protected abstract start(dc: DialogContext, options: Record<string, unknown> | undefined): Promise<S>;
  /** Fills slots from the utterance; `asking` tells which question it answers. */
  protected abstract absorb(dc: DialogContext, state: S, u: Understanding): Promise<Absorbed>;
  /** The next slot to ask for, or undefined when the form is complete. */
  protected abstract missing(state: S): string | undefined;
  protected abstract question(state: S, slot: string): string;
  /** What the question for `slot` expects. */
  protected abstract expectation(state: S, slot: string): Expectation;
  /** The read-back, ending in a yes/no question. */
  protected abstract summary(state: S): string;
  /** Whether contact details will be stored and consent is still needed. */
  protected abstract needsConsent(dc: DialogContext, state: S): Promise<boolean>;
  /** Stores the result and confirms it to the customer. */
  protected abstract commit(dc: DialogContext, state: S): Promise<void>;
  /** The slots a correction may change in this form. */
  /**
   * A value said before and now changed ("actually make it the 19th"), said back before the next
   * question so the customer hears it was taken: undefined when nothing given before changed.
   */
  protected changed(_before: S, _after: S): string | undefined {
    return undefined;
  }

  protected correctionSlots(): CorrectionSlot[] {
    return [];
  }
  /** Applies a correction; undefined when it does not apply to this form's state. */
  protected async correct(_dc: DialogContext, _state: S, _c: Correction): Promise<Absorbed | undefined> {
    return undefined;
  }

  override async beginDialog(dc: DialogContext, options?: Record<string, unknown>): Promise<DialogTurnResult> {
    const state = await this.start(dc, options);
    dc.activeDialog!.state = state;
    const absorbed = options?.absorbFirst === false ? { filled: [] } : await this.absorb(dc, state, getUnderstanding(dc.context));
    return this.next(dc, state, absorbed.notice);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as S;
    const u = getUnderstanding(dc.context);
    const yes = readYesNo(u.text) ?? (u.intent === 'affirm' ? true : u.intent === 'deny' ? false : undefined);

    if (state.phase === 'consent') {
      if (yes === true) {
        (await this.services.sessions.get(dc.context)).consented = true;
        await this.commit(dc, state);
        return dc.endDialog({ done: true });
      }
      if (yes === false) return this.declineConsent(dc);
      if (u.intent === 'question') return this.sideQuestion(dc, state, u);
      return this.retry(dc, state, copy.consent(this.services.business));
    }

    // "how much is delivery?" asks about something and answers nothing: it must not fill a slot.
    if (u.intent === 'question' && ASKS_ABOUT.test(u.text)) return this.sideQuestion(dc, state, u);
    if (state.phase === 'confirm' && DECLINES_STORING.test(u.text)) return this.declineConsent(dc);

    if (state.phase === 'confirm' || CORRECTION_CUE.test(u.text)) {
      const wasConfirming = state.phase === 'confirm';
      const prior = JSON.stringify(state);
      const correction = readCorrection(u.text, this.correctionSlots(), readContextOf(this.services));
      const corrected = correction ? await this.correct(dc, state, correction) : undefined;
      if (corrected) {
        state.phase = 'collect';
        state.attempts = 0;
        // At the read-back the new read-back says it; while collecting, it is said back first.
        const said = wasConfirming ? undefined : this.changed(JSON.parse(prior) as S, state);
        return this.next(dc, state, corrected.notice ?? said);
      }
    }

    if (state.phase === 'confirm') {
      const absorbed = await this.absorb(dc, state, u);
      if (absorbed.filled.length > 0 || absorbed.notice) {
        state.phase = 'collect';
        return this.next(dc, state, absorbed.notice);
      }
      if (yes === true) {
        if (state.consentAsked) (await this.services.sessions.get(dc.context)).consented = true;
        else if (await this.needsConsent(dc, state)) {
          state.phase = 'consent';
          state.attempts = 0;
          state.expects = { kind: 'yesno' };
          await dc.context.sendActivity(yesNo(copy.consent(this.services.business)));
          return Dialog.EndOfTurn;
        }
        await this.commit(dc, state);
        return dc.endDialog({ done: true });
      }
      if (yes === false) {
        state.phase = 'collect';
        state.asking = 'change';
        state.attempts = 0;
        state.expects = { kind: 'text' };
        await dc.context.sendActivity(copy.whatToChange());
        return Dialog.EndOfTurn;
      }
      if (u.intent === 'question') return this.sideQuestion(dc, state, u);
      return this.retry(dc, state, this.summary(state));
    }

    const asked = state.asking ?? this.missing(state);
    const before = JSON.stringify(state);
    const absorbed = await this.absorb(dc, state, u);
    // The answer failed when the slot asked for is still missing and nothing new was learnt: "10am"
    // at the name prompt fills the time, and the name is asked again without counting a strike; the
    // same "pick up" said again changes nothing, and counts.
    const failed =
      !asked || asked === 'change'
        ? absorbed.filled.length === 0 && !absorbed.notice
        : this.missing(state) === asked && (absorbed.filled.length === 0 || JSON.stringify(state) === before);
    if (!failed) return this.next(dc, state, absorbed.notice ?? this.changed(JSON.parse(before) as S, state));
    if (absorbed.filled.length === 0 && u.intent === 'question') return this.sideQuestion(dc, state, u);
    state.attempts++;
    if (state.attempts >= MAX_ATTEMPTS) return this.giveUp(dc);
    const slot = asked ?? 'change';
    await dc.context.sendActivity(
      absorbed.notice ??
        (slot === 'confirmPhone' ? yesNo(copy.needed(slot, this.services.business)) : copy.needed(slot, this.services.business)),
    );
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: DialogContext['context'], instance: { state: unknown }): Promise<void> {
    const state = instance.state as S;
    const slot = state.asking && state.asking !== 'change' ? state.asking : this.missing(state);
    if (state.phase === 'confirm') await context.sendActivity(yesNo(this.summary(state)));
    else if (state.phase === 'consent') await context.sendActivity(yesNo(copy.consent(this.services.business)));
    else if (slot) await context.sendActivity(this.question(state, slot));
  }

  /** Asks for the next missing value, or reads everything back for confirmation. */
  protected async next(dc: DialogContext, state: S, notice?: string): Promise<DialogTurnResult> {
    const slot = this.missing(state);
    if (slot) {
      if (slot !== state.asking) state.attempts = 0;
      state.asking = slot;
      state.expects = this.expectation(state, slot);
      const question = this.question(state, slot);
      await dc.context.sendActivity(!notice ? question : notice.trim().endsWith('?') ? notice : `${notice} ${question}`);
      return Dialog.EndOfTurn;
    }
    state.asking = undefined;
    state.phase = 'confirm';
    state.attempts = 0;
    state.expects = { kind: 'yesno' };
    // A reply to a letter may come days later: the read-back asks for consent in the same letter.
    state.consentAsked = turnInputOf(dc.context).flags.letter && (await this.needsConsent(dc, state));
    const summary = state.consentAsked
      ? copy.readBackWithConsent(this.summary(state), this.services.business)
      : this.summary(state);
    await dc.context.sendActivity(yesNo(notice ? `${notice} ${summary}` : summary));
    return Dialog.EndOfTurn;
  }

  private async declineConsent(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(copy.consentDeclined(this.services.business));
    return dc.endDialog({ done: false });
  }

  private async sideQuestion(dc: DialogContext, state: S, u: Understanding): Promise<DialogTurnResult> {
    await answerQuestion(dc.context, this.services, u.text, { offerCallback: false });
    await this.repromptDialog(dc.context, { state });
    return Dialog.EndOfTurn;
  }

  private async retry(dc: DialogContext, state: S, prompt: string): Promise<DialogTurnResult> {
    state.attempts++;
    if (state.attempts >= MAX_ATTEMPTS) return this.giveUp(dc);
    const text = `${copy.didNotCatch()} ${prompt}`;
    await dc.context.sendActivity(state.phase === 'collect' ? text : yesNo(text));
    return Dialog.EndOfTurn;
  }

  /** The third failed answer: a person if the team is in, otherwise a callback when they are. */
  private async giveUp(dc: DialogContext): Promise<DialogTurnResult> {
    const session = await this.services.sessions.get(dc.context);
    const open = staffAvailable(this.services);
    session.offer = open ? 'human' : 'callback';
    await dc.context.sendActivity(yesNo(open ? copy.stuck() : copy.stuckClosed()));
    return dc.endDialog({ done: false, gaveUp: true });
  }
}
