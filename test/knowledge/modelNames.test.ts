/** A letter that is part of a model's name ("Metro E") is a word: it tells the models apart. */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { tokenize } from '../../src/knowledge/analyzer.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';

it('when a question names "the alder metro e", then the e-bike passage leads, not the Metro 1 and 3', async () => {
  const { passages, lexicon } = await loadKnowledge(join(import.meta.dirname, '../fixtures/knowledge-bikes'));
  const index = new Bm25KnowledgeIndex(passages, { lexicon });
  expect(index.search('how much is the alder metro e', 1)[0]?.passage.heading).toBe('Which e-bikes do you carry?');
});

it('when letters are pronouns, articles or chat shorthand, then they stay out', () => {
  const words = tokenize('can u tell me if i need a deposit r u open c ya').map((t) => t.word);
  for (const letter of ['u', 'i', 'a', 'r', 'c', 'y']) expect(words).not.toContain(letter);
  expect(tokenize('the metro e').map((t) => t.word)).toContain('e');
});
