/**
 * The port that turns retrieved knowledge into the words of an answer. The offline composer says the
 * extractive answer as it is; a language-model composer (src/llm) may word it better, but only from
 * the passages it cites, and falls back to the extractive answer whenever it cannot be trusted.
 */
import type { AnswerResult } from './answer.js';
import type { Passage } from './passage.js';

/** What the channel can show: replies longer than `maxChars` or in markdown where it is not shown read badly. */
export interface AnswerFit {
  maxChars: number;
  markdown: boolean;
}

export interface ComposeInput {
  question: string;
  /** The offline, extractive result for the question (its hits are the passages to answer from). */
  offline: AnswerResult;
  minConfidence: number;
  fit: AnswerFit;
  /** Called just before a slow call (a language model), e.g. to show a typing indicator. */
  beforeSlowCall?: () => Promise<unknown>;
}

/** Why the composer did not use its own wording (for logs and the evaluation). */
export type FallbackReason = 'unavailable' | 'failed' | 'invalid' | 'unverified' | 'too_long';

export type ComposedAnswer =
  | { kind: 'answer'; text: string; sources: Passage[]; by: 'offline' | 'model'; fallback?: FallbackReason }
  | { kind: 'unknown'; by: 'offline' | 'model'; fallback?: FallbackReason };

export interface AnswerComposer {
  compose(input: ComposeInput): Promise<ComposedAnswer>;
}

/** The extractive answer as it is: the default, and what every other composer falls back to. */
export function offlineComposed(offline: AnswerResult, fallback?: FallbackReason): ComposedAnswer {
  return offline.kind === 'answer'
    ? { kind: 'answer', text: offline.text, sources: [offline.source], by: 'offline', fallback }
    : { kind: 'unknown', by: 'offline', fallback };
}

export function createOfflineAnswerComposer(): AnswerComposer {
  return { compose: async ({ offline }) => offlineComposed(offline) };
}
