/**
 * Whether chat courtesies around a question change its answer: the held-out answerable questions of
 * the shops' sets asked plain, then with "thanks", "hi … cheers mate", "haha" and ", thank you so
 * much!" around them; accuracy@1 at the default threshold for each. `npx tsx test/eval/courtesies.ts`
 * (EMBEDDINGS=off for the lexical path; SPLIT=dev for the dev split).
 */
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/knowledge/refusalModel.js';
import { freshSets, ownSets, splitSet } from './evalSets.js';
import { evalEmbedder } from './retrievers.js';
const embedder = process.env.EMBEDDINGS === 'off' ? undefined : await evalEmbedder();
const wraps: ((q: string) => string)[] = [
  (q: string) => q,
  (q: string) => `${q} thanks`,
  (q: string) => `hi ${q} cheers mate`,
  (q: string) => `${q} haha`,
  (q: string) => `${q}, thank you so much!`,
];
for (const full of [...(await ownSets()), ...(await freshSets())]) {
  const set = splitSet(full, (process.env.SPLIT ?? 'test') as 'test');
  const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
  const id = new Map(passages.map((p) => [p.heading, p.id]));
  const r = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), {
    embedder,
    general: GeneralEnglish.load(),
  });
  const out: string[] = [];
  for (const w of wraps) {
    let ok = 0;
    for (const a of set.answerable) {
      const [h] = await r.search(w(a.q));
      if (h && h.confidence >= DEFAULT_MIN_CONFIDENCE && (h.passage.id === a.passage || h.passage.id === id.get(a.passage))) ok++;
    }
    out.push((ok / set.answerable.length).toFixed(3));
  }
  console.log(
    `${set.name}: plain ${out[0]}, +thanks ${out[1]}, hi … cheers mate ${out[2]}, +haha ${out[3]}, +thank you so much! ${out[4]}`,
  );
}
process.exit(0);
