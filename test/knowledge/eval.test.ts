import { describe, expect, it } from 'vitest';
import { benchRetrieval } from '../../bench/retrieval.js';
import { TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { banking77, outOfScopeSets, ownSets, splitOutOfScope, splitSet } from '../eval/evalSets.js';
import { figuresAt, mistakes, scoreSet } from '../eval/evaluate.js';
import { lexicalRetriever } from '../eval/retrievers.js';

// Every figure here is on the held-out `test` split (test/eval/split.ts): tuning reads `dev` only.
describe('offline retrieval evaluation (held-out split)', () => {
  for (const name of ['bakery', 'bikes']) {
    it(`when ${name} is evaluated at the tuned threshold, then accuracy@1 ≥ 0.80 and refusal ≥ 0.90`, async () => {
      const set = (await ownSets()).find((s) => s.name === name)!;
      const scores = await scoreSet(splitSet(set, 'test'), lexicalRetriever);
      const f = figuresAt(scores, TUNED_MIN_CONFIDENCE);
      const { misses, falseAnswers } = mistakes(scores, TUNED_MIN_CONFIDENCE);
      const detail = JSON.stringify({ misses: misses.map((m) => m.q), falseAnswers: falseAnswers.map((m) => m.q) });
      expect(f.accuracyAt1, detail).toBeGreaterThanOrEqual(0.8);
      expect(f.refusal, detail).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('when BANKING77 and CLINC150 are beside the repo, then their held-out figures hold', async (ctx) => {
    const set = await banking77();
    const oos = await outOfScopeSets();
    if (!set || !oos) return ctx.skip();
    const scores = await scoreSet(splitSet(set, 'test'), lexicalRetriever, { ...splitOutOfScope(oos, 'test'), otherDomains: [] });
    const f = figuresAt(scores, TUNED_MIN_CONFIDENCE);
    expect(f.outOfScopeRefusal).toBeGreaterThanOrEqual(0.95);
    expect(f.accuracyAt1).toBeGreaterThanOrEqual(0.4);
  }, 120_000);

  it('when the knowledge has 10,000 passages, then a search takes under 5 ms at p99', async () => {
    const { p99 } = await benchRetrieval(10_000);
    expect(p99).toBeLessThan(5);
  }, 120_000);
});
