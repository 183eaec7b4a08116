import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { analysePassages, Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { decodeAnalysed, encodeAnalysed, indexKey, loadOrBuildIndex } from '../../src/knowledge/indexCache.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'isb-index-cache-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function questions(file: string): Promise<string[]> {
  const body = JSON.parse(await readFile(resolve(ROOT, 'test/eval', file), 'utf8')) as {
    answerable: { q: string }[];
    unanswerable: string[];
  };
  return [...body.answerable.map((a) => a.q), ...body.unanswerable];
}

/** Everything the index answers for a question, as one comparable value. */
const answers = (index: Bm25KnowledgeIndex, q: string) => {
  const ranked = index.ranked(q, 30);
  return [ranked, index.unknownWords(q), ranked[0] ? index.sentencesFor(ranked[0].passage.id, q) : []];
};

describe('the persisted lexical index', () => {
  for (const [dir, file] of [
    ['knowledge', 'bakery.json'],
    ['test/fixtures/knowledge-bikes', 'bikes.json'],
  ] as const) {
    it(`when ${dir} is indexed from the cache, then every question gets what a freshly built index gives`, async () => {
      const { passages, lexicon } = await loadKnowledge(resolve(ROOT, dir));
      const cacheDir = await tempDir();
      const fresh = new Bm25KnowledgeIndex(passages, { lexicon });
      const first = await loadOrBuildIndex(passages, { lexicon, dir: cacheDir });
      const second = await loadOrBuildIndex(passages, { lexicon, dir: cacheDir });
      expect([first.fromCache, second.fromCache]).toEqual([false, true]);
      for (const q of await questions(file)) {
        const expected = answers(fresh, q);
        expect(answers(first.index, q)).toEqual(expected);
        expect(answers(second.index, q)).toEqual(expected);
      }
    });
  }

  it('when the analysed terms are encoded and decoded, then they come back the same', async () => {
    const { passages, lexicon } = await loadKnowledge(resolve(ROOT, 'knowledge'));
    const analysed = analysePassages(passages);
    const key = await indexKey(passages, lexicon);
    expect(decodeAnalysed(encodeAnalysed(key, analysed), key)).toEqual(analysed);
    expect(decodeAnalysed(encodeAnalysed(key, analysed), 'another key')).toBeUndefined();
  });

  it('when a passage changes, then the index is built again and the old file is replaced', async () => {
    const { passages, lexicon } = await loadKnowledge(resolve(ROOT, 'knowledge'));
    const cacheDir = await tempDir();
    await loadOrBuildIndex(passages, { lexicon, dir: cacheDir });
    const edited: Passage[] = passages.map((p, i) => (i === 0 ? { ...p, text: `${p.text} Parking is free on weekends.` } : p));
    const rebuilt = await loadOrBuildIndex(edited, { lexicon, dir: cacheDir });
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.index.ranked('is parking free', 1)[0]?.passage.id).toBe(passages[0]!.id);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect((await loadOrBuildIndex(edited, { lexicon, dir: cacheDir })).fromCache).toBe(true);
  });

  it('when the cache file is damaged, then the index is built from the text and the start does not fail', async () => {
    const { passages, lexicon } = await loadKnowledge(resolve(ROOT, 'knowledge'));
    const cacheDir = await tempDir();
    await loadOrBuildIndex(passages, { lexicon, dir: cacheDir });
    const [file] = (await readdir(cacheDir)).filter((f) => f.endsWith('.bin'));
    const bytes = await readFile(join(cacheDir, file!));
    const fresh = new Bm25KnowledgeIndex(passages, { lexicon });
    for (const damaged of [
      bytes.subarray(0, bytes.length - 8),
      Buffer.concat([bytes.subarray(0, 200), Buffer.alloc(64, 0xff)]),
    ]) {
      await writeFile(join(cacheDir, file!), damaged);
      const errors: unknown[] = [];
      const result = await loadOrBuildIndex(passages, { lexicon, dir: cacheDir, onError: (e) => errors.push(e) });
      expect(result.fromCache).toBe(false);
      expect(answers(result.index, 'do you deliver on weekends')).toEqual(answers(fresh, 'do you deliver on weekends'));
    }
  });
});
