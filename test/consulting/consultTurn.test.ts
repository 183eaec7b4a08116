import { describe, expect, it } from 'vitest';
import { ConsultationSchema, type Consultation } from '../../src/domain/consulting/consultationSchema.js';
import { consultTurn, type ConsultInput } from '../../src/domain/consulting/consultTurn.js';
import type { ConsultFacts } from '../../src/domain/consulting/facts.js';
import { listen } from '../../src/domain/consulting/listen.js';
import { candidates, mostInformative } from '../../src/domain/consulting/productFit.js';
import { sentencesOf } from '../../src/domain/consulting/statements.js';
import type { Passage } from '../../src/domain/knowledge/passage.js';

/** A made-up tea shop: nothing here comes from the sample businesses. */
const passage = (heading: string, text: string): Passage => ({
  id: `tea.md#${heading}`,
  file: 'tea.md',
  heading,
  title: 'Teas',
  text,
  alsoAsked: [],
});
const PASSAGES = [
  passage(
    'Green teas',
    'Our sencha is a grassy green tea and costs $12 a tin.\nOur matcha is a ceremonial grade powder and costs $30 a tin.',
  ),
  passage('Black teas', 'Our breakfast blend is a strong black tea and costs $10 a tin.'),
  passage('Caffeine', 'We do not sell decaffeinated green tea.\nOur rooibos is naturally caffeine-free.'),
  passage('Herbal teas', 'Our rooibos is a red herbal tea from South Africa and costs $9 a tin.'),
];
const TEA: Consultation = ConsultationSchema.parse({
  needs: [
    {
      id: 'style',
      question: 'Do you like green, black or herbal tea?',
      values: [
        { name: 'green', words: ['grassy'] },
        { name: 'black', words: ['strong', 'builders'] },
        { name: 'herbal', words: ['tisane', 'fruit tea'] },
      ],
    },
    {
      id: 'caffeine',
      question: 'Should it be caffeine-free?',
      hard: true,
      values: [{ name: 'caffeine-free', words: ['decaf', 'no caffeine'], replies: ['yes'], passage: 'Caffeine' }],
      none: ['caffeine is fine'],
    },
    {
      id: 'budget',
      question: 'What would you like to spend?',
      entity: 'budget',
      hard: true,
      ack: 'up to ${value}',
      cue: ['costs'],
    },
  ],
  products: [
    { name: 'Sencha', passage: 'Green teas', mention: 'sencha', attributes: { style: ['green'], budget: 12 } },
    { name: 'Matcha', passage: 'Green teas', mention: 'matcha', attributes: { style: ['green'], budget: 30 } },
    { name: 'Breakfast blend', passage: 'Black teas', attributes: { style: ['black'], budget: 10 } },
    {
      name: 'Rooibos',
      passage: 'Herbal teas',
      mention: 'rooibos',
      attributes: { style: ['herbal'], caffeine: ['caffeine-free'], budget: 9 },
    },
  ],
});
const NOW = new Date('2026-11-23T10:00:00Z');
const CTX = { now: NOW, timeZone: 'UTC' };

const budgetOf = (text: string) => {
  const m = /\$(\d+)/.exec(text);
  return m ? { budget: { amount: Number(m[1]) } } : {};
};

function turn(facts: ConsultFacts, text: string, over: Partial<ConsultInput> = {}) {
  const heard = listen({ text, entities: budgetOf(text), consultation: TEA });
  return consultTurn({
    consultation: TEA,
    passages: PASSAGES,
    facts,
    heard,
    asked: [],
    stated: [],
    wantsRecommendation: false,
    ...CTX,
    ...over,
  });
}

