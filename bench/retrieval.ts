/**
 * Retrieval speed on a synthetic knowledge base: the sample passages (bakery and bike shop)
 * replicated with varied headings, product names and numbers until there are `passageCount` of them,
 * then searched with many varied customer questions. Run directly for a table:
 * `npx tsx bench/retrieval.ts 1000 10000 100000`.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Passage } from '../src/domain/knowledge/passage.js';
import { loadKnowledge } from '../src/knowledge/markdownLoader.js';
import { Bm25KnowledgeIndex } from '../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../src/knowledge/hybridRetriever.js';
import { seededRandom } from '../src/domain/seededRandom.js';

const ROOT = resolve(import.meta.dirname, '..');
const SETS = [
  { dir: 'knowledge', questions: 'test/eval/bakery.json' },
  { dir: 'test/fixtures/knowledge-bikes', questions: 'test/eval/bikes.json' },
];

export interface RetrievalBench {
  /** The hybrid retriever's search (lexical only, as the bot runs by default): milliseconds per search. */
  search: Timing;
  /** Of which the lexical index's scoring (ranked, 30 candidates). */
  scoring: Timing;
  /** Milliseconds to build the index. */
  buildMs: number;
}

interface Timing {
  mean: number;
  p50: number;
  p99: number;
}

/** The sample passages replicated and varied to `passageCount`, and questions that reach them. */
export async function syntheticKnowledge(passageCount: number): Promise<{ passages: Passage[]; questions: string[] }> {
  const base: Passage[] = [];
  const questions: string[] = [];
  for (const set of SETS) {
    base.push(...(await loadKnowledge(resolve(ROOT, set.dir))).passages);
    const parsed = JSON.parse(await readFile(resolve(ROOT, set.questions), 'utf8')) as {
      answerable: { q: string }[];
      unanswerable: string[];
    };
    questions.push(...parsed.answerable.map((a) => a.q), ...parsed.unanswerable);
  }
  const random = seededRandom(42);
  const passages = Array.from({ length: passageCount }, (_, i) => mutate(base[i % base.length]!, i, random));
  // Questions also name synthetic products, so searches reach the replicated passages' rare words.
  const varied = questions.flatMap((q, i) => [q, `${q} ${pseudoWord(random)}`, `${q.split(' ').slice(0, 4).join(' ')} ${i}`]);
  return { passages, questions: varied };
}

/**
 * The hybrid retriever (lexical only, with the sample bakery's lexicon, as the bot runs it) on
 * `passageCount` synthetic passages: every search of three rounds of the varied questions, after a
 * warm-up round, counted (no best-of: on a shared machine that includes other processes'
 * interference, as customers see it).
 */
export async function benchRetrieval(passageCount: number): Promise<RetrievalBench> {
  const { passages, questions: varied } = await syntheticKnowledge(passageCount);
  const { lexicon } = await loadKnowledge(resolve(ROOT, 'knowledge'));
  const started = performance.now();
  const index = new Bm25KnowledgeIndex(passages, { lexicon });
  const buildMs = performance.now() - started;
  const retriever = await HybridRetriever.create(index, { general: GeneralEnglish.load() });

  for (const q of varied) await retriever.search(q); // warm-up: steady-state latency is what customers see
  const search: number[] = [];
  const scoring: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of varied) {
      const t0 = performance.now();
      await retriever.search(q);
      const t1 = performance.now();
      index.ranked(`${q} `, 30, { sentences: false }); // a new text, so the question is analysed again
      search.push(t1 - t0);
      scoring.push(performance.now() - t1);
    }
  }
  return { search: timing(search), scoring: timing(scoring), buildMs: Math.round(buildMs) };
}

function timing(xs: number[]): Timing {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { mean: round3(xs.reduce((t, x) => t + x, 0) / xs.length), p50: round3(at(0.5)), p99: round3(at(0.99)) };
}

/**
 * A knowledge folder for the bot with `passageCount` synthetic passages beside the sample
 * knowledge (its business file and documents, so the bot starts as usual), built once and cached
 * in `dir`. Returns the folder.
 */
export async function writeKnowledgeDir(dir: string, passageCount: number): Promise<string> {
  const target = join(dir, `knowledge-${passageCount}`);
  try {
    await readFile(join(target, '.complete'));
    return target;
  } catch {
    // not built yet
  }
  await rm(target, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(resolve(ROOT, 'knowledge'), target, { recursive: true });
  const { passages } = await syntheticKnowledge(passageCount);
  const perFile = 1_000;
  for (let start = 0; start < passages.length; start += perFile) {
    const chunk = passages.slice(start, start + perFile);
    const body = chunk.map((p, k) => {
      const also = p.alsoAsked.length ? `Also asked: ${p.alsoAsked.join('; ')}\n` : '';
      return `## ${p.heading} ${start + k}\n${also}${p.text}\n`;
    });
    await writeFile(
      join(target, `synthetic-${start / perFile}.md`),
      `# Synthetic range ${start / perFile}\n\n${body.join('\n')}`,
    );
  }
  await writeFile(join(target, '.complete'), String(passages.length));
  return target;
}

function mutate(p: Passage, i: number, random: () => number): Passage {
  const name = `${pseudoWord(random)} ${pseudoWord(random)}`;
  const words = p.text.split(' ').map((w) => {
    const r = random();
    if (/^\$?\d/.test(w) && r < 0.5) return w.replace(/\d+/, String(1 + Math.floor(random() * 500)));
    if (r < 0.08) return pseudoWord(random);
    return w;
  });
  return {
    ...p,
    id: `${p.id}~${i}`,
    heading: `${p.heading} (${name})`,
    title: `${p.title} ${i % 97}`,
    text: `${words.join(' ')}\nThe ${name} range is item ${i}.`,
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'tu', 'vor', 'sel', 'bri', 'quo', 'dan', 'fe', 'gil', 'mon', 'zu', 'pra'];

function pseudoWord(random: () => number): string {
  const n = 2 + Math.floor(random() * 2);
  let w = '';
  for (let k = 0; k < n; k++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
  return w;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const n of counts.length ? counts : [1_000, 10_000]) {
    console.log(`${n} passages`, await benchRetrieval(n));
  }
}
