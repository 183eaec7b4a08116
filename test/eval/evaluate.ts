/**
 * Retrieval evaluation: every question of a set is searched once and its best passage and confidence
 * kept, so that figures at any threshold (and the accuracy-against-refusal curve) come from one pass.
 * accuracy@1 counts an answerable question right when its expected passage is the one answered with,
 * above the threshold; refusal is the share of questions nothing answers that get "I don't know".
 */
import type { KnowledgeHit, Passage } from '../../src/domain/knowledge/passage.js';
import type { KnowledgeLexiconSpec } from '../../src/knowledge/knowledgeLexicon.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import type { EvalSet, OutOfScopeSets } from './evalSets.js';

/** What the evaluation searches with: built once per knowledge folder. */
export interface EvalRetriever {
  search(question: string): Promise<readonly KnowledgeHit[]> | readonly KnowledgeHit[];
}
export type RetrieverFactory = (
  passages: readonly Passage[],
  lexicon?: KnowledgeLexiconSpec,
) => Promise<EvalRetriever> | EvalRetriever;

export interface Scored {
  q: string;
  /** Expected passage id (answerable questions only). */
  expected?: string;
  /** Best passage id, if any. */
  top?: string;
  confidence: number;
}

export interface SetScores {
  name: string;
  passages: number;
  answerable: Scored[];
  /** The set's own unanswerable questions. */
  unanswerable: Scored[];
  /** CLINC150 out-of-scope questions asked of this knowledge. */
  outOfScope: Scored[];
  /** CLINC150 other-domain questions asked of this knowledge. */
  otherDomains: Scored[];
  /** HWU64 out-of-scope questions asked of this knowledge (empty when that file is absent). */
  hwu: Scored[];
}

export interface Figures {
  threshold: number;
  /** Right passage, answered (not refused). */
  accuracyAt1: number;
  /** Right passage ranked first, threshold ignored. */
  rankedAt1: number;
  /** Share of answerable questions refused. */
  answerableRefused: number;
  /** Refusal of the set's own unanswerable questions (NaN when it has none). */
  refusal: number;
  outOfScopeRefusal: number;
  otherDomainRefusal: number;
  /** Refusal of HWU64's out-of-scope questions (NaN when absent). */
  hwuRefusal: number;
}

export async function scoreSet(
  set: EvalSet,
  factory: RetrieverFactory,
  oos: OutOfScopeSets = { outOfScope: [], otherDomains: [] },
): Promise<SetScores> {
  const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
  const byId = new Map(passages.map((p) => [p.id, p.id]));
  for (const p of passages) if (!byId.has(p.heading)) byId.set(p.heading, p.id);
  const retriever = await factory(passages, lexicon);
  const ask = async (q: string, expected?: string): Promise<Scored> => {
    const best = (await retriever.search(q))[0];
    return { q, expected, top: best?.passage.id, confidence: best?.confidence ?? 0 };
  };
  const answerable: Scored[] = [];
  for (const { q, passage } of set.answerable) {
    const id = byId.get(passage);
    if (!id) throw new Error(`${set.name}: no passage ${passage}`);
    answerable.push(await ask(q, id));
  }
  const many = async (qs: readonly string[]): Promise<Scored[]> => {
    const out: Scored[] = [];
    for (const q of qs) out.push(await ask(q));
    return out;
  };
  return {
    name: set.name,
    passages: passages.length,
    answerable,
    unanswerable: await many(set.unanswerable),
    outOfScope: await many(oos.outOfScope),
    otherDomains: await many(oos.otherDomains),
    hwu: await many(oos.hwu ?? []),
  };
}

const share = (items: readonly Scored[], pass: (s: Scored) => boolean): number =>
  items.length === 0 ? Number.NaN : items.filter(pass).length / items.length;

export function figuresAt(scores: SetScores, threshold: number): Figures {
  const answered = (s: Scored): boolean => s.top !== undefined && s.confidence >= threshold;
  return {
    threshold,
    accuracyAt1: share(scores.answerable, (s) => answered(s) && s.top === s.expected),
    rankedAt1: share(scores.answerable, (s) => s.top === s.expected),
    answerableRefused: share(scores.answerable, (s) => !answered(s)),
    refusal: share(scores.unanswerable, (s) => !answered(s)),
    outOfScopeRefusal: share(scores.outOfScope, (s) => !answered(s)),
    otherDomainRefusal: share(scores.otherDomains, (s) => !answered(s)),
    hwuRefusal: share(scores.hwu, (s) => !answered(s)),
  };
}

export const CURVE_THRESHOLDS = [0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];

/** Questions answered with the wrong passage or refused, and out-of-scope questions answered. */
export function mistakes(scores: SetScores, threshold: number): { misses: Scored[]; falseAnswers: Scored[] } {
  const answered = (s: Scored): boolean => s.top !== undefined && s.confidence >= threshold;
  return {
    misses: scores.answerable.filter((s) => !answered(s) || s.top !== s.expected),
    falseAnswers: [...scores.unanswerable, ...scores.outOfScope].filter(answered),
  };
}
