import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { seededRandom } from '../../src/domain/seededRandom.js';

// Shop words, with synonyms the general lexicon knows (price/cost/fee, deliver/ship, card/pay, …),
// so question concepts have several vocabulary terms; the first words are the most common.
const WORDS = (
  'cake order price delivery cost fee ship card pay cash refund return cancel hours open close weekend ' +
  'holiday gluten vegan birthday wedding party large small box dozen cupcake bread coffee suburb city zone ' +
  'pickup collect deposit invoice business office quote custom design flavour chocolate lemon vanilla ' +
  'allergy nut dairy egg fresh frozen week month minute'
).split(' ');

function corpus(count: number, random: () => number): Passage[] {
  // Zipf-like: low indices far more often, so some words are in most passages and some in few.
  const word = (): string => WORDS[Math.floor(WORDS.length * random() ** 2.5)]!;
  const words = (n: number): string => Array.from({ length: n }, word).join(' ');
  const base = Array.from({ length: 60 }, (_, i) => ({
    heading: `${words(1 + Math.floor(random() * 3))} ${i % 7 === 0 ? 'refnud' : ''}`.trim(),
    text: Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${words(4 + Math.floor(random() * 12))}.`).join(' '),
    alsoAsked: random() < 0.5 ? [words(3)] : [],
    title: `Shop ${words(1)}`,
  }));
  // Many exact copies (equal scores: ties broken as the exhaustive walk breaks them) and variations.
  return Array.from({ length: count }, (_, i) => {
    const b = base[i % base.length]!;
    const vary = random() < 0.5;
    return {
      id: `shop${i % 5}.md#${b.heading} ${i}`,
      file: `shop${i % 5}.md`,
      heading: b.heading,
      title: b.title,
      text: vary ? `${b.text} ${words(1 + Math.floor(random() * 6))}.` : b.text,
      alsoAsked: b.alsoAsked,
    };
  });
}

function questions(count: number, random: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 1 + Math.floor(random() * 5);
    const ws = Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]!);
    // Now and then a typo (one-edit matching) or a word the knowledge never uses.
    if (random() < 0.15) ws.push('chocolote');
    if (random() < 0.15) ws.push('bitcoin');
    out.push(`${random() < 0.5 ? 'how much is' : 'do you'} ${ws.join(' ')}?`);
  }
  return out;
}

describe('pruned top-k scoring (max-score) against scoring every passage', () => {
  const random = seededRandom(17);
  const passages = corpus(3000, random);
  const asked = questions(300, random);

  for (const [name, tuning] of [
    ['the default tuning (a pool of 30 re-ranked)', {}],
    ['no re-ranking (the pool is the limit: a floor reached sooner)', { headingGrams: 0, headingPrecision: 0 }],
  ] as const) {
    it(`when searched with ${name}, then every question gets the same passages, scores, confidences and margin`, () => {
      const pruned = new Bm25KnowledgeIndex(passages, { tuning, pruning: true });
      const exhaustive = new Bm25KnowledgeIndex(passages, { tuning, pruning: false });
      let hits = 0;
      for (const q of asked) {
        for (const limit of [1, 3, 30]) {
          const expected = exhaustive.ranked(q, limit, { sentences: false });
          hits += expected.length;
          expect(pruned.ranked(q, limit, { sentences: false }), `${q} (limit ${limit})`).toEqual(expected);
        }
      }
      // The comparison is not vacuous: most questions find a full top.
      expect(hits).toBeGreaterThan(asked.length * 25);
    });
  }

  it('when many passages tie, then the pruned walk keeps the ones the exhaustive walk meets first', () => {
    const copies = Array.from({ length: 200 }, (_, i) => ({
      id: `a.md#Cake prices ${i}`,
      file: 'a.md',
      heading: 'Cake prices',
      title: 'Cakes',
      text: i % 3 === 0 ? 'A cake costs $40.' : 'Cake orders need notice.',
      alsoAsked: [],
    }));
    const pruned = new Bm25KnowledgeIndex(copies, { tuning: { headingGrams: 0, headingPrecision: 0 }, pruning: true });
    const exhaustive = new Bm25KnowledgeIndex(copies, { tuning: { headingGrams: 0, headingPrecision: 0 }, pruning: false });
    for (const q of ['how much is a cake', 'cake notice', 'price']) {
      expect(pruned.ranked(q, 5).map((h) => h.passage.id)).toEqual(exhaustive.ranked(q, 5).map((h) => h.passage.id));
    }
  });
});