describe('listening', () => {
  it('when one message gives several facts, then every one is heard', () => {
    expect(
      listen({ text: 'something grassy, decaf please, under $20', entities: { budget: { amount: 20 } }, consultation: TEA }),
    ).toEqual({
      style: { kind: 'values', values: ['green'] },
      caffeine: { kind: 'values', values: ['caffeine-free'] },
      budget: { kind: 'number', value: 20, text: '20' },
    });
  });

  it('when a word only makes sense as a reply, then it counts only for the need just asked', () => {
    expect(listen({ text: 'yes', entities: {}, consultation: TEA, asking: 'caffeine' })).toEqual({
      caffeine: { kind: 'values', values: ['caffeine-free'] },
    });
    expect(listen({ text: 'yes', entities: {}, consultation: TEA, asking: 'style' })).toEqual({});
  });

  it('when the customer has no preference, then the need is known and filters nothing', () => {
    expect(listen({ text: "I don't mind", entities: {}, consultation: TEA, asking: 'style' })).toEqual({
      style: { kind: 'none' },
    });
    expect(listen({ text: 'caffeine is fine', entities: {}, consultation: TEA })).toEqual({ caffeine: { kind: 'none' } });
  });

  it('when a number is asked for and the customer answers with a bare number, then that number answers it', () => {
    expect(listen({ text: 'maybe 15', entities: { quantity: 15 }, consultation: TEA, asking: 'budget' })).toEqual({
      budget: { kind: 'number', value: 15, text: '15' },
    });
    expect(
      listen({ text: 'I walk 15 minutes to work every day', entities: { quantity: 15 }, consultation: TEA, asking: 'budget' }),
    ).toEqual({});
  });
});

describe('listening for dates', () => {
  const DATED = ConsultationSchema.parse({
    needs: [{ id: 'date', question: 'When?', entity: 'date', hard: true }],
    products: [{ name: 'X', passage: 'P', attributes: { date: 48 } }],
  });
  it('when the date reader found only a part of the day ("a morning tea"), then no date is heard', () => {
    const when = { start: '2026-11-23T09:00:00+11:00', text: 'morning', asap: false, hasTime: true };
    expect(listen({ text: 'for a morning tea', entities: { when }, consultation: DATED })).toEqual({});
    const friday = { ...when, text: 'next friday', start: '2026-11-27T12:00:00+11:00' };
    expect(listen({ text: 'by next friday', entities: { when: friday }, consultation: DATED })).toEqual({
      date: { kind: 'date', iso: friday.start, text: 'next friday' },
    });
  });

  it('when the date reader took a head count as a year ("in march, 80 guests"), then both are read apart', () => {
    const wrong = { start: '1980-03-01T12:00:00+11:00', text: 'in march, 80', asap: false, hasTime: false };
    const march = { start: '2027-03-01T12:00:00+11:00', text: 'in march', asap: false, hasTime: false };
    const COUNTED = ConsultationSchema.parse({
      needs: [...DATED.needs, { id: 'servings', question: 'How many?', entity: 'servings' }],
      products: DATED.products,
    });
    const heard = listen({
      text: 'in march, 80 guests',
      entities: { when: wrong },
      consultation: COUNTED,
      readWhen: () => march,
    });
    expect(heard).toEqual({
      date: { kind: 'date', iso: march.start, text: 'in march' },
      servings: { kind: 'number', value: 80, text: '80' },
    });
  });
});

