import { describe, expect, it } from 'vitest';
import { unit, type Embedder } from '../../src/domain/knowledge/embedder.js';
import { analyze } from '../../src/knowledge/analyzer.js';
import { knowledgeGaps, knowledgeGapsBySimilarity } from '../../src/staff/knowledgeGaps.js';
import { conversation } from './staffSupport.js';

/** A stand-in sentence model: each text's meaning is a fixed direction, given by the test. */
const fakeModel = (meanings: Record<string, number[]>, calls: string[][] = []): Embedder => ({
  id: 'fake-test',
  embed: async (texts) => {
    calls.push([...texts]);
    return texts.map((t) => unit(meanings[t] ?? [0, 0, 0, 1]));
  },
  close: async () => undefined,
});

const GIFT = [1, 0, 0, 0];
const SUNDAY = [0, 1, 0, 0];
const conversations = [
  conversation('a', { unanswered: ['Do you sell gift vouchers?', 'do you deliver on sundays?'] }),
  conversation('b', { unanswered: ['can I purchase a present certificate', 'Do you sell gift vouchers'] }),
];

describe('knowledge gaps grouped by the sentence model', () => {
  it('when two questions ask the same thing with no word in common, then the sentence model makes them one gap', async () => {
    const model = fakeModel({
      'do you sell gift vouchers': GIFT,
      'can i purchase a present certificate': [0.95, 0.05, 0, 0],
      'do you deliver on sundays': SUNDAY,
    });
    const gaps = await knowledgeGapsBySimilarity(conversations, { terms: analyze, embedder: model });
    expect(gaps.map((g) => [g.question, g.count])).toEqual([
      ['do you sell gift vouchers', 3],
      ['do you deliver on sundays', 1],
    ]);
    // Without the model, the words alone keep them apart.
    const lexical = knowledgeGaps(conversations, { terms: analyze }).map((g) => [g.question, g.count]);
    expect(lexical).toEqual(
      expect.arrayContaining([
        ['do you sell gift vouchers', 2],
        ['can i purchase a present certificate', 1],
      ]),
    );
    expect(lexical).toHaveLength(3);
  });

  it('when the sentence model sees two questions as different, then they stay two gaps', async () => {
    const model = fakeModel({
      'do you sell gift vouchers': GIFT,
      'can i purchase a present certificate': [0, 0, 1, 0],
      'do you deliver on sundays': SUNDAY,
    });
    const gaps = await knowledgeGapsBySimilarity(conversations, { terms: analyze, embedder: model });
    expect(gaps).toHaveLength(3);
  });

  it('when the sentence model fails, then the gaps are grouped by their words and the failure is reported', async () => {
    const errors: unknown[] = [];
    const failing: Embedder = { id: 'down', embed: () => Promise.reject(new Error('model down')), close: async () => undefined };
    const gaps = await knowledgeGapsBySimilarity(conversations, {
      terms: analyze,
      embedder: failing,
      onError: (e) => errors.push(e),
    });
    expect(gaps.map((g) => g.question)).toEqual(knowledgeGaps(conversations, { terms: analyze }).map((g) => g.question));
    expect(errors).toHaveLength(1);
  });

  it('when a name or a phone number was unanswered, then it is neither embedded nor reported', async () => {
    const calls: string[][] = [];
    const model = fakeModel({ 'do you sell gift vouchers': GIFT, 'do you deliver on sundays': SUNDAY }, calls);
    const gaps = await knowledgeGapsBySimilarity(
      [
        conversation('a', {
          unanswered: ['Anna Lee', '0412 345 678', 'do you sell gift vouchers?', 'do you deliver on sundays?'],
        }),
      ],
      { terms: analyze, embedder: model },
    );
    expect(calls.flat().sort()).toEqual(['do you deliver on sundays', 'do you sell gift vouchers']);
    expect(gaps.map((g) => g.question).sort()).toEqual(['do you deliver on sundays', 'do you sell gift vouchers']);
  });
});
