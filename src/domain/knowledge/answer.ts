/**
 * Answering from the knowledge base: the best passage when the index is confident enough, and an
 * honest "I don't know" otherwise. Wording lives in the dialogs' copy; this decides only what is true.
 */
import type { KnowledgeHit, KnowledgeIndex, KnowledgeRetriever, Passage } from './passage.js';

export type AnswerResult =
  | { kind: 'answer'; text: string; source: Passage; confidence: number; hits: KnowledgeHit[] }
  | { kind: 'unknown'; confidence: number; hits: KnowledgeHit[] };

export interface AnswerOptions {
  /** Confidence below which the question is treated as not covered by the knowledge. */
  minConfidence: number;
  /** How many sentences an answer may hold. */
  maxSentences?: number;
}

export function answerFromKnowledge(index: KnowledgeIndex, question: string, options: AnswerOptions): AnswerResult {
  return decide(index.search(question, 3), options);
}

/** The same decision over a retriever whose confidence is the calibrated refusal model's (the bot's path). */
export async function answerFromRetriever(
  retriever: KnowledgeRetriever,
  question: string,
  options: AnswerOptions,
): Promise<AnswerResult> {
  return decide(await retriever.search(question, 3), options);
}

function decide(hits: KnowledgeHit[], options: AnswerOptions): AnswerResult {
  const best = hits[0];
  if (!best || best.confidence < options.minConfidence) {
    return { kind: 'unknown', confidence: best?.confidence ?? 0, hits };
  }
  const sentences = best.sentences.slice(0, options.maxSentences ?? 2);
  // A unit that holds a list keeps its lines; what follows it starts a line of its own.
  const text = sentences.join(sentences.some((s) => s.includes('\n')) ? '\n' : ' ');
  return { kind: 'answer', text, source: best.passage, confidence: best.confidence, hits };
}

/** "Delivery fees (Delivery and pickup)" — how a source is named to the customer. */
export function citation(passage: Passage): string {
  return passage.title && passage.title !== passage.heading ? `${passage.heading} — ${passage.title}` : passage.heading;
}
