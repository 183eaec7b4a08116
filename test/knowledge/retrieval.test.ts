import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { analyze, derivedStems, stem, synonymsOf, TypoIndex } from '../../src/knowledge/analyzer.js';
import { Bm25KnowledgeIndex, TUNED_MIN_CONFIDENCE } from '../../src/knowledge/bm25KnowledgeIndex.js';

describe('analyzer', () => {
  it('when words share a stem, then they analyse to the same term', () => {
    expect(stem('deliveries')).toBe(stem('delivery'));
    expect(analyze('Refunds refunded')).toEqual([stem('refund'), stem('refund')]);
  });

  it('when a question uses stop words and generic verbs, then only its topic remains', () => {
    expect(analyze('Do you sell gift cards?')).toEqual(analyze('gift cards'));
    expect(analyze('what do you offer')).toEqual([]);
  });

  it('when a question says "how much", then it asks for a price', () => {
    expect(analyze('how much is a tune-up')).toContain('price');
  });

  it('when a passage shows a currency amount, then it is indexed as a price', () => {
    expect(analyze('The cake costs $1,299.')).toEqual(expect.arrayContaining(['price', '1299']));
  });

  it('when a passage gives a small number range, then every number in it is indexed', () => {
    expect(analyze('serves 20–24 people')).toEqual(expect.arrayContaining(['20', '22', '24']));
    expect(analyze('from 25 to 600 dollars')).not.toContain('300');
  });

  it('when a number carries a unit, then it is told apart from a count', () => {
    expect(analyze('20cm')).toEqual(analyze('20 cm'));
    expect(analyze('8 inch')).not.toContain('8');
  });

  it('when chat shorthand, British spelling or hyphenated prefixes appear, then they meet the written form', () => {
    expect(analyze('cake for 8 ppl')).toEqual(analyze('cake for 8 people'));
    expect(analyze('GF')).toEqual(analyze('gluten free'));
    expect(analyze('flavours')).toEqual(analyze('flavors'));
    expect(analyze('tyre')).toEqual(analyze('tire'));
    expect(analyze('e-bikes')).toEqual(analyze('ebike'));
    expect(analyze('three tier')).toEqual(analyze('3-tier'));
  });

  it('when a word has synonyms, then they are found with a worth below the word itself', () => {
    const syn = synonymsOf(stem('cost'));
    expect(syn.get('price')).toBeGreaterThan(0);
    expect(syn.get('price')).toBeLessThan(1);
    expect(synonymsOf(stem('rental')).get(stem('rent'))).toBe(1);
  });

  it('when a derived form is unknown to the stemmer, then its base is offered', () => {
    expect(derivedStems('weekly')).toContain(stem('week'));
  });

  it('when a word is one edit from a known word, then the typo index finds it', () => {
    const typos = new TypoIndex(['different', 'delivery', 'flavour']);
    expect(typos.near('diferent')).toEqual(['different']);
    expect(typos.near('delivrey')).toEqual(['delivery']);
    expect(typos.near('flavor')).toEqual(['flavour']);
    expect(typos.near('banana')).toEqual([]);
  });
});

const passage = (heading: string, text: string, alsoAsked: string[] = []): Passage => ({
  id: `shop.md#${heading}`,
  file: 'shop.md',
  heading,
  title: 'Our shop',
  text,
  alsoAsked,
});

const KNOWLEDGE = [
  passage('Delivery fees', 'Delivery costs $10 within the city and $20 to the suburbs.', ['shipping cost']),
  passage('Returns and refunds', 'Unused items can be returned within 30 days for a full refund.', ['money back']),
  passage('Opening hours', 'We are open Monday to Friday from 9 am to 5 pm and closed on weekends.'),
  passage('Gift wrapping', 'Every order can be gift wrapped for free; add a card with your own message.'),
  passage('Large tables', 'The oak dining table seats 6–8 people and costs $900.'),
];

describe('Bm25KnowledgeIndex', () => {
  const index = new Bm25KnowledgeIndex(KNOWLEDGE);
  const top = (q: string) => index.search(q)[0];

  it('when a question paraphrases a passage, then that passage is the confident first hit', () => {
    expect(top('how much do you charge to ship')?.passage.heading).toBe('Delivery fees');
    expect(top('can i get my money back')?.passage.heading).toBe('Returns and refunds');
    expect(top('what time do you close on friday')?.passage.heading).toBe('Opening hours');
    expect(top('table for 7 ppl, price?')?.passage.heading).toBe('Large tables');
    // "how late", "open till", "shut": how customers ask for closing time, in words the passage lacks.
    for (const q of ['how late are you open on friday', 'are you open till 6 on fridays', 'when do you shut on friday'])
      expect(top(q)?.passage.heading, q).toBe('Opening hours');
    for (const q of ['how much do you charge to ship', 'can i get my money back', 'how late are you open on friday']) {
      expect(top(q)!.confidence).toBeGreaterThanOrEqual(TUNED_MIN_CONFIDENCE);
    }
  });

  it('when a question has a typo, then the passage is still found', () => {
    expect(top('refnud policy')?.passage.heading).toBe('Returns and refunds');
  });

  it('when a question is off-topic, then confidence stays under the threshold', () => {
    for (const q of ['what is the weather tomorrow', 'tell me a joke', 'do you sell car insurance']) {
      expect(top(q)?.confidence ?? 0).toBeLessThan(TUNED_MIN_CONFIDENCE);
    }
  });

  it('when a passage shares only common words with the question, then confidence is low', () => {
    const hit = top('can i order a birthday cake with a unicorn on it');
    expect(hit?.confidence ?? 0).toBeLessThan(TUNED_MIN_CONFIDENCE);
  });

  it('when a passage answers, then its most relevant sentence is returned', () => {
    expect(top('how much is delivery to the suburbs')?.sentences[0]).toContain('$20 to the suburbs');
  });
});

