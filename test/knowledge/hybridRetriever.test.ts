import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unit, type Embedder } from '../../src/domain/knowledge/embedder.js';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { CachedEmbedder } from '../../src/knowledge/embeddings/cachedEmbedder.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import { SIGNAL_NAMES, type LogisticModel, type RetrievalModel } from '../../src/knowledge/refusalModel.js';

/** A stand-in sentence model: letter-trigram counts hashed into 64 dimensions, and a call log. */
class TrigramEmbedder implements Embedder {
  readonly id = 'trigram-test';
  readonly calls: string[][] = [];
  fail = false;
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.fail) throw new Error('model down');
    this.calls.push([...texts]);
    return texts.map((t) => {
      const v = new Array<number>(64).fill(0);
      const s = ` ${t.toLowerCase()} `;
      for (let i = 0; i + 3 <= s.length; i++)
        v[[...s.slice(i, i + 3)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 64, 7)]! += 1;
      return unit(v);
    });
  }
  async close(): Promise<void> {}
}

/** A stand-in sentence model that gives each listed text its vector, and any other text `otherwise`. */
const fixedEmbedder = (id: string, vectors: Record<string, number[]>, otherwise: number[]): Embedder => ({
  id,
  embed: async (texts) => texts.map((t) => unit(vectors[t] ?? otherwise)),
  close: async () => undefined,
});

const passage = (heading: string, text: string, alsoAsked: string[] = []): Passage => ({
  id: `faq.md#${heading}`,
  file: 'faq.md',
  heading,
  title: 'FAQ',
  text,
  alsoAsked,
});
const PASSAGES = [
  passage('Card arrival', 'Cards arrive within 5 working days.', ['my card has not come']),
  passage('Exchange rates', 'We use the daily market rate.', ['what rate do you use abroad']),
];

