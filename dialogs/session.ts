/**
 * What the conversation remembers between dialogs: contact details already given, the facts of
 * the customer's need, a yes/no offer waiting for an answer, and the hand-off state. Kept in
 * conversation state, so it survives restarts like the dialog stack does.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConsultFacts, NeedFacts } from '../src/domain/consulting/facts.js';

type Offer = 'callback' | 'human' | 'next_step';

export interface Session {
  offer?: Offer;
  /** What a callback offered after an unanswered question would be about. */
  offerTopic?: string;
  contact: { name?: string; phone?: string; email?: string };
  /** Consent given in this conversation (also implied by a returning customer's stored consent). */
  consented: boolean;
  customerId?: string;
  need?: string;
  facts: NeedFacts;
  /** What advice has learnt, per need of the business's consultation (kept so nothing is asked twice). */
  advice?: ConsultFacts;
  lastCallbackRef?: string;
  /** The last question answered from the knowledge, as read, and its passage: a follow-up is read against it. */
  lastTopic?: { question: string; passageId: string };
  /**
   * Bookings and order requests this conversation has committed: with the conversation id it names
   * the next commit's occasion, so a "yes" delivered twice or raced commits once.
   */
  commits?: number;
  /** Set while a person has the conversation: the bot stays silent. */
  handedOff?: boolean;
  /** Consecutive turns the bot could not use (for the offer of a person). */
  misunderstood: number;
  /** Silent turns in a row on a call (nothing heard). */
  silences?: number;
}

const newSession = (): Session => ({ contact: {}, consented: false, facts: {}, misunderstood: 0 });

export interface Sessions {
  get(context: TurnContext): Promise<Session>;
  /** Forgets everything the conversation remembered (start over, forget me). */
  reset(context: TurnContext): Promise<Session>;
}

/** Sessions kept as a conversation state property. */
export function createSessions(accessor: StatePropertyAccessor<Session>): Sessions {
  return {
    get: (context) => accessor.get(context, newSession()),
    async reset(context) {
      const fresh = newSession();
      await accessor.set(context, fresh);
      return fresh;
    },
  };
}
