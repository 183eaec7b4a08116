/**
 * Knowledge gaps: the questions the bot could not answer, so staff know what to write down next.
 * Only real questions count — not names, phone numbers, e-mail addresses, single words or attempts
 * to instruct the bot ("ignore your instructions…"), which also land in the unanswered list — and
 * questions that ask the same thing in other words are grouped: first by their normalised text
 * (case, white space and end punctuation), then by the overlap of their content words (stemmed,
 * stop words removed; Jaccard ≥ 0.5). Most asked first.
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

const QUESTION_WORD =
  /\b(?:how|what|whats|when|where|wheres|why|which|who|whose|can|could|do|does|did|is|are|will|would|should|have|has|any)\b/i;
const INSTRUCTION =
  /\b(?:ignore|disregard|forget) (?:all |any |the |your |previous |prior |above )+(?:instructions?|prompts?|rules?)|\bsystem prompt\b|\byou are now\b|\bact as\b|\bjailbreak\b|\bdeveloper mode\b|\bpretend (?:to be|you are)\b/i;
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+?\d[\s().-]*){7,}/g;

/** True when the text reads as a customer's question (see the module comment). */
function isRealQuestion(text: string): boolean {
  if (INSTRUCTION.test(text)) return false;
  const words = text.replace(CONTACT, ' ').match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 2) return false;
  return text.includes('?') || QUESTION_WORD.test(text) || words.length >= 4;
}

interface Group extends KnowledgeGap {
  terms: Set<string>;
  real: boolean;
}

/**
 * `terms` gives a question's content terms (the knowledge index's own analyzer, passed in by the
 * composition root), so questions worded alike group together.
 */
export function knowledgeGaps(
  conversations: Iterable<Conversation>,
  options: { terms: (text: string) => string[]; limit?: number },
): KnowledgeGap[] {
  const { terms, limit = 50 } = options;
  const exact = new Map<string, Group>();
  for (const conversation of conversations) {
    for (const asked of conversation.unanswered) {
      const question = normaliseQuestion(asked);
      if (!question) continue;
      const gap = exact.get(question) ?? {
        question,
        count: 0,
        example: asked.trim(),
        lastAskedAt: '',
        terms: new Set(terms(question)),
        real: false,
      };
      gap.count += 1;
      gap.real ||= isRealQuestion(asked);
      if (conversation.lastActivityAt > gap.lastAskedAt) {
        gap.lastAskedAt = conversation.lastActivityAt;
        gap.example = asked.trim();
      }
      exact.set(question, gap);
    }
  }
  const merged: Group[] = [];
  for (const g of [...exact.values()].sort(byCount)) {
    const into = merged.find((m) => jaccard(m.terms, g.terms) >= 0.5);
    if (!into) {
      merged.push({ ...g });
      continue;
    }
    into.count += g.count;
    into.real ||= g.real;
    if (g.lastAskedAt > into.lastAskedAt) [into.lastAskedAt, into.example] = [g.lastAskedAt, g.example];
  }
  return merged
    .filter((g) => g.real)
    .sort(byCount)
    .slice(0, limit)
    .map(({ question, count, example, lastAskedAt }) => ({ question, count, example, lastAskedAt }));
}

const byCount = (a: KnowledgeGap, b: KnowledgeGap): number =>
  b.count - a.count || (a.lastAskedAt < b.lastAskedAt ? 1 : a.lastAskedAt > b.lastAskedAt ? -1 : 0);

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