describe('hybrid retrieval', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('when no embedder is attached, then it answers lexically; once attached, the sentence model takes part', async () => {
    const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES));
    expect(retriever.dense).toBe(false);
    expect((await retriever.search('when will my card arrive'))[0]?.passage.heading).toBe('Card arrival');
    const embedder = new TrigramEmbedder();
    expect(await retriever.attach(embedder)).toBe(true);
    expect(retriever.dense).toBe(true);
    const [c] = await retriever.candidates('my card has not come yet');
    expect(c?.passage.heading).toBe('Card arrival');
    expect(c?.cosHead).toBeGreaterThan(0.5);
  });

  it('when the embedder fails, then the search still answers lexically and the failure is reported', async () => {
    const errors: unknown[] = [];
    const embedder = new TrigramEmbedder();
    const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES), {
      embedder,
      onEmbedderError: (e) => errors.push(e),
    });
    embedder.fail = true;
    const hits = await retriever.search('what exchange rate do you use');
    expect(hits[0]?.passage.heading).toBe('Exchange rates');
    expect(errors).toHaveLength(1);
  });

  it('when a question cannot be embedded after the passages were, then it is judged as the lexical retriever judges it', async () => {
    const embedder = new TrigramEmbedder();
    const hybrid = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES), { embedder });
    const lexical = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES));
    embedder.fail = true; // e.g. its turn's EMBEDDINGS_TIMEOUT_MS ran out
    for (const q of ['when will my card arrive', 'what exchange rate do you use', 'my card has not come']) {
      const [h] = await hybrid.search(q);
      const [l] = await lexical.search(q);
      expect(h?.passage.id).toBe(l?.passage.id);
      expect(h?.confidence).toBe(l?.confidence);
    }
  });

  it('when vectors are cached, then a restart embeds nothing again and an edited text only itself', async () => {
    dir = await mkdtemp(join(tmpdir(), 'isb-emb-test-'));
    const first = new TrigramEmbedder();
    const a = new CachedEmbedder(first, dir);
    await a.embed(['one text', 'another text']);
    await a.close();
    const second = new TrigramEmbedder();
    const b = new CachedEmbedder(second, dir);
    const [v] = await b.embed(['one text']);
    expect(second.calls).toEqual([]);
    expect(Array.from(v!)).toEqual(Array.from((await first.embed(['one text']))[0]!));
    await b.embed(['one text', 'another text, edited']);
    expect(second.calls).toEqual([['another text, edited']]);
    await b.close();
  });

  it('when every passage shares the domain, then the centroid cosine, taken relative to the knowledge mean, tells them apart', async () => {
    // Three dimensions: a domain direction every passage shares strongly, and one per passage.
    const vectors: Record<string, number[]> = {
      'Card arrival': [1, 0.3, 0],
      'my card has not come': [1, 0.3, 0],
      'Exchange rates': [1, 0, 0.3],
      'what rate do you use abroad': [1, 0, 0.3],
      'where is my card': [1, 0.2, 0.1],
    };
    const fixed = fixedEmbedder('fixed-test', vectors, [1, 0, 0]);
    const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES), { embedder: fixed });
    const byHeading = new Map((await retriever.candidates('where is my card')).map((c) => [c.passage.heading, c]));
    const arrival = byHeading.get('Card arrival')!;
    const rates = byHeading.get('Exchange rates')!;
    // Raw cosines are both near 1 (the shared direction); relative to the mean they differ in sign.
    expect(rates.cosHead).toBeGreaterThan(0.95);
    expect(arrival.cosCentroid).toBeGreaterThan(0.5);
    expect(rates.cosCentroid).toBeLessThan(0);
  });

  it("when a cosine is read on the knowledge's own scale, then 0 is how alike its unrelated passages look and 1 how alike a paraphrase looks", async () => {
    // Paraphrase level: each "Also asked" is at cosine 0.8 to its heading. Unrelated level: the mean
    // of every phrasing's best cosine to the other passage's = (0 + 0.36 + 0 + 0.36) / 4 = 0.18.
    const vectors: Record<string, number[]> = {
      'Card arrival': [1, 0, 0],
      'my card has not come': [0.8, 0.6, 0],
      'Exchange rates': [0, 0, 1],
      'what rate do you use abroad': [0, 0.6, 0.8],
      'when will my card arrive': [0.8, 0.6, 0],
    };
    const fixed = fixedEmbedder('fixed-scale-test', vectors, [1, 1, 1]);
    const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES), { embedder: fixed });
    const byHeading = new Map((await retriever.candidates('when will my card arrive')).map((c) => [c.passage.heading, c]));
    const arrival = byHeading.get('Card arrival')!;
    const rates = byHeading.get('Exchange rates')!;
    expect(arrival.cosHead).toBeCloseTo(1, 5);
    expect(arrival.cosHeadRel).toBeCloseTo((1 - 0.18) / (0.8 - 0.18), 4);
    expect(rates.cosHead).toBeCloseTo(0.36, 5);
    expect(rates.cosHeadRel).toBeCloseTo((0.36 - 0.18) / (0.8 - 0.18), 4);
    // The lexical index ranks the card passage first too: the two retrievals agree on it only.
    expect([arrival.lexTop, rates.lexTop]).toEqual([1, 0]);
    // How much the question sounds like this knowledge at all: the mean of the best heading cosines.
    expect(arrival.cosHeadMean).toBeCloseTo((1 + 0.36) / 2, 4);
    expect(rates.cosHeadMean).toBe(arrival.cosHeadMean);
  });

  describe('when both rankings put one passage first and the lexical model alone is sure', () => {
    // Refusal models that say a fixed probability, whatever the signals (bias only); the fusion ranks
    // by the heading cosine alone, so the sentence model's first can differ from the lexical one.
    const constant = (p: number): LogisticModel => ({
      bias: Math.log(p / (1 - p)),
      weights: Object.fromEntries(SIGNAL_NAMES.map((n) => [n, 0])) as LogisticModel['weights'],
    });
    const model = (dense: number, lexical: number): RetrievalModel => ({
      fusion: { lexical: 0, rank: 0, head: 1, body: 0, centroid: 0, top: 0 },
      dense: constant(dense),
      lexicalOnly: constant(lexical),
      threshold: 0.67,
    });
    const vectors: Record<string, number[]> = {
      'Card arrival': [1, 0, 0],
      'my card has not come': [1, 0, 0],
      'Exchange rates': [0, 1, 0],
      'what rate do you use abroad': [0, 1, 0],
      // Words of the card passage, a vector nearer the rates one.
      'when will my card arrive': [0.3, 1, 0],
    };
    const fixed = fixedEmbedder('fixed-agree-test', vectors, [0.9, 0.1, 0.4]);
    const search = async (dense: number, lexical: number, question: string, lexicalAgreement = true) => {
      const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(PASSAGES), {
        embedder: fixed,
        model: model(dense, lexical),
        lexicalAgreement,
      });
      return (await retriever.search(question))[0]!;
    };

    it('then the answer takes the lexical confidence, as long as the sentence model is not far off', async () => {
      // "card arrive" is the card passage's own words; its vector is unlisted, so nearest the card one.
      const first = await search(0.45, 0.95, 'card arrive');
      expect(first.passage.heading).toBe('Card arrival');
      expect(first.confidence).toBeCloseTo(0.95, 3);
      // The sentence model against it: its own confidence stands.
      expect((await search(0.3, 0.95, 'card arrive')).confidence).toBeCloseTo(0.3, 3);
      // The lexical model not sure enough: the same.
      expect((await search(0.45, 0.85, 'card arrive')).confidence).toBeCloseTo(0.45, 3);
      // Turned off (what the evaluation's AGREE_RULE=0 measures): the sentence model alone.
      expect((await search(0.45, 0.95, 'card arrive', false)).confidence).toBeCloseTo(0.45, 3);
    });

    it('then a passage the lexical index did not put first keeps the sentence model’s confidence', async () => {
      const first = await search(0.45, 0.95, 'when will my card arrive');
      expect(first.passage.heading).toBe('Exchange rates');
      expect(first.confidence).toBeCloseTo(0.45, 3);
    });
  });
});
