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
    expect(reply.match(/\?/g), reply).toHaveLength(1);
    expect(reply.trim()).toMatch(question);
  };

const OCCASION = /What's the occasion\?$/;
const SERVINGS = /About how many people will it need to serve\?$/;
const DATE = /When do you need it by\?$/;
const DIETARY = /Is there a flavour or dietary need I should keep in mind\?$/;
const NEXT_STEP = /I can arrange a callback from our team or take an order request, or you can keep asking me anything\./;

describe('the consult dialog (L.A.M.A.)', () => {
  let h: DialogHarness;
  beforeEach(async () => {
    h = await createDialogHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('when advice is asked for, then every turn acknowledges, states a cited fact and asks one question, ending in a recommendation', async () => {
    const rows: Turn[] = [
      ['can you help me choose a cake?', [/^Happy to help you choose\. What's the occasion\?$/]],
      ["it's for my daughter's birthday", lama(/^For your daughter's birthday: got it\./, SERVINGS)],
      ['about 20 people', lama(/^For about 20 people: got it\. The large celebration cake .* serves 20–24/, DATE)],
      ['Saturday', lama(/^By Saturday: got it\./, DIETARY)],
      [
        'no allergies',
        [
          new RegExp(
            `^No dietary needs: got it\\. Based on that, I'd suggest the large celebration cake\\. .*${NEXT_STEP.source}`,
          ),
        ],
      ],
    ];
    await play(h, rows);
    const lead = await h.stores.leads.get('lead:Convo1');
    expect(lead).toMatchObject({
      need: 'can you help me choose a cake?',
      stage: 'desire',
      facts: { occasion: "your daughter's birthday", servings: 20, date: '2026-11-28', dietary: 'none' },
    });
  });

  it('when the customer tells several facts at once, then none of them is asked again', async () => {
    const [firstTurn] = await play(h, [
      [
        "what do you recommend for my son's 21st birthday party, about 20 people?",
        lama(/For your son's 21st birthday, for about 20 people: got it\./, DATE),
      ],
    ]);
    expect(firstTurn!.join(' ')).not.toMatch(OCCASION);
    const [secondTurn] = await play(h, [['next Friday', lama(/^By next Friday: got it\./, DIETARY)]]);
    expect(secondTurn!.join(' ')).not.toMatch(/occasion|how many people/i);
  });

  it('when everything needed is in the first message, then it recommends straight away and offers a next step', async () => {
    await play(h, [
      [
        'which cake should I get for a birthday for 20 people on Saturday? no allergies',
        [
          /^Happy to help you choose\. For a birthday, for about 20 people, by Saturday, no dietary needs: got it\. Based on that, I'd suggest the large celebration cake\. .*\(Source: Large celebration cake — Celebration cakes\) If you'd like, I can arrange a callback/,
        ],
      ],
    ]);
  });

  it('when the need cannot be met (nut-free), then it says so from the knowledge and recommends no product', async () => {
    const [turn] = await play(h, [
      [
        'can you help me choose a cake for 20 people on Saturday? we need it nut free',
        [/We cannot make a nut-free cake .*\(Source: Nuts and our kitchen/],
      ],
    ]);
    const reply = turn!.join(' ');
    expect(reply).not.toMatch(/I'd suggest/);
    expect(reply).toMatch(NEXT_STEP);
  });

  it('when a side question comes mid-advice, then it is answered and the pending question asked again, without taking it as a fact', async () => {
    await play(h, [
      ['which cake should I take?', [OCCASION]],
      ['a birthday', lama(/For a birthday: got it\./, SERVINGS)],
      ['do you deliver to Bondi?', [/Bondi[\s\S]*Source: Delivery areas/, SERVINGS]],
      ['20 people', lama(/^For about 20 people: got it\./, DATE)],
    ]);
    expect((await h.session())?.facts.fulfilment).toBeUndefined();
  });

  it('when a question answers something already asked ("could you do Saturday?"), then it is taken as the answer', async () => {
    await play(h, [
      ['which cake should I take?', [OCCASION]],
      ['a birthday', [SERVINGS]],
      ['20 people', [DATE]],
      ['could you do it by Saturday?', lama(/^By Saturday: got it\./, DIETARY)],
    ]);
  });

  it('when the customer is "just looking", then the advice ends politely and a plain question gets a plain answer', async () => {
    await play(h, [
      ['can you recommend a cake?', [OCCASION]],
      ["I'm just looking", [/^Of course\. I'm here if you want to pick it up again\.$/]],
      ['how much is the small celebration cake?', [/\$55[\s\S]*Source: Small celebration cake/]],
    ]);
  });

  it('when the recommendation is followed by "yes", then the callback dialog starts with the need as topic', async () => {
    await play(h, [
      ['which cake should I get for a birthday for 20 people on Saturday? no allergies', NEXT_STEP],
      ['yes', [/Who should we ask for when we call\?/]],
      ['Dana', [/What's the best number/]],
      ['0412 345 678', [/When would suit you/]],
      ['tomorrow at 3pm', [/about which cake should I get for a birthday/]],
    ]);
  });

  it('when the customer asks for a callback mid-advice, then the callback dialog takes over', async () => {
    await play(h, [
      ['which cake should I take?', [OCCASION]],
      ["can you call me tomorrow at 3pm? I'm Dana, 0412 345 678", [/What would you like to talk about|Shall I book it\?/]],
    ]);
  });

  it('when the customer gives nothing usable three times, then it offers a person instead of looping', async () => {
    await play(h, [
      ['which cake should I take?', [OCCASION]],
      ['ok', [SERVINGS]],
      ['ok', [DATE]],
      ['ok', [/I'm sorry, I'm not getting this right\. Would you like a person from our team to help you instead\?/]],
      ['yes', [/connecting you with a person/]],
    ]);
  });

  it('when the answer is only "hmm", then it is not taken as the occasion', async () => {
    await play(h, [
      ['which cake should I take?', [OCCASION]],
      ['hmm', [SERVINGS]],
    ]);
    expect((await h.session())?.facts.occasion).toBeUndefined();
  });
});
