/**
 * Knowledge gaps: the questions the bot could not answer, so staff know what to write down next.
 * Only real questions count — not names, introductions ("my name is …", "this is Ben, 0412 …"), phone
 * numbers, e-mail addresses, single words or attempts to instruct the bot ("ignore your previous
 * instructions…", "reveal your system prompt", chat-template markers), which also land in the
 * unanswered list — and the real questions that ask the same thing in other words are grouped: first by their normalised text
 * (case, white space and end punctuation), then by similarity: the overlap of their content words
 * (stemmed, stop words removed; Jaccard ≥ 0.5) and, with the sentence model (EMBEDDINGS on, through
 * the Embedder port), also the cosine of their vectors, so "do you sell gift vouchers" and "can I
 * purchase a present certificate" are one gap. The vectors are taken relative to the report's own
 * mean question (what every question of one business shares drops out), the cosine must reach
 * SAME_QUESTION_COSINE. Without the model, or when it fails, the words alone. Most asked first.
 */
import { cosine, unit, type Embedder } from '../domain/knowledge/embedder.js';
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
const INSTRUCTION = new RegExp(
  [
    String.raw`\b(?:ignore|disregard|forget|override) (?:all |any |the |your |my |previous |prior |earlier |above |these |those |everything )*(?:instructions?|prompts?|rules?|messages?|guidelines|directions|above|before|you (?:were|have been) told)`,
    String.raw`\bforget everything\b`,
    String.raw`\bnew instructions?\b`,
    String.raw`\b(?:reveal|print|show|repeat|output|tell me) (?:me )?(?:your|the) (?:system |initial |hidden |original )?(?:prompt|instructions)`,
    String.raw`\bsystem prompt\b`,
    String.raw`\byou are now\b`,
    String.raw`\bfrom now on,? you\b`,
    String.raw`\bact as\b`,
    String.raw`\bjailbreak`,
    String.raw`\bdeveloper mode\b`,
    String.raw`\bpretend (?:to be|you are)\b`,
    String.raw`<\|?(?:im_start|system|endoftext)\|?>|\[\/?INST\]|^#{2,} ?(?:instruction|system)`,
  ].join('|'),
  'im',
);
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+?\d[\s().-]*){7,}/g;
/**
 * A message that only gives who the customer is or how to reach them: "my name is Anna Lee", "I'm
 * Anna", "this is Ben, 0412 345 678", "call me on …" (a slot answer, not a question).
 */
const INTRODUCTION =
  /^(?:(?:hi|hello|hey|yes|yeah|ok|okay|sure)\b[\s,.!]*)?(?:(?:my name is|my name's|name is|name's|i am|i'm|im|this is|it's|its|call me|reach me|contact me|text me|ring me)\b(?: on| at)?[\s,:-]*)(?:(?!(?:a|an|the|not|just|so|very|here|from|in|for|after|with|looking|interested|wondering|trying|planning|hoping|getting|going|asking|after)\b)[\p{L}'-]+(?:\s+[\p{L}'-]+){0,2})?[\s,.!-]*(?:(?:my )?(?:number|phone|mobile|email|e-mail)(?: is)?[\s:]*)?$/iu;

/** True when the text reads as a customer's question (see the module comment). */
export function isRealQuestion(text: string): boolean {
  if (INSTRUCTION.test(text)) return false;
  const withoutContact = text.replace(CONTACT, ' ').replace(/\s+/g, ' ').trim();
  if (INTRODUCTION.test(withoutContact) && !text.includes('?')) return false;
  const words = withoutContact.match(/\p{L}{2,}/gu) ?? [];
  if (words.length < 2) return false;
  return text.includes('?') || QUESTION_WORD.test(text) || words.length >= 4;
}

interface Group extends KnowledgeGap {
  terms: Set<string>;
  real: boolean;
  vector?: Float32Array;
}

