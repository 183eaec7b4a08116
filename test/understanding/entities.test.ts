import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../src/domain/understanding/entities.js';
import { createOfflineRecognizer } from '../../src/domain/understanding/offlineRecognizer.js';
import type { RecognizerContext } from '../../src/domain/understanding/types.js';

/** Monday 23 November 2026, 10:00 in Sydney (AEDT, +11:00). */
const AU: RecognizerContext = {
  timeZone: 'Australia/Sydney',
  defaultPhoneRegion: 'AU',
  locale: 'en-AU',
  now: new Date('2026-11-23T10:00:00+11:00'),
  products: [
    'Small celebration cake',
    'Medium celebration cake',
    'Large celebration cake',
    'Tiered cake',
    'Cupcakes',
    'Cookie box',
    'Custom cake',
  ],
};
const US: RecognizerContext = { ...AU, timeZone: 'America/New_York', defaultPhoneRegion: 'US', locale: 'en-US' };
const ex = (text: string, ctx = AU) => extractEntities(text, ctx);

describe('phones', () => {
  it('when a number is said in words ("zero four one two, three four five, …"), then none of its words is read again as a time', () => {
    for (const text of [
      'zero four one two, three four five, six seven eight',
      'my number is oh four one two three four five six seven eight thanks',
    ]) {
      const e = ex(text);
      expect(e.phone?.e164).toBe('+61412345678');
      expect(e.when).toBeUndefined();
    }
    // A time said beside the number is still read.
    expect(ex('oh four one two three four five six seven eight, after 3pm').when?.start).toMatch(/T15:00/);
  });

  it.each([
    ['0412 345 678', '+61412345678'],
    ['my number is 0412345678', '+61412345678'],
    ['+61 412 345 678', '+61412345678'],
    ['+61412345678', '+61412345678'],
    ['0412-345-678', '+61412345678'],
    ['(02) 9876 5432', '+61298765432'],
    ['02 9876 5432', '+61298765432'],
    ['+61 2 9876 5432', '+61298765432'],
    ['call me on 0412 345 678 after 3pm', '+61412345678'],
    ['2 cakes, 0412 345 678', '+61412345678'],
  ])('when the text is "%s", then the phone is %s', (text, e164) => {
    expect(ex(text).phone?.e164).toBe(e164);
    expect(ex(text).invalidPhone).toBeUndefined();
  });

  it.each([
    ['(415) 555-2671', '+14155552671'],
    ['call 212-555-0199', '+12125550199'],
    ['+1 212 555 0199', '+12125550199'],
  ])('when the region is US and the text is "%s", then the phone is %s', (text, e164) => {
    expect(ex(text, US).phone?.e164).toBe(e164);
  });

  it.each([['0412 345 67'], ['1234 5678'], ['my number is 0012 345 678'], ['+61 4123 456']])(
    'when the text is "%s", then it is an invalid phone',
    (text) => {
      const e = ex(text);
      expect(e.phone).toBeUndefined();
      expect(e.invalidPhone).toBeDefined();
    },
  );

  it.each([
    ['tomorrow at 3pm'],
    ['on 24/11/2026'],
    ['on 2026-11-24 please'],
    ['under $100'],
    ['$1,250.50 budget'],
    ['2 cakes for 20 people'],
    ['at 10:30'],
    ['ref K7M2QD'],
  ])('when the text is "%s", then no phone is found', (text) => {
    const e = ex(text);
    expect(e.phone).toBeUndefined();
    expect(e.invalidPhone).toBeUndefined();
  });
});

