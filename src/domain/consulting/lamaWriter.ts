/**
 * The port that words the Acknowledge and Ask parts of a L.A.M.A. turn. The domain decides what is
 * true (the facts heard, the statement from the knowledge, which need to ask about next); a writer
 * only chooses the words. The offline writer uses the fixed copy; a language-model writer (src/llm)
 * falls back to it part by part whenever its wording cannot be trusted.
 */
import type { AnswerFit } from '../knowledge/answerComposer.js';
import type { NeedFacts, NeedSlot } from './lama.js';

export interface LamaDraft {
  /** What the customer just said. */
  customerText: string;
  /** Facts new in this message, and everything known so far. */
  fresh: NeedFacts;
  known: NeedFacts;
  /** The fixed acknowledgement of the fresh facts, if there is one. */
  acknowledgement?: string;
  /** The need to ask about next and the fixed question for it. */
  ask: { slot: NeedSlot; question: string };
  fit: AnswerFit;
  beforeSlowCall?: () => Promise<unknown>;
}

export interface LamaWording {
  acknowledgement?: string;
  question: string;
  by: 'offline' | 'model';
}

export interface LamaWriter {
  write(draft: LamaDraft): Promise<LamaWording>;
}

export function offlineWording(draft: LamaDraft): LamaWording {
  return { acknowledgement: draft.acknowledgement, question: draft.ask.question, by: 'offline' };
}

export function createOfflineLamaWriter(): LamaWriter {
  return { write: async (draft) => offlineWording(draft) };
}
