/**
 * A dialog that collects a few values, reads them back, asks for consent when contact details will
 * be kept, and then commits. Whatever the customer already said fills its slot without a question;
 * only what is missing is asked, one thing at a time. A side question is answered and the pending
 * question asked again; three failed answers to one question end in the offer of a person.
 */
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { Understanding } from '../src/domain/understanding/types.js';
import { answerQuestion } from './answering.js';
import { yesNo } from './choices.js';
import { copy } from './copy.js';
import type { DialogServices } from './services.js';
import { getUnderstanding } from './turnInput.js';

export interface FormState {
  /** The slot the last question asked for. */
  asking?: string;
  attempts: number;
  phase: 'collect' | 'confirm' | 'consent';
}

/** What absorbing an utterance did. */
export interface Absorbed {
  /** Slots it filled or changed. */
  filled: string[];
  /** Something to tell the customer before the next question (e.g. an invalid number). */
  notice?: string;
}

export const MAX_ATTEMPTS = 3;

/** A question about the business rather than an answer to ours ("are you open Saturday?"). */
const ASKS_ABOUT = /^\s*(?:how|what|what's|whats|where|which|why|who|do you|does|are you|is there|is it)\b/i;

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
  /** The read-back, ending in a yes/no question. */
  protected abstract summary(state: S): string;
  /** Whether contact details will be stored and consent is still needed. */
  protected abstract needsConsent(dc: DialogContext, state: S): Promise<boolean>;
  /** Stores the result and confirms it to the customer. */
  protected abstract commit(dc: DialogContext, state: S): Promise<void>;

  override async beginDialog(dc: DialogContext, options?: Record<string, unknown>): Promise<DialogTurnResult> {
    const state = await this.start(dc, options);
    dc.activeDialog!.state = state;
    const absorbed = options?.absorbFirst === false ? { filled: [] } : await this.absorb(dc, state, getUnderstanding(dc.context));
    return this.next(dc, state, absorbed.notice);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as S;
    const u = getUnderstanding(dc.context);

    if (state.phase === 'consent') {
      if (u.intent === 'affirm') {
        (await this.services.sessions.get(dc.context)).consented = true;
        await this.commit(dc, state);
        return dc.endDialog({ done: true });
      }
      if (u.intent === 'deny') {
        await dc.context.sendActivity(copy.consentDeclined(this.services.business));
        return dc.endDialog({ done: false });
      }
      return this.retry(dc, state, copy.consent(this.services.business));
    }

    // "how much is delivery?" asks about something and answers nothing: it must not fill a slot.
    if (u.intent === 'question' && ASKS_ABOUT.test(u.text)) return this.sideQuestion(dc, state, u);

    if (state.phase === 'confirm') {
      const absorbed = await this.absorb(dc, state, u);
      if (absorbed.filled.length > 0 || absorbed.notice) {
        state.phase = 'collect';
        return this.next(dc, state, absorbed.notice);
      }
      if (u.intent === 'affirm') {
        if (await this.needsConsent(dc, state)) {
          state.phase = 'consent';
          state.attempts = 0;
          await dc.context.sendActivity(yesNo(copy.consent(this.services.business)));
          return Dialog.EndOfTurn;
        }
        await this.commit(dc, state);
        return dc.endDialog({ done: true });
      }
      if (u.intent === 'deny') {
        state.phase = 'collect';
        state.asking = 'change';
        state.attempts = 0;
        await dc.context.sendActivity(copy.whatToChange());
        return Dialog.EndOfTurn;
      }
      if (u.intent === 'question') return this.sideQuestion(dc, state, u);
      return this.retry(dc, state, this.summary(state));
    }

    const absorbed = await this.absorb(dc, state, u);
    if (absorbed.filled.length === 0 && !absorbed.notice) {
      if (u.intent === 'question') return this.sideQuestion(dc, state, u);
      const slot = state.asking ?? this.missing(state);
      return this.retry(dc, state, slot && slot !== 'change' ? this.question(state, slot) : copy.whatToChange());
    }
    // A notice with nothing understood is a failed answer; alternatives offered are progress.
    if (absorbed.notice && absorbed.filled.length === 0) state.attempts++;
    else state.attempts = 0;
    if (state.attempts >= MAX_ATTEMPTS) return this.giveUp(dc);
    return this.next(dc, state, absorbed.notice);
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
      const question = this.question(state, slot);
      await dc.context.sendActivity(!notice ? question : notice.trim().endsWith('?') ? notice : `${notice} ${question}`);
      return Dialog.EndOfTurn;
    }
    state.asking = undefined;
    state.phase = 'confirm';
    state.attempts = 0;
    await dc.context.sendActivity(yesNo(notice ? `${notice} ${this.summary(state)}` : this.summary(state)));
    return Dialog.EndOfTurn;
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

  private async giveUp(dc: DialogContext): Promise<DialogTurnResult> {
    const session = await this.services.sessions.get(dc.context);
    session.offer = 'human';
    await dc.context.sendActivity(yesNo(copy.stuck()));
    return dc.endDialog({ done: false, gaveUp: true });
  }
}
