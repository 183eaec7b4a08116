/**
 * Writes every question's candidate signals, with and without the sentence model, to a JSON file for
 * fitting experiments outside the bot: `npx tsx test/eval/dumpSignals.ts OUT.json`. Rows: set, split,
 * kind (answerable | own | owndev | clinc | hwu), expected passage id, the question's content-word
 * count and unknown-word count, the dense candidates (best 10) and every lexical-only one.
 */
import { writeFile } from 'node:fs/promises';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { tokenize } from '../../src/knowledge/analyzer.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever, type Candidate } from '../../src/knowledge/hybridRetriever.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { banking77, extraOutOfScope, outOfScopeSets, ownDevUnanswerable, ownSets } from './evalSets.js';
import { evalEmbedder } from './retrievers.js';
import { splitOf } from './split.js';

const out = process.argv[2] ?? '/tmp/signals.json';
const embedder = await evalEmbedder();
const general = GeneralEnglish.load();
const sets = [...(await ownSets()), ...[await banking77()].filter((s) => s !== undefined)];
const oos = (await outOfScopeSets()) ?? { outOfScope: [], otherDomains: [] };
const hwu = (await extraOutOfScope()) ?? [];
const extra = await ownDevUnanswerable();
const rows: unknown[] = [];
const slim = (c: Candidate): Record<string, number | string> => {
  const { passage, ...signals } = c;
  return { id: passage.id, ...Object.fromEntries(Object.entries(signals).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4])) };
};
for (const set of sets) {
  const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
  const byId = new Map(passages.map((p) => [p.id, p.id]));
  for (const p of passages) if (!byId.has(p.heading)) byId.set(p.heading, p.id);
  const index = new Bm25KnowledgeIndex(passages, { lexicon });
  const dense = await HybridRetriever.create(index, { embedder, general });
  const lexical = await HybridRetriever.create(index, { general });
  const questions = [
    ...set.answerable.map((a) => ({ q: a.q, kind: 'answerable', expected: byId.get(a.passage) })),
    ...set.unanswerable.map((q) => ({ q, kind: 'own', expected: undefined })),
    ...(extra[set.name] ?? []).map((q) => ({ q, kind: 'owndev', expected: undefined })),
    ...oos.outOfScope.map((q) => ({ q, kind: 'clinc', expected: undefined })),
    ...hwu.map((q) => ({ q, kind: 'hwu', expected: undefined })),
  ];
  for (const { q, kind, expected } of questions) {
    const d = await dense.candidates(q);
    const l = await lexical.candidates(q);
    rows.push({
      set: set.name,
      split: kind === 'owndev' ? 'dev' : splitOf(q),
      kind,
      q,
      expected,
      words: tokenize(q).length,
      unknown: index.unknownWords(q).length,
      stats: Object.fromEntries(
        (['cosHead', 'cosCentroid', 'cosBody'] as const).map((k) => {
          const v = d.map((c) => c[k]);
          const mean = v.reduce((a, b) => a + b, 0) / (v.length || 1);
          const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length || 1));
          return [k, [mean, sd]];
        }),
      ),
      dense: d.slice(0, 10).map(slim),
      lexical: l.map(slim),
    });
  }
  console.log(`${set.name}: ${questions.length}`);
}
await embedder.close();
await writeFile(out, JSON.stringify(rows));
