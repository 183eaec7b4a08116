import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, withinOneEdit } from '../../src/domain/understanding/textTools.js';

describe('withinOneEdit', () => {
  it('agrees with editDistance(a, b, 1) <= 1 on any two short words', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'e'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => withinOneEdit(a, b) === editDistance(a, b, 1) <= 1),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['cupcake', 'cupcake', true],
    ['cupcak', 'cupcake', true],
    ['cupckae', 'cupcake', true],
    ['cupxake', 'cupcake', true],
    ['cpucake', 'cupcake', true],
    ['cuckae', 'cupcake', false],
    ['cake', 'cupcake', false],
  ])('when the words are %j and %j, then within one edit is %j', (a, b, want) => {
    expect(withinOneEdit(a, b)).toBe(want);
  });
});
