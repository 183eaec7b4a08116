import { describe, expect, it } from 'vitest';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import { withoutCourtesies } from '../../src/knowledge/lexicon.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../src/knowledge/refusalModel.js';
import { freshSets, splitSet } from '../eval/evalSets.js';

describe('courtesies around a question', () => {
  it('when a question is wrapped in greetings and thanks, then the sentence model is given the question alone', () => {
    expect(withoutCourtesies('hi, do you deliver to bondi? thanks mate')).toBe('do you deliver to bondi?');
    expect(withoutCourtesies('how much are cupcakes, thank you so much!')).toBe('how much are cupcakes');
    expect(withoutCourtesies('hey there can i get a cake tomorrow pls')).toBe('can i get a cake tomorrow');
    expect(withoutCourtesies('how much is the small cake xx')).toBe('how much is the small cake');
    expect(withoutCourtesies('quick question: do you do vegan cakes')).toBe('do you do vegan cakes');
    expect(withoutCourtesies('Hi, I have a question, where is the shop?')).toBe('where is the shop?');
    expect(withoutCourtesies('Hello! I was wondering, do you sell gift cards???')).toBe('do you sell gift cards?');
    expect(withoutCourtesies('do you deliver to bondi 🙂🎂')).toBe('do you deliver to bondi');
  });

  it('when a question is shouted, then the sentence model reads it in lower case; other text keeps its case', () => {
    expect(withoutCourtesies('DO YOU DELIVER TO BONDI')).toBe('do you deliver to bondi');
    expect(withoutCourtesies('My card has not arrived, what do I do?')).toBe('My card has not arrived, what do I do?');
  });

  it('when a courtesy word is part of the question, or nothing else is left, then the text stays as it is', () => {
    expect(withoutCourtesies('i want to switch to chocolate, is that ok')).toBe('i want to switch to chocolate, is that ok');
    expect(withoutCourtesies('what is the mix')).toBe('what is the mix');
    expect(withoutCourtesies('thanks')).toBe('thanks');
    expect(withoutCourtesies('hello')).toBe('hello');
  });

  // The outsiders' held-out questions (written by nobody on the team), lexical path: before, "hi …
  // cheers mate" around them took the bakery's accuracy@1 from 0.383 to 0.033.
  it('when the outsiders’ questions come with "hi … cheers mate", "haha" or "quick question:", then as many are answered right as without', async () => {
    const general = GeneralEnglish.load();
    for (const full of await freshSets()) {
      const set = splitSet(full, 'test');
      const { passages, lexicon } = await loadKnowledge(set.knowledgeDir);
      const ids = new Map(passages.flatMap((p) => [[p.id, p.id] as const, [p.heading, p.id] as const]));
      const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), { general });
      const accuracy = async (wrap: (q: string) => string): Promise<number> => {
        let right = 0;
        for (const { q, passage } of set.answerable) {
          const [hit] = await retriever.search(wrap(q));
          if (hit && hit.confidence >= DEFAULT_MIN_CONFIDENCE && hit.passage.id === ids.get(passage)) right++;
        }
        return right / set.answerable.length;
      };
      const plain = await accuracy((q) => q);
      expect(plain).toBeGreaterThan(0.25);
      expect(await accuracy((q) => `hi ${q} cheers mate`)).toBeGreaterThanOrEqual(plain - 0.05);
      expect(await accuracy((q) => `${q} haha`)).toBeGreaterThanOrEqual(plain - 0.05);
      expect(await accuracy((q) => `quick question: ${q}`)).toBeGreaterThanOrEqual(plain - 0.05);
    }
  });
});
