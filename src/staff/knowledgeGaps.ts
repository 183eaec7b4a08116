/**
 * Knowledge gaps: the questions the bot could not answer, grouped after normalising (lower case,
 * collapsed white space, punctuation trimmed from both ends), most frequent first.
 */
import type { Conversation } from '../domain/model.js';

export interface KnowledgeGap {
  /** The normalised question, the key it was grouped by. */
  question: string;
  count: number;
  /** The most recent wording as asked. */
  example: string;
  lastAskedAt: string;
}

export function normaliseQuestion(text: string): string {
  return text
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '');
}

export function knowledgeGaps(conversations: Iterable<Conversation>, limit = 50): KnowledgeGap[] {
  const gaps = new Map<string, KnowledgeGap>();
  for (const conversation of conversations) {
    for (const asked of conversation.unanswered) {
      const question = normaliseQuestion(asked);
      if (!question) continue;
      const gap = gaps.get(question) ?? { question, count: 0, example: asked.trim(), lastAskedAt: '' };
      gap.count += 1;
      if (conversation.lastActivityAt > gap.lastAskedAt) {
        gap.lastAskedAt = conversation.lastActivityAt;
        gap.example = asked.trim();
      }
      gaps.set(question, gap);
    }
  }
  return [...gaps.values()].sort((a, b) => b.count - a.count || (a.lastAskedAt < b.lastAskedAt ? 1 : -1)).slice(0, limit);
}
