/**
 * Measures lexical settings on the DEV split: ranked@1 (no threshold) per set for field weights,
 * the BM25 share of the ranking and the heading trigrams' weight. `npx tsx test/eval/lexicalGrid.ts`
 */
import { Bm25KnowledgeIndex, type RetrievalTuning } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { banking77, ownSets, splitSet } from './evalSets.js';

const sets = [...(await ownSets()), ...[await banking77()].filter((s) => s !== undefined)];
const loaded = await Promise.all(sets.map(async (s) => ({ set: splitSet(s, 'dev'), k: await loadKnowledge(s.knowledgeDir) })));
const grid: Partial<RetrievalTuning>[] = [];
// Field weights and the BM25 share (heading trigrams off), then the heading trigrams' weight.
for (const headingBoost of [3, 8])
  for (const alsoAskedBoost of [2.5, 8])
    for (const bm25Share of [0.1, 0.3, 0.5, 0.8])
      for (const headingBonus of [0.3, 0.6])
        grid.push({ headingGrams: 0, headingBoost, alsoAskedBoost, bm25Share, headingBonus });
for (const headingGrams of [0, 0.1, 0.2, 0.3, 0.5]) grid.push({ headingGrams });
for (const tuning of grid) {
  const out: string[] = [];
  for (const { set, k } of loaded) {
    const index = new Bm25KnowledgeIndex(k.passages, { tuning, lexicon: k.lexicon });
    const id = (p: string): string => k.passages.find((x) => x.id === p || x.heading === p)!.id;
    let ok = 0;
    for (const a of set.answerable) if (index.ranked(a.q, 1)[0]?.passage.id === id(a.passage)) ok++;
    out.push(`${set.name} ${(ok / set.answerable.length).toFixed(3)}`);
  }
  console.log(JSON.stringify(tuning), out.join('  '));
}
