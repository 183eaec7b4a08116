/**
 * Consult only when asked (PASSIVE_SALES.md): a plain question gets a plain answer, with nothing
 * appended to sell. The one offer a plain question may get is a callback when the answer is not
 * known — and only then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { ANY, says } from '../support/says.js';
import { startTestBot, texts, type TestBot, type TestConversation } from '../support/testBot.js';

const NOW = new Date('2026-11-23T10:00:00+11:00');

const SALES_OFFER =
  /would you like to (?:order|buy|purchase|book|add|upgrade)|special offer|discount|on sale|deal for you|can i (?:interest|sell|tempt)|anything else i can (?:sell|get you)|book a callback|order request|(?:take|place) an order|arrange a callback|buy now|limited time|don't miss|you might also like|customers also|why not (?:try|add|get|order)|how about (?:a|an|our|some)|shall i (?:book|order|add)|help you choose|add (?:a|some) .* to your/i;
const CALLBACK_OFFER = /would you like (?:someone|a callback|us to call)|call you back about|shall (?:we|i) call/i;
const UNKNOWN = new RegExp(`^${says(copy.unknownNoOffer()).source}`);
/** An answer with its source line, as copy.ts lays it out. */
const SOURCED = new RegExp(`${says(copy.answer(ANY, ANY)).source}$`);

/** Questions the knowledge answers, with the passage the answer must cite. */
const ANSWERED: [string, RegExp][] = [
  ['What are your opening hours?', /Source: Opening hours/],
  ['Are you open on public holidays?', /Source: Public holidays/],
  ["What's your phone number?", /Source: Contact details/],
  ['How much is the small celebration cake?', /\$55/],
  ['How many people does the medium cake serve?', /12–16/],
  ['How much does the large celebration cake cost?', /\$95/],
  ['How many people does a two-tier cake feed?', /40–50/],
  ['What flavours do you have?', /Source: Cake flavours/],
  ['How much are cupcakes by the dozen?', /Source: Cupcakes by the dozen/],
  ["What's in a cookie box?", /Source: Cookie boxes/],
  ['Can you write a message on the cake?', /Source: Messages on cakes/],
  ['Do you do edible photo prints?', /Source: Edible photo prints/],
  ['How should I store the cake?', /Source: Storing your cake/],
  ['Do you deliver to Parramatta?', /Source: Delivery areas/],
  ['How much is delivery?', /Source: Delivery fees/],
  ['Where do I pick up my order?', /Source: Pickup from the shop/],
  ['Do you make gluten-free cakes?', /Source: Gluten-free cakes/],
  ['Are your vegan cakes dairy free?', /Source: Vegan cakes/],
  ['Is your kitchen nut free?', /Source: Nuts and our kitchen/],
  ['How much notice do you need for a cake?', /Source: Lead times/],
  ['What payment methods do you accept?', /Source: Payment methods/],
  ['Do I need to pay a deposit?', /Source: Deposits/],
  ['What is your refund policy if I cancel?', /Source: Cancellations and refunds/],
];

/** Questions the knowledge does not answer: the honest "don't know" with a callback offer is allowed. */
const UNANSWERED = ['Do you sell car insurance?', 'Can I bring my dog into the shop?', 'Do you have parking for trucks?'];

describe('plain questions get plain answers, never a sales offer', () => {
  let bot: TestBot;
  let convo: TestConversation;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => new Date(NOW) } });
    convo = bot.conversation();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each(ANSWERED)('when asked "%s", then it answers from the knowledge with no offer appended', async (question, expected) => {
    const replies = texts(await convo.say(question));
    expect(replies).toHaveLength(1);
    const [reply] = replies as [string];
    expect(reply).toMatch(expected);
    expect(reply).toMatch(SOURCED);
    expect(reply).not.toMatch(SALES_OFFER);
    expect(reply).not.toMatch(CALLBACK_OFFER);
    expect(reply).not.toMatch(UNKNOWN);
  });

  it.each(UNANSWERED)('when asked "%s", then it says it does not know and only then offers a callback', async (question) => {
    const [reply, ...rest] = texts(await convo.say(question));
    expect(rest).toEqual([]);
    expect(reply).toMatch(UNKNOWN);
    expect(reply).toBe(copy.unknown());
    expect(reply!.replace(CALLBACK_OFFER, '')).not.toMatch(SALES_OFFER);
  });

  it('when the whole conversation was plain questions, then no lead moved past interest and nothing was booked', async () => {
    const leads = await bot.app.stores.leads.findBy('conversationId', convo.id);
    expect(leads.filter((l) => l.stage !== 'interest' || l.customerId)).toEqual([]);
    expect(await bot.app.stores.callbacks.findBy('conversationId', convo.id)).toEqual([]);
    expect(await bot.app.stores.orders.findBy('conversationId', convo.id)).toEqual([]);
  });
});
