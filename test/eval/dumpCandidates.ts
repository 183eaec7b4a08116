/**
 * Writes every question's candidate signals (all sets, both splits, CLINC150 out-of-scope and other
 * domains) to a JSON file, for fitting experiments outside the bot: `npx tsx test/eval/dumpCandidates.ts OUT.json`.
 * Each question row: set, split, kind (ans | own | oos | other), expected passage index (ans), and
 * per candidate [passage index, lexical, lexRank, cosHead, cosBody, cosCentroid, head cosines]; set-level bestLexical and unknownRarity.
 */
import { writeFile } from 'node:fs/promises';
import { cosine } from '../../src/domain/knowledge/embedder.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { banking77, outOfScopeSets, ownSets } from './evalSets.js';
import { evalEmbedder } from './retrievers.js';
import { splitOf } from './split.js';

const out = process.argv[2] ?? '/tmp/candidates.json';
const embedder = await evalEmbedder();
const general = GeneralEnglish.load();
const sets = [...(await ownSets()), ...[await banking77()].filter((s) => s !== undefined)];
const oos = (await outOfScopeSets()) ?? { outOfScope: [], otherDomains: [] };
const rows: unknown[] = [];
const kbs: Record<string, { headings: string[]; headCos: number[][] }> = {};
for (const set of sets) {
  const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
  const index = new Map(passages.map((p, i) => [p.id, i]));
  for (const [i, p] of passages.entries()) if (!index.has(p.heading)) index.set(p.heading, i);
  const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), { embedder, general });
  // Per passage: its heading and "Also asked" vectors, and heading + text (as the retriever embeds them).
  const pv: { heads: Float32Array[]; body: Float32Array }[] = [];
  for (const p of passages) {
    const v = await embedder.embed([p.heading, ...p.alsoAsked, `${p.heading}. ${p.text}`.slice(0, 2000)]);
    pv.push({ heads: v.slice(0, -1), body: v[v.length - 1]! });
  }
  kbs[set.name] = {
    headings: passages.map((p) => p.heading),
    headCos: pv.map((a) => pv.map((b) => round(Math.max(...a.heads.map((h) => Math.max(...b.heads.map((g) => cosine(h, g)))))))),
  };
  const questions = [
    ...set.answerable.map((a) => ({ q: a.q, kind: 'ans', expected: index.get(a.passage) })),
    ...set.unanswerable.map((q) => ({ q, kind: 'own', expected: undefined })),
    ...oos.outOfScope.map((q) => ({ q, kind: 'oos', expected: undefined })),
    ...oos.otherDomains.map((q) => ({ q, kind: 'other', expected: undefined })),
  ];
  for (const { q, kind, expected } of questions) {
    const cands = await retriever.candidates(q);
    const [qv] = await embedder.embed([q]);
    rows.push({
      set: set.name,
      split: splitOf(q),
      kind,
      q,
      expected,
      bestLexical: cands[0]?.bestLexical ?? 0,
      unknownRarity: cands[0]?.unknownRarity ?? 0,
      c: cands.map((c) => [
        index.get(c.passage.id),
        round(c.lexical),
        round(c.lexRank),
        round(c.cosHead),
        round(c.cosBody),
        round(c.cosCentroid),
        pv[index.get(c.passage.id)!]!.heads.map((h) => round(cosine(qv!, h))),
      ]),
    });
  }
  console.log(`${set.name}: ${questions.length}`);
}
await embedder.close();
await writeFile(out, JSON.stringify({ kbs, rows }));

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
