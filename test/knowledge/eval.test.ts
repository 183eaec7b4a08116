import { afterAll, describe, expect, it } from 'vitest';
import type { CachedEmbedder } from '../../src/knowledge/embeddings/cachedEmbedder.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/knowledge/refusalModel.js';
import { banking77, freshSets, outOfScopeSets, ownSets, splitOutOfScope, splitSet, type EvalSet } from '../eval/evalSets.js';
import { figuresAt, mistakes, scoreSet } from '../eval/evaluate.js';
import { evalEmbedder, hybridRetriever } from '../eval/retrievers.js';

// Every figure here is on the held-out `test` split (test/eval/split.ts): tuning reads `dev` only.
const t = DEFAULT_MIN_CONFIDENCE;

describe('retrieval evaluation, lexical only (held-out split)', () => {
  // Held-out lexical accuracy@1: bakery 0.829, bikes 0.780 (refusal 0.964, 0.929); the floors sit a
  // few questions below.
  for (const [name, floor] of [
    ['bakery', 0.75],
    ['bikes', 0.72],
  ] as const) {
    it(`when ${name} is evaluated at the default threshold, then accuracy@1 ≥ ${floor} and refusal ≥ 0.90`, async () => {
      const set = (await ownSets()).find((s) => s.name === name)!;
      const scores = await scoreSet(splitSet(set, 'test'), hybridRetriever());
      const f = figuresAt(scores, t);
      const { misses, falseAnswers } = mistakes(scores, t);
      const detail = JSON.stringify({ misses: misses.map((m) => m.q), falseAnswers: falseAnswers.map((m) => m.q) });
      expect(f.accuracyAt1, detail).toBeGreaterThanOrEqual(floor);
      expect(f.refusal, detail).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('when BANKING77 and CLINC150 are beside the repo, then out-of-scope refusal ≥ 0.95 and accuracy@1 ≥ 0.40', async (ctx) => {
    const set = await banking77();
    const oos = await outOfScopeSets();
    if (!set || !oos) return ctx.skip();
    const scores = await scoreSet(splitSet(set, 'test'), hybridRetriever(), {
      ...splitOutOfScope(oos, 'test'),
      otherDomains: [],
      hwu: [],
    });
    const f = figuresAt(scores, t);
    expect(f.outOfScopeRefusal).toBeGreaterThanOrEqual(0.95);
    expect(f.accuracyAt1).toBeGreaterThanOrEqual(0.4);
  }, 60_000);
});

describe('retrieval evaluation with the sentence model (held-out split)', () => {
  let embedder: CachedEmbedder | undefined;
  afterAll(() => embedder?.close());
  const every = (set: EvalSet, n: number): EvalSet => ({ ...set, answerable: set.answerable.filter((_, i) => i % n === 0) });

  // Held-out, all BANKING77 questions: accuracy@1 0.632 at CLINC150 out-of-scope refusal 0.956 (130 of
  // 136); the floors sit two out-of-scope questions, and a few answerable ones of the sample, below.
  it('when BANKING77 (every 6th held-out question) is asked, then accuracy@1 ≥ 0.58 at out-of-scope refusal ≥ 0.94', async (ctx) => {
    const set = await banking77();
    const oos = await outOfScopeSets();
    if (!set || !oos) return ctx.skip();
    embedder ??= await evalEmbedder();
    const scores = await scoreSet(every(splitSet(set, 'test'), 6), hybridRetriever(embedder), {
      ...splitOutOfScope(oos, 'test'),
      otherDomains: [],
      hwu: [],
    });
    const f = figuresAt(scores, t);
    expect(f.outOfScopeRefusal).toBeGreaterThanOrEqual(0.94);
    expect(f.accuracyAt1).toBeGreaterThanOrEqual(0.58);
  }, 300_000);

  // Held-out: accuracy@1 0.789, own-unanswerable refusal 0.893 (25 of 28).
  it('when the bakery set is asked, then accuracy@1 ≥ 0.75 and refusal ≥ 0.85', async () => {
    embedder ??= await evalEmbedder();
    const set = (await ownSets()).find((s) => s.name === 'bakery')!;
    const scores = await scoreSet(splitSet(set, 'test'), hybridRetriever(embedder));
    const f = figuresAt(scores, t);
    expect(f.accuracyAt1).toBeGreaterThanOrEqual(0.75);
    expect(f.refusal).toBeGreaterThanOrEqual(0.85);
  }, 120_000);

  // The outsiders' questions (test/eval/data/fresh-*.json, held-out split), with the default retrieval:
  // accuracy@1 bakery 0.450 (own refusal 0.900), bikes 0.413 (0.700); the floors sit a few questions below.
  for (const [name, floor, refusal] of [
    ['bakery-fresh', 0.4, 0.83],
    ['bikes-fresh', 0.36, 0.63],
  ] as const) {
    it(`when the outsiders' ${name} questions are asked, then accuracy@1 ≥ ${floor} and own refusal ≥ ${refusal}`, async () => {
      embedder ??= await evalEmbedder();
      const set = (await freshSets()).find((s) => s.name === name)!;
      const scores = await scoreSet(splitSet(set, 'test'), hybridRetriever(embedder));
      const f = figuresAt(scores, t);
      expect(f.accuracyAt1).toBeGreaterThanOrEqual(floor);
      expect(f.refusal).toBeGreaterThanOrEqual(refusal);
    }, 120_000);
  }
});