describe('a consulting turn', () => {
  it('when nothing is known, then it asks the need that splits the products best', () => {
    const t = turn({}, 'can you help me choose a tea?');
    expect(t.ask?.id).toBe('style');
    expect(t.acknowledged).toBeUndefined();
    expect(t.recommendation).toBeUndefined();
  });

  it('when facts arrive, then it acknowledges them briefly, states a cited sentence about them and never asks what it knows', () => {
    const t = turn({}, 'can you help? I have about $13 to spend');
    expect(t.acknowledged).toEqual({ told: 'up to $13' });
    expect(t.statement).toMatchObject({
      text: 'Our sencha is a grassy green tea and costs $12 a tin.',
      passage: { heading: 'Green teas' },
    });
    expect(t.ask?.id).toBe('style');
  });

  it('when one or two products remain, then it recommends them with the sentences that show they fit', () => {
    const t = turn({}, 'a green tea under $15');
    expect(t.recommendation?.products.map((p) => p.name)).toEqual(['Sencha']);
    expect(t.recommendation?.statements[0]?.text).toBe('Our sencha is a grassy green tea and costs $12 a tin.');
  });

  it('when the customer asks for a recommendation, then it recommends at once with what it knows', () => {
    const t = turn({}, 'what do you suggest?', { wantsRecommendation: true });
    expect(t.recommendation?.products.length).toBeGreaterThan(0);
    expect(t.ask).toBeUndefined();
  });

  it('when a hard constraint rules everything out, then nothing is suggested and the limit is cited', () => {
    // A preference (green) gives way to a constraint (decaf): the caffeine-free tea, never a green one.
    const t = turn({}, 'a decaf green tea under $20');
    expect(t.recommendation?.products.map((p) => p.name)).toEqual(['Rooibos']);
    const strict = turn({}, 'decaf under $5');
    expect(strict.recommendation).toBeUndefined();
    expect(strict.nothingFits?.need.id).toBe('budget');
    expect(strict.nothingFits?.statement?.text).toBe('Our rooibos is a red herbal tea from South Africa and costs $9 a tin.');
  });

  it('when a hard constraint is known, then no recommendation ever breaks it', () => {
    for (const text of ['decaf please', 'decaf under $40', 'something green and decaf', 'strong but decaf']) {
      const t = turn({}, text, { wantsRecommendation: true });
      expect(t.recommendation?.products.length, text).toBeGreaterThan(0);
      for (const p of t.recommendation?.products ?? []) expect(p.attributes.caffeine, text).toContain('caffeine-free');
    }
  });

  it('when the customer corrects a fact, then the new value replaces it and is acknowledged as a change', () => {
    const facts: ConsultFacts = {};
    turn(facts, 'under $11');
    const t = turn(facts, 'actually up to $35');
    expect(t.changed).toEqual(['budget']);
    expect(t.acknowledged).toEqual({ corrected: 'up to $35' });
    expect(facts.budget).toMatchObject({ value: 35 });
  });

  it('when a need was asked once, then it is never asked again', () => {
    const t = turn({}, 'hmm', { asked: ['style'] });
    expect(t.ask?.id).not.toBe('style');
  });
});

describe('choosing the question', () => {
  it('when a need does not tell the remaining products apart, then it is not worth asking', () => {
    const facts: ConsultFacts = { style: { kind: 'values', values: ['green'] } };
    const greens = candidates(TEA, facts, CTX).products;
    expect(greens.map((p) => p.name)).toEqual(['Sencha', 'Matcha']);
    // Neither green tea is caffeine-free, so asking about caffeine would not help choose between them.
    expect(mostInformative(TEA, greens, facts, [], CTX)?.id).toBe('budget');
  });
});

describe('choosing between named products', () => {
  it('when the customer names two products, then it asks what tells them apart and picks one', () => {
    const facts: ConsultFacts = {};
    const first = turn(facts, 'sencha or rooibos?', { choosingBetween: ['Sencha', 'Rooibos'] });
    expect(first.recommendation).toBeUndefined();
    expect(['style', 'caffeine', 'budget']).toContain(first.ask?.id);
    const second = turn(facts, 'decaf please', { choosingBetween: ['Sencha', 'Rooibos'], asked: [first.ask!.id] });
    expect(second.recommendation?.products.map((p) => p.name)).toEqual(['Rooibos']);
  });
});

describe('sentences', () => {
  it('when a passage has a table or a list, then rows and items are quoted as sentences', () => {
    const p = passage(
      'Bikes',
      'Pick one:\n\n| Model | Price |\n|---|---|\n| Alder Metro 1 | $649 |\n\nSizes:\n- Small, ages 2–4: $149',
    );
    expect(sentencesOf(p)).toEqual(['Alder Metro 1: $649.', 'Sizes: Small, ages 2–4: $149.']);
  });
});

describe('the consultation schema', () => {
  it('when a product names an attribute no need has, or a value the need does not list, then it is rejected', () => {
    const bad = ConsultationSchema.safeParse({
      needs: [{ id: 'style', question: 'Which style?', values: [{ name: 'green' }] }],
      products: [{ name: 'X', passage: 'P', attributes: { colour: ['red'], style: ['purple'] } }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['no need has this id', 'unknown value "purple"']);
  });

  it('when a need has neither an entity nor values, then it is rejected', () => {
    expect(
      ConsultationSchema.safeParse({ needs: [{ id: 'x', question: 'Which?' }], products: [{ name: 'X', passage: 'P' }] }).success,
    ).toBe(false);
  });
});
