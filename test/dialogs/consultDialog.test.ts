import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDialogHarness, play, type DialogHarness, type Turn } from '../support/dialogHarness.js';

/** A L.A.M.A. advice turn: acknowledges, states one cited fact, asks exactly one question. */
const lama =
  (ack: RegExp, question: RegExp) =>
  (reply: string, replies: string[]): void => {
    expect(replies, reply).toHaveLength(1);
    expect(reply).toMatch(ack);
    expect(reply).toMatch(/: got it\./);
    expect(reply.match(/\(Source: /g), reply).toHaveLength(1);
    expect(reply.replace(/\(Source: [^)]*\)/g, '').match(/\?/g), reply).toHaveLength(1);
    expect(reply.trim()).toMatch(question);
  };

const SERVINGS = /About how many people will it need to serve\?$/;
const BUDGET = /Roughly what would you like to spend\?$/;
const NEXT_STEP = /I can arrange a callback from our team or take an order request, or you can keep asking me anything\./;

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
      ['can you help me choose a cake?', [/^Happy to help you choose\. About how many people will it need to serve\?$/]],
      ["it's for my daughter's birthday", lama(/^A birthday: got it\. .*birthdays/, BUDGET)],
      [
        'about 20 people',
        [
          /^For about 20 people: got it\. .*I'd suggest the large celebration cake\. .*serves 20–24 people.*\(Source: Large celebration cake/,
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
          /^Happy to help you choose\. A wedding, for about 80 people, by march: got it\. Based on that, I'd suggest the three-tier cake\./,
        ],
      ],
    ]);
    expect(turn!.join(' ')).toMatch(
      /A three-tier cake serves 70–90 people and starts at \$380\. \(Source: Tiered cakes — Celebration cakes\)/,
    );
    expect(turn!.join(' ')).not.toMatch(/occasion|how many people/i);
  });

  it('when a long message is acknowledged, then only its facts are reflected, never the whole message', async () => {
    const said = 'help me choose a cake for 30 people at the office next friday, one of them is vegan';
    const [turn] = await play(h, [[said, /./]]);
    const ack = /Happy to help you choose\. (.*?): got it\./.exec(turn![0]!)?.[1];
    expect(ack).toBe('A work do, for about 30 people, by next friday, vegan');
    expect(turn![0]).toMatch(/I'd suggest the cupcakes\. .*Vegan cupcakes cost \$54 per dozen/);
  });

  it('when the need cannot be met (nut-free), then it says so from the knowledge, recommends nothing and offers a person', async () => {
    const [turn] = await play(h, [
      [
        'can you help me choose a cake for 20 people on Saturday? we need it nut free',
        [/We cannot make a nut-free cake .*\(Source: Nuts and our kitchen/],
      ],
      ['yes', /connecting you with a person/],
    ]);
    expect(turn!.join(' ')).not.toMatch(/I'd suggest/);
    expect(turn!.join(' ')).toMatch(/Would you like a person from our team to help\?/);
  });

  it('when a side question comes mid-advice, then it is answered and the pending question asked again, without taking it as a fact', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['do you deliver to Bondi?', [/Bondi[\s\S]*Source: Delivery areas/, SERVINGS]],
      ['20 people', /^For about 20 people: got it\./],
    ]);
  });

  it('when a question answers the need just asked ("could you do 20 people?"), then it is taken as the answer', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['could you do one for 20 people?', /^For about 20 people: got it\./],
    ]);
  });

  it('when the customer asks "what do you recommend?" mid-way, then it recommends instead of asking again', async () => {
    await play(h, [
      ['can you help me choose a cake?', [SERVINGS]],
      ['a birthday', [BUDGET]],
      ['what do you recommend?', [/I'd suggest the small celebration cake or the medium celebration cake\./]],
    ]);
  });

  it('when the customer is "just looking", then the advice ends politely and a plain question gets a plain answer', async () => {
    await play(h, [
      ['can you recommend a cake?', [SERVINGS]],
      ["I'm just looking", [/^Of course\. I'm here if you want to pick it up again\.$/]],
      ['how much is the small celebration cake?', [/\$55[\s\S]*Source: Small celebration cake/]],
    ]);
  });

  it.each(['ok cool', 'sounds good, thanks', 'great', 'thanks'])(
    'when the recommendation is followed by "%s", then the advice ends politely and nothing is booked',
    async (closing) => {
      await play(h, [
        ['which cake should I get for a birthday for 20 people on Saturday? no allergies', NEXT_STEP],
        [closing, [/^Glad I could help\. I'm here if you need anything else\.$/]],
        ['yes', [/^Sure\. What can I help you with\?$/]],
      ]);
      expect(await h.stores.callbacks.count()).toBe(0);
    },
  );

  it('when the recommendation is followed by "yes", then the callback dialog starts with the need as topic', async () => {
    await play(h, [
      ['which cake should I get for a birthday for 20 people on Saturday? no allergies', NEXT_STEP],
      ['yes', [/Who should we ask for when we call\?/]],
      ['Dana', [/What's the best number/]],
      ['0412 345 678', [/When would suit you/]],
      ['tomorrow at 3pm', [/about which cake should I get for a birthday/]],
    ]);
  });

  it('when a fact comes after the recommendation, then it refines the advice and the next steps are not offered again', async () => {
    const [, second] = await play(h, [
      ['we are getting married in march, 80 guests, which cake would you recommend?', NEXT_STEP],
      [
        'actually only 45 guests',
        [/^Now for about 45 people: got it\. For a wedding, for about 45 people, by march, I'd suggest the two-tier cake\./],
      ],
    ]);
    expect(second!.join(' ')).not.toMatch(NEXT_STEP);
  });

  it('when the customer asks for a callback mid-advice, then the callback dialog takes over', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ["can you call me tomorrow at 3pm? I'm Dana, 0412 345 678", [/What would you like to talk about|Shall I book it\?/]],
    ]);
  });

  it('when an order-like message tells needs mid-advice, then the consultation goes on', async () => {
    await play(h, [
      ['can you help me choose?', [SERVINGS]],
      [
        "i need a gluten free cake for my husband's 40th",
        /^A birthday, gluten-free: got it\. Gluten-free celebration cakes are available/,
      ],
    ]);
  });

  it('when a first message tells needs without naming a product or ordering, then it is advice; an order stays an order', async () => {
    await play(h, [
      [
        "i need a gluten free cake for my husband's 40th",
        /^Happy to help you choose\. A birthday, gluten-free: got it\. .*Gluten-free/,
      ],
      ['maybe 30 people', /I'd suggest the cupcakes\. .*Gluten-free cupcakes cost \$54 per dozen/],
      ['thanks', [/^Glad I could help/]],
      ["I'd like to order the large chocolate cake for Saturday", /delivered, or will you pick it up\?/],
    ]);
  });

  it('when the customer gives nothing usable three times, then it offers a person instead of looping', async () => {
    await play(h, [
      ['which cake should I take?', [SERVINGS]],
      ['ok', [/What's the occasion\?/]],
      ['ok', [/Is there a dietary need I should keep in mind\?/]],
      ['ok', [/I'm sorry, I'm not getting this right\. Would you like a person from our team to help you instead\?/]],
      ['yes', [/connecting you with a person/]],
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
