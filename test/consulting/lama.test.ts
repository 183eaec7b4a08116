import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recommend, servingRange } from '../../src/domain/consulting/lama.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import type { Business } from '../../src/domain/business.js';
import { REPO } from '../support/testBot.js';

describe('recommendations', () => {
  let index: Bm25KnowledgeIndex;
  let business: Business;
  beforeAll(async () => {
    const k = await loadKnowledge(join(REPO, 'knowledge'));
    index = new Bm25KnowledgeIndex(k.passages);
    business = k.business;
  });
  const products = (): string[] => business.products.map((p) => p.name);

  it('when a passage states a serving range, then it is read as low and high', () => {
    expect(servingRange('The large cake serves 20–24 people and costs $95.')).toEqual([20, 24]);
    expect(servingRange('Feeds 8 guests.')).toEqual([8, 8]);
    expect(servingRange('Delivery costs $15.')).toBeUndefined();
  });

  it.each([
    [9, /small celebration cake/i],
    [14, /medium celebration cake/i],
    [22, /large celebration cake/i],
    [30, /tier/i],
  ])('when the need is %i people, then the product whose range fits is suggested', (servings, expected) => {
    const pick = recommend(index, { servings }, products(), 0.52);
    expect(pick?.source.heading).toMatch(expected);
    expect(pick?.text).toMatch(/serve/);
  });

  it('when nothing sold serves that many, then nothing is suggested rather than something too small', () => {
    expect(recommend(index, { servings: 500 }, products(), 0.52)).toBeUndefined();
  });
});
