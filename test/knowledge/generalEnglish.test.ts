import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';

const general = GeneralEnglish.load()!;

describe('general English word frequencies (the out-of-scope word signal)', () => {
  it('when a word is common English, then it is more probable than a rare one', () => {
    expect(general.logProb('card')).toBeGreaterThan(general.logProb('bitcoin') + 5);
    expect(general.logProb('tomorrow')).toBeGreaterThan(general.logProb('overdraft') + 5);
  });

  it('when a word is a common word misspelt by one edit, then it is read as that word, not as a rare one', () => {
    for (const [typo, word] of [
      ['verison', 'version'], // two letters swapped
      ['recieve', 'receive'],
      ['tomorow', 'tomorrow'], // a letter dropped
    ] as const) {
      expect(general.logProb(typo)).toBeLessThan(general.logProb(word) - 5);
      expect(general.logProbAllowingTypo(typo)).toBeCloseTo(general.logProb(word), 5);
    }
  });

  it('when a word is rare and near no common word, or a real word itself, then the typo reading leaves it as it is', () => {
    for (const word of ['overdraft', 'bitcoin', 'refinance', 'mortgage', 'version'])
      expect(general.logProbAllowingTypo(word)).toBe(general.logProb(word));
    // Under five letters, too many words are one edit apart: taken as written.
    expect(general.logProbAllowingTypo('etsy')).toBe(general.logProb('etsy'));
  });

  it("when a question's only unknown word is a misspelt common word, then the out-of-scope signal stays low", async () => {
    const passage: Passage = {
      id: 'faq.md#Gluten-free cakes',
      file: 'faq.md',
      heading: 'Gluten-free cakes',
      title: 'FAQ',
      text: 'Gluten-free cakes cost $10 more than the standard price.',
      alsoAsked: [],
    };
    const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex([passage]), { general });
    const rarity = async (q: string): Promise<number> => (await retriever.candidates(q))[0]!.unknownRarity;
    expect(await rarity('does the gluten free verison cost more')).toBeCloseTo(
      await rarity('does the gluten free version cost more'),
      5,
    );
    expect(await rarity('does the gluten free bitcoin cost more')).toBeGreaterThan(0.5);
  });
});
