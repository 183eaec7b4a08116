/**
 * What the sentence model costs (not a test; run by hand): memory at start with and without it, the
 * start-up time (model load + passage embedding, cold and from the cache), and the CPU and wall time
 * of one knowledge question through the hybrid retriever, against lexical only.
 *
 *   npx tsx bench/sentenceModel.ts [knowledge dir]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Bm25KnowledgeIndex } from '../src/knowledge/bm25KnowledgeIndex.js';
import { CachedEmbedder } from '../src/knowledge/embeddings/cachedEmbedder.js';
import { WorkerEmbedder } from '../src/knowledge/embeddings/workerEmbedder.js';
import { GeneralEnglish } from '../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../src/knowledge/hybridRetriever.js';
import { loadKnowledge } from '../src/knowledge/markdownLoader.js';
import { readQuestionFile } from '../test/eval/evalSets.js';

const dir = resolve(process.argv[2] ?? 'knowledge');
const { passages, lexicon } = await loadKnowledge(dir);
const questions = (await readQuestionFile(resolve('test/eval/bakery.json'), 'bakery')).answerable.map((a) => a.q);
const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
const rss0 = process.memoryUsage().rss;

async function perQuestion(r: HybridRetriever, qs: readonly string[]): Promise<{ cpu: number; wall: number[] }> {
  for (const q of qs.slice(0, 5)) await r.search(`${q} warm`);
  const wall: number[] = [];
  const c0 = process.cpuUsage();
  for (const q of qs) {
    const t = performance.now();
    await r.search(q);
    wall.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000 / qs.length, wall: wall.sort((a, b) => a - b) };
}
const pct = (xs: number[], p: number): string => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))]!.toFixed(1);

const lexical = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), { general: GeneralEnglish.load() });
const lex = await perQuestion(lexical, questions);
console.log(`knowledge: ${dir}, ${passages.length} passages; ${questions.length} questions`);
console.log(
  `lexical only: RSS ${mb(process.memoryUsage().rss)}; process CPU ${lex.cpu.toFixed(2)} ms/question; wall p50 ${pct(lex.wall, 0.5)} ms, p99 ${pct(lex.wall, 0.99)} ms`,
);

const cache = await mkdtemp(join(tmpdir(), 'isb-emb-'));
for (const label of ['cold cache', 'warm cache']) {
  const t0 = performance.now();
  const worker = await WorkerEmbedder.start();
  const loaded = performance.now() - t0;
  const embedder = new CachedEmbedder(worker, cache);
  const hybrid = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), {
    embedder,
    general: GeneralEnglish.load(),
  });
  const ready = performance.now() - t0;
  const fresh = questions.map((q, i) => `${q} ${label} ${i}`); // never cached: every question is embedded
  const h = await perQuestion(hybrid, fresh);
  console.log(
    `sentence model (${label}): model load ${loaded.toFixed(0)} ms, ready ${ready.toFixed(0)} ms; process RSS ${mb(process.memoryUsage().rss)} (+${mb(process.memoryUsage().rss - rss0)} since start); ` +
      `process CPU (worker included) ${h.cpu.toFixed(2)} ms/question; wall p50 ${pct(h.wall, 0.5)} ms, p99 ${pct(h.wall, 0.99)} ms`,
  );
  await embedder.close();
}
await rm(cache, { recursive: true, force: true });