/**
 * Two questions whose centred vectors are at least this alike ask the same thing. Chosen on the dev
 * split of BANKING77 (460 questions of 77 intents; a pair "asks the same" when its intent is the
 * same): words alone find 24 % of those pairs at a precision of 0.56; words or centred cosine ≥ 0.6
 * find 30 % at 0.56. The raw cosine did worse (≥ 0.8: 28 % at 0.52), as did the cosine alone.
 */
const SAME_QUESTION_COSINE = 0.6;
/** The report's mean question counts as n ÷ (n + MEAN_PRIOR) of itself: a few questions are barely centred. */
const MEAN_PRIOR = 20;
/** Most distinct questions embedded for one report (the most asked); the rest are grouped by their words. */
const MAX_EMBEDDED = 300;

export interface GapOptions {
  /** A question's content terms (the knowledge index's own analyzer, passed in by the composition root). */
  terms: (text: string) => string[];
  limit?: number;
}

/** The gaps, grouped by words (no sentence model). */
export function knowledgeGaps(conversations: Iterable<Conversation>, options: GapOptions): KnowledgeGap[] {
  return grouped(realQuestions(conversations, options.terms), options.limit);
}

/**
 * The gaps, grouped by the sentence model when `embedder` gives vectors for them, else by words (no
 * model, or it failed: `onError` is told).
 */
export async function knowledgeGapsBySimilarity(
  conversations: Iterable<Conversation>,
  options: GapOptions & { embedder?: Embedder; onError?: (err: unknown) => void },
): Promise<KnowledgeGap[]> {
  const groups = realQuestions(conversations, options.terms);
  if (options.embedder && groups.length > 1) {
    const embedded = [...groups].sort(byCount).slice(0, MAX_EMBEDDED);
    try {
      const vectors = centred(await options.embedder.embed(embedded.map((g) => g.question)));
      embedded.forEach((g, i) => (g.vector = vectors[i]));
    } catch (err) {
      options.onError?.(err);
    }
  }
  return grouped(groups, options.limit);
}

/** The real questions, one group per normalised text. */
function realQuestions(conversations: Iterable<Conversation>, terms: (text: string) => string[]): Group[] {
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
  // Only real questions are grouped: a name or a phone number must not absorb a question (and lend
  // it its wording).
  return [...exact.values()].filter((x) => x.real);
}

/** Most asked first, each question merged into the first more-asked group it asks the same as. */
function grouped(groups: readonly Group[], limit = 50): KnowledgeGap[] {
  const merged: Group[] = [];
  for (const g of [...groups].sort(byCount)) {
    const into = merged.find((m) => same(m, g));
    if (!into) {
      merged.push({ ...g });
      continue;
    }
    into.count += g.count;
    if (g.lastAskedAt > into.lastAskedAt) [into.lastAskedAt, into.example] = [g.lastAskedAt, g.example];
  }
  return merged
    .sort(byCount)
    .slice(0, limit)
    .map(({ question, count, example, lastAskedAt }) => ({ question, count, example, lastAskedAt }));
}

/** By their words, or by the sentence model when both have a vector. */
const same = (a: Group, b: Group): boolean =>
  jaccard(a.terms, b.terms) >= 0.5 || (!!a.vector && !!b.vector && cosine(a.vector, b.vector) >= SAME_QUESTION_COSINE);

/** Each vector less the (shrunk) mean of them all, at unit length. */
function centred(vectors: readonly Float32Array[]): Float32Array[] {
  const n = vectors.length;
  const mean = new Float64Array(vectors[0]?.length ?? 0);
  for (const v of vectors) for (let i = 0; i < mean.length; i++) mean[i]! += v[i]! / (n + MEAN_PRIOR);
  return vectors.map((v) => unit(v.map((x, i) => x - mean[i]!)));
}

const byCount = (a: KnowledgeGap, b: KnowledgeGap): number =>
  b.count - a.count || (a.lastAskedAt < b.lastAskedAt ? 1 : a.lastAskedAt > b.lastAskedAt ? -1 : 0);

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
