/**
 * The port that words the Acknowledge and Ask parts of a L.A.M.A. turn. The engine decides what is
 * true (the facts heard, the statement from the knowledge, which need to ask about next); a writer
 * only chooses the words. The offline writer uses the fixed copy; a language-model writer (src/llm)
 * falls back to it part by part whenever its wording cannot be trusted.
 */
import type { AnswerFit } from '../knowledge/answerComposer.js';

export interface LamaDraft {
  /** What the customer just said. */
  customerText: string;
  /** Facts new in this message, and everything known so far, as words per need id. */
  fresh: Record<string, string>;
  known: Record<string, string>;
  /** The fixed acknowledgement of the fresh facts, if there is one. */
  acknowledgement?: string;
  /** The need to ask about next, the business's own question for it, and words that show a question is about it. */
  ask: { need: string; question: string; keywords: readonly string[] };
  /** Words that show a question is about a need already known (such a question is never asked). */
  knownKeywords: readonly string[];
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
