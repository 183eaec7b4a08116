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
const EXTRA = process.env.EXTRA === '1';
const TYPOS = process.env.EXTRA === 'typos';
/** The longest word (≥ 5 letters) with two letters swapped, one dropped, or one doubled. */
const typo =
  (kind: 'swap' | 'drop' | 'double') =>
  (q: string): string => {
    const words = q.split(' ');
    let at = -1;
    words.forEach((w, i) => {
      if (/^[a-z]{5,}$/i.test(w) && (at < 0 || w.length > words[at]!.length)) at = i;
    });
    if (at < 0) return q;
    const w = words[at]!;
    const k = Math.floor(w.length / 2);
    words[at] =
      kind === 'swap'
        ? w.slice(0, k) + w[k + 1]! + w[k]! + w.slice(k + 2)
        : kind === 'drop'
          ? w.slice(0, k) + w.slice(k + 1)
          : w.slice(0, k) + w[k]! + w.slice(k);
    return words.join(' ');
  };
const wraps: ((q: string) => string)[] = TYPOS
  ? [(q) => q, typo('swap'), typo('drop'), typo('double')]
  : EXTRA
    ? [
        (q) => q,
        (q) => q.toUpperCase(),
        (q) => `${q} 🙂`,
        (q) => `quick question: ${q}`,
        (q) => `Hello! I was wondering, ${q}?`,
        (q) => `${q}???`,
        (q) => `${q}. I need to know asap`,
      ]
    : [
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
  const names = TYPOS
    ? ['plain', 'longest word, two letters swapped', 'one letter dropped', 'one letter doubled']
    : EXTRA
      ? ['plain', 'UPPER CASE', '+ 🙂', 'quick question: …', 'Hello! I was wondering, …?', '+ ???', '+ . I need to know asap']
      : ['plain', '+ thanks', 'hi … cheers mate', '+ haha', '+ , thank you so much!'];
  console.log(`${set.name}: ${names.map((n, i) => `${n} ${out[i]}`).join(', ')}`);
}
process.exit(0);