describe("a knowledge folder's own words (synonyms.yaml)", () => {
  const trade = [
    passage('Road cycles', 'Our road cycles weigh under 9 kg and start at $1,200.'),
    passage('Pedal-assist models', 'Every pedelec has a 500 Wh battery and a two-year warranty.'),
    passage('Opening hours', 'We are open Monday to Friday from 9 am to 5 pm.'),
  ];
  const lexicon = {
    abbreviations: { rb: 'road cycle' },
    phrases: { pedelec: ['electric bicycle'] },
    synonyms: [['cycle', 'velo']],
  };

  it('when the folder names a synonym group, a phrase and a shorthand, then questions in those words find the passage', () => {
    const own = new Bm25KnowledgeIndex(trade, { lexicon });
    expect(own.search('how heavy is a velo')[0]?.passage.heading).toBe('Road cycles');
    expect(own.search('an electric bicycle?')[0]?.passage.heading).toBe('Pedal-assist models');
    expect(own.search('rb?')[0]?.passage.heading).toBe('Road cycles');
  });

  it('when the words are not in the folder, then the general lexicon alone does not know them', () => {
    const plain = new Bm25KnowledgeIndex(trade);
    expect(plain.search('how heavy is a velo')[0]?.passage.heading).not.toBe('Road cycles');
    expect(plain.search('an electric bicycle?')).toEqual([]);
    expect(plain.search('rb?')).toEqual([]);
    expect(synonymsOf(stem('velo')).size).toBe(0);
  });
});

describe('heading character trigrams', () => {
  // The analyzer reads both headings as the same words; only their spelling tells them apart.
  const twins = [
    passage('Colour charts', 'Charts of every shade we mix.'),
    passage('Color chart', 'Charts of every shade we mix.'),
  ];

  it('when two passages tie on words, then the heading spelled like the question ranks first', () => {
    const index = new Bm25KnowledgeIndex(twins);
    expect(index.search('colour charts')[0]?.passage.heading).toBe('Colour charts');
    expect(index.search('color chart')[0]?.passage.heading).toBe('Color chart');
  });

  it('when the trigrams weigh nothing, then the tie is not broken by spelling', () => {
    const index = new Bm25KnowledgeIndex(twins, { tuning: { headingGrams: 0 } });
    expect(index.search('colour charts')[0]?.passage.heading).toBe(index.search('color chart')[0]?.passage.heading);
  });
});

describe("the heading's precision", () => {
  // Both headings name the mixers and both texts give a price; only one heading is about what the
  // question asks (which mixers there are), the other about something else (mending them).
  const mixers = [
    passage('Do you mend mixers?', 'We mend most mixers. A mixer service costs $40, and new blades are $12.'),
    passage(
      'Which mixers do you carry?',
      'Kettle Pro $120, Kettle Mini $80 and Kettle Max $210. Every mixer has a two-year warranty.',
    ),
  ];

  it('when a question matches two headings, then the one whose topic it asks about ranks first', () => {
    const index = new Bm25KnowledgeIndex(mixers);
    expect(index.search('whats the cheapest mixer you have')[0]?.passage.heading).toBe('Which mixers do you carry?');
    expect(index.search('how much to mend my mixer')[0]?.passage.heading).toBe('Do you mend mixers?');
  });

  it('when the precision weighs nothing, then the heading about something else can win', () => {
    const index = new Bm25KnowledgeIndex(mixers, { tuning: { headingPrecision: 0 } });
    expect(index.search('whats the cheapest mixer you have')[0]?.passage.heading).toBe('Do you mend mixers?');
  });

  it('when asked how much of a question a passage covers, then its words count and others do not', () => {
    const index = new Bm25KnowledgeIndex(mixers);
    const [mend, carry] = index.passages();
    expect(index.coverage('whats the price', carry!.id)).toBe(1);
    expect(index.coverage('do you mend them', mend!.id)).toBe(1);
    expect(index.coverage('do you mend them', carry!.id)).toBe(0);
    expect(index.coverage('whats the price', 'nowhere#none')).toBe(0);
  });
});
