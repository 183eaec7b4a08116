import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copy, dates } from '../../dialogs/copy.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import {
  ANY,
  createDialogHarness,
  play,
  says,
  saysOnly,
  saysParts,
  windowAt,
  type DialogHarness,
  type Turn,
} from '../support/dialogHarness.js';

// copy.ts words the turn (acknowledgement, suggestion, next steps); the knowledge words the
// questions and the cited facts, which stay as written there.
const cited = (fact: string | RegExp, source: string): RegExp => says(copy.cited(typeof fact === 'string' ? fact : ANY, source));
/** How a citation starts, as copy.ts words it ("(Source:"). */
const SOURCE_MARK = copy.cited('', '').trim().replace(/\)$/, '');
/** A L.A.M.A. advice turn: acknowledges `told`, states one cited fact, asks exactly one question. */
const lama =
  (told: string, fact: RegExp, source: string, question: RegExp) =>
  (reply: string, replies: string[]): void => {
    expect(replies, reply).toHaveLength(1);
    expect(reply).toMatch(new RegExp(`^${saysParts(copy.acknowledge({ told }), cited(fact, source), question).source}`));
    expect(reply).toMatch(fact);
    expect(reply.split(SOURCE_MARK).length - 1, reply).toBe(1);
    expect(reply.replace(cited(fact, source), '').match(/\?/g), reply).toHaveLength(1);
  };

const SERVINGS = /About how many people will it need to serve\?$/;
const BUDGET = /Roughly what would you like to spend\?$/;
const BAKERY = await loadBusiness(join(import.meta.dirname, '../../knowledge'));
const NEXT_STEP = says(copy.nextStep(BAKERY));

