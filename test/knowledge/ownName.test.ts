/**
 * The business's own name is read as one word: its words are written all over its knowledge ("Spoke &
 * Chain gift cards"), so a question that uses one of them for what it means ("my chain keeps
 * falling off") must not find every passage that names the shop.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';

const BIKES = join(import.meta.dirname, '../fixtures/knowledge-bikes');

describe("the business's own name", () => {
  it('when a question uses a word of the name for what it means, then passages that only name the shop do not lead', async () => {
    const { passages, lexicon } = await loadKnowledge(BIKES);
    const index = new Bm25KnowledgeIndex(passages, { lexicon });
    const top = index.search('my chain keeps falling off, can you fix it today?', 3).map((h) => h.passage.heading);
    expect(top).not.toContain('What payment methods do you accept?');
    expect(index.search('how much is a new chain', 1)[0]?.passage.heading).toBe('How much do common repairs cost?');
  });

  it('when the shop is named in a question, with "&" or "and", then it is read as the shop', async () => {
    const { passages, lexicon } = await loadKnowledge(BIKES);
    expect(lexicon.phrases.spokeandchaincycles).toEqual(['spoke and chain cycles', 'spoke and chain']);
    const index = new Bm25KnowledgeIndex(passages, { lexicon });
    for (const q of ['where is spoke & chain', 'where is spoke and chain cycles'])
      expect(index.search(q, 1)[0]?.passage.heading).toBe('Where is the shop?');
  });
});
