/**
 * Everything the lexical index and the lexical-only hybrid retriever answer, question by question,
 * written as JSON lines, so a change meant to be exact (faster scoring, a new index layout) can be
 * checked for identical results:
 *
 *   npx tsx test/eval/retrievalEquality.ts write /tmp/before.jsonl   # on the code before
 *   npx tsx test/eval/retrievalEquality.ts check /tmp/before.jsonl   # on the code after
 *
 * Questions: every eval question of the bakery, the bike shop and BANKING77 (answerable, own
 * unanswerable, CLINC150 out-of-scope and other-domain, HWU64) against its knowledge, and the bench's
 * 831 varied questions on 10,000 and 100,000 synthetic passages (`EQUALITY_SYNTHETIC`, default
 * 10000,100000). Per question: ranked(30) (ids, confidences and the full-precision ranking scores,
 * base ranks and margin), search(3) with sentences, unknownWords, coverage of the first hit, and the
 * hybrid retriever's search(3) and every candidate's signals.
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { syntheticKnowledge } from '../../bench/retrieval.js';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import type { KnowledgeLexiconSpec } from '../../src/knowledge/knowledgeLexicon.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { banking77, outOfScopeSets, ownSets } from './evalSets.js';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'write' && mode !== 'check') || !file) {
  console.error('usage: npx tsx test/eval/retrievalEquality.ts write|check FILE');
  process.exit(2);
}

const general = GeneralEnglish.load();

interface Corpus {
  name: string;
  passages: Passage[];
  lexicon?: KnowledgeLexiconSpec;
  questions: string[];
}

async function* corpora(): AsyncGenerator<Corpus> {
  const oos = await outOfScopeSets();
  const shared = oos ? [...oos.outOfScope, ...oos.otherDomains, ...(oos.hwu ?? [])] : [];
  const sets = [...(await ownSets()), ...[await banking77()].filter((s) => s !== undefined)];
  for (const set of sets) {
    const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
    yield { name: set.name, passages, lexicon, questions: [...set.answerable.map((a) => a.q), ...set.unanswerable, ...shared] };
  }
  const { lexicon } = await loadKnowledge(sets[0]!.knowledgeDir);
  const sizes = (process.env.EQUALITY_SYNTHETIC ?? '10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  for (const n of sizes) {
    const { passages, questions } = await syntheticKnowledge(n);
    yield { name: `synthetic-${n}`, passages, lexicon, questions };
  }
}

async function* rows(): AsyncGenerator<string> {
  for await (const corpus of corpora()) {
    const index = new Bm25KnowledgeIndex(corpus.passages, { lexicon: corpus.lexicon });
    const hybrid = await HybridRetriever.create(index, { general });
    console.error(`${corpus.name}: ${corpus.passages.length} passages, ${corpus.questions.length} questions`);
    for (const q of corpus.questions) {
      const ranked = index
        .ranked(q, 30, { sentences: false })
        .map((h) => [h.passage.id, h.confidence, h.rank, h.baseRank, h.margin]);
      const search = index.search(q, 3).map((h) => [h.passage.id, h.confidence, h.sentences]);
      const first = ranked[0]?.[0] as string | undefined;
      const coverage = first ? [index.coverage(q, first), index.coverage(q, first, true)] : [];
      const hits = (await hybrid.search(q, 3)).map((h) => [h.passage.id, h.confidence, h.sentences]);
      const candidates = (await hybrid.candidates(q)).map((c) => [
        c.passage.id,
        c.fused,
        c.lexRank,
        c.lexical,
        c.margin,
        c.bestLexical,
        c.unknownRarity,
        c.lexTop,
      ]);
      yield JSON.stringify([corpus.name, q, ranked, search, index.unknownWords(q), coverage, hits, candidates]);
    }
  }
}

if (mode === 'write') {
  const out: string[] = [];
  for await (const row of rows()) out.push(row);
  await writeFile(file, `${out.join('\n')}\n`);
  console.error(`${out.length} questions written to ${file}`);
} else {
  const lines = createInterface({ input: createReadStream(file, 'utf8') })[Symbol.asyncIterator]();
  let n = 0;
  let differ = 0;
  for await (const row of rows()) {
    const expected = (await lines.next()).value as string | undefined;
    n++;
    if (row === expected) continue;
    if (++differ <= 5) console.error(`differs:\n  before ${expected?.slice(0, 600)}\n  after  ${row.slice(0, 600)}`);
  }
  console.error(`${n} questions checked, ${differ} differ`);
  process.exit(differ === 0 ? 0 : 1);
}
