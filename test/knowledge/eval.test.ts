import { describe, expect, it } from 'vitest';
import { TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { EVAL_SETS, evaluateSet } from '../eval/evaluate.js';

describe('offline retrieval evaluation', () => {
  for (const file of EVAL_SETS) {
    it(`when ${file} is evaluated at the tuned threshold, then accuracy@1 ≥ 0.85 and refusal ≥ 0.90`, async () => {
      const r = await evaluateSet(file, TUNED_MIN_CONFIDENCE);
      const detail = JSON.stringify({ misses: r.misses.map((m) => m.q), falseAnswers: r.falseAnswers.map((f) => f.q) });
      expect(r.accuracyAt1, detail).toBeGreaterThanOrEqual(0.85);
      expect(r.refusal, detail).toBeGreaterThanOrEqual(0.9);
    });
  }
});