describe('dates and times (Australia/Sydney, now = Mon 23 Nov 2026 10:00)', () => {
  it.each([
    ['tomorrow at 3pm', '2026-11-24T15:00:00+11:00', true],
    ['Friday 10am', '2026-11-27T10:00:00+11:00', true],
    ['friday at 10', '2026-11-27T10:00:00+11:00', true],
    ['at 3', '2026-11-23T15:00:00+11:00', true],
    ['tomorrow at 3', '2026-11-24T15:00:00+11:00', true],
    ['this Saturday', '2026-11-28T12:00:00+11:00', false],
    ['next Saturday', '2026-12-05T12:00:00+11:00', false],
    ['on 24/11 at 2pm', '2026-11-24T14:00:00+11:00', true],
    // A part of the day is a window (issue 11): it starts where the afternoon starts.
    ['this arvo', '2026-11-23T12:00:00+11:00', true],
  ])('when the text is "%s", then it starts at %s (hasTime %s)', (text, start, hasTime) => {
    const when = ex(text).when;
    expect(when?.start).toBe(start);
    expect(when?.hasTime).toBe(hasTime);
    expect(when?.asap).toBe(false);
  });

  it('when the text names a part of the day, then it is a window with an end', () => {
    const when = ex('tomorrow arvo').when;
    expect(when).toMatchObject({ start: '2026-11-24T12:00:00+11:00', end: '2026-11-24T17:00:00+11:00', window: true });
  });

  it.each([['asap'], ['as soon as possible'], ['call me now'], ['right away please'], ['ASAP!']])(
    'when the text is "%s", then it is asap at now',
    (text) => {
      expect(ex(text).when).toMatchObject({ asap: true, start: '2026-11-23T10:00:00+11:00' });
    },
  );

  it.each([
    ['tomorrow between 2pm and 4pm', '2026-11-24T14:00:00+11:00', '2026-11-24T16:00:00+11:00'],
    ['between 2 and 4pm tomorrow', '2026-11-24T14:00:00+11:00', '2026-11-24T16:00:00+11:00'],
    ['tomorrow 2-4pm', '2026-11-24T14:00:00+11:00', '2026-11-24T16:00:00+11:00'],
  ])('when the text is "%s", then it is a window from %s to %s', (text, start, end) => {
    expect(ex(text).when).toMatchObject({ start, end, hasTime: true });
  });

  it('when the date falls after the end of daylight saving, then the offset is the one of that date', () => {
    const april = { ...AU, now: new Date('2026-03-30T10:00:00+11:00') };
    expect(ex('on 10 April at 3pm', april).when?.start).toBe('2026-04-10T15:00:00+10:00');
  });

  it.each([['just browsing for now'], ['I know what I want'], ['2 cakes']])(
    'when the text is "%s", then there is no time',
    (text) => {
      expect(ex(text).when).toBeUndefined();
    },
  );
});

describe('names', () => {
  it.each([
    ["I'm Dana", 'Dana'],
    ['i\u2019m dana', 'Dana'],
    ['im dana', 'Dana'],
    ['my name is Dana Smith', 'Dana Smith'],
    ['my name is dana smith', 'Dana Smith'],
    ['This is Dana', 'Dana'],
    ['Dana here', 'Dana'],
    ['hi, Dana here', 'Dana'],
    ["name's Dana", 'Dana'],
    ['I am Priya and I need a cake', 'Priya'],
    ["Hi I'm Mary-Jane O'Neil", "Mary-Jane O'Neil"],
    ['call me tomorrow, I am Tom', 'Tom'],
  ])('when the text is "%s", then the name is %s', (text, name) => {
    expect(ex(text).name).toBe(name);
  });

  it.each([
    ["I'm looking for a cake"],
    ["I'm interested in cupcakes"],
    ['this is great'],
    ['This is ridiculous'],
    ["I'm just browsing"],
    ["I'm not sure"],
    ["it's for my daughter"],
    ['call me back'],
    ['call me tomorrow'],
    ["I'm after a large cake"],
    ["I'm allergic to nuts"],
    ['anyone here?'],
    ['I am wondering about prices'],
  ])('when the text is "%s", then there is no name', (text) => {
    expect(ex(text).name).toBeUndefined();
  });
});

describe('emails, reference codes and budgets', () => {
  it.each([
    ['dana@example.com', 'dana@example.com'],
    ['email me at Dana.Smith+cakes@Example.com.au please', 'dana.smith+cakes@example.com.au'],
  ])('when the text is "%s", then the email is %s', (text, email) => {
    expect(ex(text).email).toBe(email);
  });

  it.each([
    ['cancel my callback k7m2qd', 'K7M2QD'],
    ['ref K7M2QD', 'K7M2QD'],
    ['my reference is 7KM2QD.', '7KM2QD'],
    ['an 8 inch cake', undefined],
    ['a 12inch cake at 1230pm', undefined],
    ['CAKES2', undefined],
    ['cancel HJSWJ5', 'HJSWJ5'],
    ['please cancel', undefined],
  ])('when the text is "%s", then the reference is %s', (text, ref) => {
    expect(ex(text).refCode).toBe(ref);
  });

  it.each([
    ['under $100', { amount: 100 }],
    ['budget is 80 dollars', { amount: 80 }],
    ['my budget is 80', { amount: 80 }],
    ['around 60 AUD', { amount: 60, currency: 'AUD' }],
    ['A$150 max', { amount: 150, currency: 'AUD' }],
    ['no more than $49.50', { amount: 49.5 }],
  ])('when the text is "%s", then the budget is %j', (text, budget) => {
    expect(ex(text).budget).toEqual(budget);
  });
});

