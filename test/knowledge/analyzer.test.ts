import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { stem } from '../../src/knowledge/analyzer.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';

describe('stemming', () => {
  it('when two common words would share a Porter stem, then each keeps its own', () => {
    expect(stem('business')).not.toBe(stem('busy'));
    expect(stem('news')).not.toBe(stem('new'));
    expect(stem('generous')).not.toBe(stem('general'));
    expect(stem('experiment')).not.toBe(stem('experience'));
    // Their own word forms still meet.
    expect(stem('businesses')).toBe(stem('business'));
    expect(stem('generously')).toBe(stem('generous'));
  });

  it('when a word has no exception, then it is stemmed as Porter stems it', () => {
    expect(stem('deliveries')).toBe(stem('delivery'));
    expect(stem('ordering')).toBe(stem('ordered'));
  });

  it('when a message says "busy", then a passage about business orders is not matched by it', () => {
    const passage: Passage = {
      id: 'about.md#Corporate orders',
      file: 'about.md',
      heading: 'Corporate orders',
      title: 'About',
      text: 'We bake for business events.',
      alsoAsked: ['business order'],
    };
    const index = new Bm25KnowledgeIndex([passage]);
    expect(index.ranked('am kind of busy now', 3, { sentences: false })).toEqual([]);
    expect(index.ranked('do you take business orders', 3, { sentences: false })[0]?.passage.heading).toBe('Corporate orders');
  });
});