describe('the consult dialog (L.A.M.A.)', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when advice is asked for, then each turn acknowledges, states a cited fact and asks one question, ending in a recommendation', async () => {
    const rows: Turn[] = [
      ['can you help me choose a cake?', [new RegExp(`^${saysParts(copy.adviceStart(), SERVINGS).source}`)]],
      ["it's for my daughter's birthday", lama('a birthday', /birthdays/, 'Large celebration cake — Celebration cakes', BUDGET)],
      [
        'about 20 people',
        [
          saysParts(
            copy.acknowledge({ told: 'for about 20 people' }),
            copy.suggest(['Large celebration cake'], 'a birthday, for about 20 people'),
            cited(/serves 20–24 people/, 'Large celebration cake — Celebration cakes'),
            copy.nextStep(BAKERY),
          ),
        ],
      ],
    ];
    const turns = await play(h, rows);
    expect(turns[2]!.join(' ')).toMatch(NEXT_STEP);
    const lead = await h.stores.leads.get('lead:Convo1');
    expect(lead).toMatchObject({
      need: 'can you help me choose a cake?',
      stage: 'desire',
      facts: { kind: 'cake', occasion: 'birthday', servings: 20 },
      productInterest: ['Large celebration cake'],
    });
  });

  it('when the customer tells several facts at once, then none is asked again and a fitting product is suggested at once', async () => {
    const [turn] = await play(h, [
      [
        'we are getting married in march, 80 guests, which cake would you recommend?',
        [
          saysParts(
            copy.adviceStart(),
            copy.acknowledge({ told: 'a wedding, for about 80 people, by march' }),
            // "Based on that": the acknowledgement has just said every fact.
            copy.suggest(['Three-tier cake']),
          ),
        ],
      ],
    ]);
    expect(turn!.join(' ')).toMatch(
      cited('A three-tier cake serves 70–90 people and starts at $380.', 'Tiered cakes — Celebration cakes'),
    );
    expect(turn!.join(' ')).not.toMatch(/occasion|how many people/i);
  });

  it('when a long message is acknowledged, then only its facts are reflected, never the whole message', async () => {
    const said = 'help me choose a cake for 30 people at the office next friday, one of them is vegan';
    const [turn] = await play(h, [[said, /./]]);
    // The acknowledgement is the facts heard, and ends there.
    expect(turn![0]).toMatch(
      saysParts(copy.adviceStart(), copy.acknowledge({ told: 'a work do, for about 30 people, by next friday, vegan' })),
    );
    expect(turn![0]).toMatch(saysParts(copy.suggest(['Cupcakes']), /.*Vegan cupcakes cost \$54 per dozen/));
  });

  it('when the need cannot be met (nut-free), then it says so from the knowledge, recommends nothing and offers a person', async () => {
    const [turn] = await play(h, [
      [
        'can you help me choose a cake for 20 people on Saturday? we need it nut free',
        [
          saysParts(
            cited(/We cannot make a nut-free cake/, 'Nuts and our kitchen — Dietary options and allergens'),
            copy.nothingFits(),
          ),
        ],
      ],
      ['yes', [saysOnly(copy.handoffStarted())]],
    ]);
    expect(turn!.join(' ')).not.toMatch(says(copy.suggest([ANY], ANY)));
    expect(turn!.join(' ')).not.toMatch(says(copy.suggest([ANY])));
  });

  it('when a side question comes mid-advice, then it is answered and the pending question asked again, without taking it as a fact', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['do you deliver to Bondi?', [/Bondi[\s\S]*Source: Delivery areas/, SERVINGS]],
      ['20 people', new RegExp(`^${says(copy.acknowledge({ told: 'for about 20 people' })).source}`)],
    ]);
  });

  it('when a question answers the need just asked ("could you do 20 people?"), then it is taken as the answer', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['could you do one for 20 people?', new RegExp(`^${says(copy.acknowledge({ told: 'for about 20 people' })).source}`)],
    ]);
  });

  it('when the customer asks "what do you recommend?" mid-way, then it recommends instead of asking again', async () => {
    await play(h, [
      ['can you help me choose a cake?', [SERVINGS]],
      ['a birthday', [BUDGET]],
      ['what do you recommend?', [says(copy.suggest(['Small celebration cake', 'Medium celebration cake'], ANY))]],
    ]);
  });

  it('when the customer is "just looking", then the advice ends politely and a plain question gets a plain answer', async () => {
    await play(h, [
      ['can you recommend a cake?', [SERVINGS]],
      ["I'm just looking", [saysOnly(copy.adviceEnd())]],
      ['how much is the small celebration cake?', [/\$55[\s\S]*Source: Small celebration cake/]],
    ]);
  });

  it.each(['ok cool', 'sounds good, thanks', 'great', 'thanks'])(
    'when the recommendation is followed by "%s", then the advice ends politely and nothing is booked',
    async (closing) => {
      await play(h, [
        ['which cake should I get for a birthday for 20 people on Saturday? no allergies', NEXT_STEP],
        [closing, [saysOnly(copy.adviceClose())]],
        ['yes', [saysOnly(copy.noOffer())]],
      ]);
      expect(await h.stores.callbacks.count()).toBe(0);
    },
  );

  it('when the recommendation is followed by "yes", then the callback dialog starts with the need as topic', async () => {
    await play(h, [
      ['which cake should I get for a birthday for 20 people on Saturday? no allergies', NEXT_STEP],
      ['yes', [says(copy.askName())]],
      ['Dana', [says(copy.askPhone())]],
      ['0412 345 678', [says(copy.askTime())]],
      [
        'tomorrow at 3pm',
        [
          says(
            copy.callbackSummary(
              'Dana',
              '0412 345 678',
              dates.callbackWhen(h.business, windowAt(h.business, '2026-11-24T15:00')),
              'which cake should I get for a birthday for 20 people on Saturday? no allergies',
            ),
          ),
        ],
      ],
    ]);
  });

  it('when a fact comes after the recommendation, then it refines the advice and the next steps are not offered again', async () => {
    const [, second] = await play(h, [
      ['we are getting married in march, 80 guests, which cake would you recommend?', NEXT_STEP],
      [
        'actually only 45 guests',
        [
          saysParts(
            copy.acknowledge({ corrected: 'for about 45 people' }),
            copy.suggest(['Two-tier cake'], 'a wedding, for about 45 people, by march'),
          ),
        ],
      ],
    ]);
    expect(second!.join(' ')).not.toMatch(NEXT_STEP);
  });

  it('when the customer asks for a callback mid-advice, then the callback dialog takes over', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      [
        "can you call me tomorrow at 3pm? I'm Dana, 0412 345 678",
        [new RegExp(`${says(copy.askTopic()).source}|${says(copy.callbackSummary('Dana', ANY, ANY, ANY)).source}`)],
      ],
    ]);
  });

  it('when an order-like message tells needs mid-advice, then the consultation goes on', async () => {
    await play(h, [
      ['can you help me choose?', [SERVINGS]],
      [
        "i need a gluten free cake for my husband's 40th",
        new RegExp(
          `^${saysParts(copy.acknowledge({ told: 'a birthday, gluten-free' }), /Gluten-free celebration cakes are available/).source}`,
        ),
      ],
    ]);
  });

  it('when a first message tells needs without naming a product or ordering, then it is advice; an order stays an order', async () => {
    await play(h, [
      [
        "i need a gluten free cake for my husband's 40th",
        new RegExp(
          `^${saysParts(copy.adviceStart(), copy.acknowledge({ told: 'a birthday, gluten-free' }), /.*Gluten-free/).source}`,
        ),
      ],
      ['maybe 30 people', saysParts(copy.suggest(['Cupcakes'], ANY), /.*Gluten-free cupcakes cost \$54 per dozen/)],
      ['thanks', [saysOnly(copy.adviceClose())]],
      ["I'd like to order the large chocolate cake for Saturday", says(copy.askFulfilment())],
    ]);
  });

  it('when the customer gives nothing usable three times, then it offers a person instead of looping', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['ok', [/What's the occasion\?/]],
      ['ok', [/Is there a dietary need I should keep in mind\?/]],
      ['ok', [saysOnly(copy.stuck())]],
      ['yes', [saysOnly(copy.handoffStarted())]],
    ]);
  });

  it('when the answer is only "hmm", then it is not taken as a fact', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['hmm', [/What's the occasion\?/]],
    ]);
    expect((await h.session())?.advice).toEqual({ kind: { kind: 'values', values: ['cake'] } });
  });
});