describe('quantities and servings', () => {
  it.each([
    ['2 cakes', 2],
    ['a dozen cupcakes', 12],
    ['three', 3],
    ['two dozen cookies', 24],
    ['half a dozen cupcakes', 6],
    ['I need 3 medium cakes for Friday at 2pm', 3],
    ['one cake please', 1],
  ])('when the text is "%s", then the quantity is %d', (text, quantity) => {
    expect(ex(text).quantity).toBe(quantity);
  });

  it.each([['which one should I take'], ['an 8 inch cake'], ['a 3-tier cake'], ['tomorrow at 3pm'], ['for 20 people']])(
    'when the text is "%s", then there is no quantity',
    (text) => {
      expect(ex(text).quantity).toBeUndefined();
    },
  );

  it.each([
    ['a cake for 20 people', 20],
    ['something that feeds 30', 30],
    ['20 guests', 20],
    ['about 15 kids', 15],
    ['serves twelve', 12],
    ['for twenty people', 20],
    ['2 cakes for 40 guests', 40],
  ])('when the text is "%s", then the servings are %d', (text, servings) => {
    expect(ex(text).servings).toBe(servings);
  });
});

describe('products', () => {
  it.each([
    ['a large chocolate cake', ['Large celebration cake']],
    ['small celebration cake', ['Small celebration cake']],
    ['the medium cake', ['Medium celebration cake']],
    ['a big cake', ['Large celebration cake']],
    ['a dozen cupcakes', ['Cupcakes']],
    ['one cupcake', ['Cupcakes']],
    ['a box of cookies', ['Cookie box']],
    ['a 3-tier wedding cake', ['Tiered cake']],
    ['a custom cake', ['Custom cake']],
    ['cupcaks and a cookie box', ['Cupcakes', 'Cookie box']],
    ['a lrage cake', ['Large celebration cake']],
    ['a cake', []],
    ['a large box of cupcakes', ['Cupcakes']],
    ['shall I get a cake', []],
    ['customer service', []],
  ])('when the text is "%s", then the products are %j', (text, products) => {
    expect(ex(text).products ?? []).toEqual(products);
  });
});

describe('offline recognizer', () => {
  it('when everything comes in one message, then intent and all entities are found', async () => {
    const u = await createOfflineRecognizer().recognize("call me tomorrow at 3pm on 0412 345 678, I'm Dana", AU);
    expect(u.intent).toBe('callback');
    expect(u.entities.phone?.e164).toBe('+61412345678');
    expect(u.entities.name).toBe('Dana');
    expect(u.entities.when).toMatchObject({ start: '2026-11-24T15:00:00+11:00', asap: false, hasTime: true });
    expect(u.entities.quantity).toBeUndefined();
  });

  it('when a callback is cancelled by reference, then the intent is cancel with the code', async () => {
    const u = await createOfflineRecognizer().recognize('cancel my callback k7m2qd', AU);
    expect(u).toMatchObject({ intent: 'cancel', entities: { refCode: 'K7M2QD' } });
  });

  it('when an advice request carries facts, then they are kept', async () => {
    const u = await createOfflineRecognizer().recognize('what do you recommend for about 20 people by Saturday, under $120?', AU);
    expect(u.intent).toBe('advice');
    expect(u.entities).toMatchObject({ servings: 20, budget: { amount: 120 } });
    expect(u.entities.when?.start.startsWith('2026-11-28')).toBe(true);
  });
});

describe('references the bot issues', () => {
  // Each extraction runs every reader; 1,000 keeps the test within its time on a loaded machine.
  it('when 1,000 new references are quoted back, then every one is read as a reference', { timeout: 60_000 }, async () => {
    const { newReference } = await import('../../src/domain/schedule/references.js');
    const missed = Array.from({ length: 1_000 }, () => newReference()).filter(
      (ref) => ex(`cancel my callback ${ref}`).refCode !== ref,
    );
    expect(missed).toEqual([]);
  });
});
