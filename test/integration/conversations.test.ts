/**
 * Whole conversations through the real HTTP server (restify + CloudAdapter + dialogs + lowdb),
 * asserting what the customer is told and what the store holds afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import { ANY, says, saysOnly, windowAt } from '../support/says.js';
import { startTestBot, texts, type TestBot, type TestConversation } from '../support/testBot.js';

/** Monday 23 November 2026, 10:00 in Sydney. */
const NOW = new Date('2026-11-23T10:00:00+11:00');
const DANA = '+61412345678';

/** Says each line in turn and checks the reply to it. */
async function talk(convo: TestConversation, turns: [string, RegExp][]): Promise<string[]> {
  const said: string[] = [];
  for (const [text, expected] of turns) {
    const reply = texts(await convo.say(text)).join('\n');
    expect(reply, `after "${text}"`).toMatch(expected);
    said.push(reply);
  }
  return said;
}

describe('whole conversations over HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => new Date(NOW) } });
  });
  // What the customer is told, as copy.ts words it; facts (prices, sources) as the knowledge has them.
  const when = (local: string): string => dates.callbackWhen(bot.app.business, windowAt(bot.app.business, local));
  const danaReadBack = (local: string, topic = ANY) => says(copy.callbackSummary('Dana', '0412 345 678', when(local), topic));
  const consent = () => says(copy.consent(bot.app.business));
  afterAll(async () => {
    await bot.stop();
  });

  it('when a visitor only asks questions, then each gets a sourced answer and nothing about them is stored', async () => {
    const convo = bot.conversation();
    const [greeting] = texts(await convo.join());
    expect(greeting).toBe(copy.greeting(bot.app.business));
    await talk(convo, [
      ['How much is the large celebration cake?', /\$95[\s\S]*Source: Large celebration cake/],
      ['do you deliver to Bondi?', /Bondi[\s\S]*Source: Delivery areas/],
      ['are you open on Sundays?', /closed on Sundays[\s\S]*Source: Opening hours/],
      ['thanks!', saysOnly(copy.thanks())],
    ]);
    await expect.poll(async () => (await bot.app.stores.transcripts.read(convo.id)).length).toBe(10);
    expect(await bot.app.stores.customers.findBy('channelAccounts', `test|${convo.userId}`)).toEqual([]);
    expect(await bot.app.stores.callbacks.findBy('conversationId', convo.id)).toEqual([]);
    expect(await bot.app.stores.orders.findBy('conversationId', convo.id)).toEqual([]);
    const lead = (await bot.app.stores.leads.findBy('conversationId', convo.id))[0];
    expect(lead?.customerId).toBeUndefined();
    expect(lead?.stage ?? 'interest').toBe('interest');
  });

  it('when a visitor from a campaign asks for advice, then it qualifies them and the advice leads to a callback', async () => {
    const convo = bot.conversation({ channelData: { utm_source: 'google', utm_campaign: 'xmas' } });
    await talk(convo, [
      ['Hi! can you help me choose a cake?', says(`${copy.adviceStart()} About how many people will it need to serve?`)],
      [
        "it's for my daughter's birthday, on Saturday",
        new RegExp(
          `${says(copy.acknowledge({ told: 'a birthday, by Saturday' })).source}[\\s\\S]*what would you like to spend\\?`,
        ),
      ],
      [
        'about 20 people, vanilla',
        new RegExp(
          `${says(copy.suggest(['Large celebration cake'], ANY)).source}[\\s\\S]*${says(copy.nextStep(bot.app.business)).source}`,
        ),
      ],
      ['yes please', says(copy.askName())],
      ['Dana', says(copy.askPhone())],
      ['0412 345 678', says(copy.askTime())],
      ['tomorrow at 11am', danaReadBack('2026-11-24T11:00')],
      ['yes', consent()],
      ['yes', says(copy.callbackBooked(ANY, when('2026-11-24T11:00')))],
    ]);
    const [callback] = await bot.app.stores.callbacks.findBy('conversationId', convo.id);
    const [customer] = await bot.app.stores.customers.findBy('channelAccounts', `test|${convo.userId}`);
    expect(customer).toMatchObject({ name: 'Dana', phones: [DANA], consent: { channelId: 'test', at: NOW.toISOString() } });
    expect(callback).toMatchObject({
      name: 'Dana',
      phone: DANA,
      dueAt: '2026-11-24T00:00:00.000Z',
      status: 'open',
      customerId: customer!.id,
    });
    const [lead] = await bot.app.stores.leads.findBy('conversationId', convo.id);
    expect(lead).toMatchObject({
      channelId: 'test',
      source: 'google',
      campaign: 'xmas',
      stage: 'ready',
      customerId: customer!.id,
      need: 'Hi! can you help me choose a cake?',
      facts: { kind: 'cake', occasion: 'birthday', servings: 20, date: '2026-11-28', flavour: 'vanilla' },
    });
    await expect
      .poll(async () => (await bot.app.stores.conversations.get(convo.id))?.outcomes)
      .toEqual(expect.arrayContaining(['advice', 'callback_booked']));
    expect((await bot.app.stores.conversations.get(convo.id))?.campaign).toBe('xmas');
  });

  it('when a one-shot callback request is made, then it is booked in two confirmations and the user is welcomed back later', async () => {
    const convo = bot.conversation();
    const [, , booked] = await talk(convo, [
      [
        "call me tomorrow at 3pm on 0412 345 678 about the wedding cake, I'm Dana",
        danaReadBack('2026-11-24T15:00', 'the wedding cake'),
      ],
      ['yes', consent()],
      ['yes', says(copy.callbackBooked(ANY, when('2026-11-24T15:00')))],
    ]);
    const [callback] = await bot.app.stores.callbacks.findBy('conversationId', convo.id);
    expect(booked).toBe(copy.callbackBooked(callback!.ref, when('2026-11-24T15:00')));
    expect(callback).toMatchObject({
      phone: DANA,
      dueAt: '2026-11-24T04:00:00.000Z',
      topic: 'the wedding cake',
      conversationId: convo.id,
    });

    const again = bot.conversation({ userId: convo.userId });
    expect(texts(await again.join())).toEqual([copy.greetingBack(bot.app.business, 'Dana')]);
    await talk(again, [
      ['hello', saysOnly(copy.greetingBack(bot.app.business, 'Dana'))],
      ['can you call me again on Friday at 10am about cupcakes?', says(copy.confirmKnownNumber('0412 345 678'))],
      ['yes', danaReadBack('2026-11-27T10:00', 'cupcakes')],
      ['yes', says(copy.callbackBooked(ANY, when('2026-11-27T10:00')))], // consent is on record: not asked again
    ]);
    // One person, one record: found by channel account and by phone alike.
    const [customer] = await bot.app.stores.customers.findBy('channelAccounts', `test|${convo.userId}`);
    expect(await bot.app.stores.customers.findBy('phones', DANA)).toEqual([customer]);
    const [second] = await bot.app.stores.callbacks.findBy('conversationId', again.id);
    expect(second).toMatchObject({ customerId: customer!.id, dueAt: '2026-11-26T23:00:00.000Z', topic: 'cupcakes' });
  });

  it('when a ready customer asks to order, then the order request and a confirming callback are stored', async () => {
    const convo = bot.conversation();
    const said = await talk(convo, [
      ["I'd like to order the large chocolate cake for Saturday", says(copy.askFulfilment())],
      ['delivered please', says(copy.askAddress())],
      ['12 King St, Newtown', says(copy.askName())],
      ['Dana Smith', says(copy.askPhone())],
      [
        '0412 345 678',
        says(
          copy.orderSummary(
            copy.orderItems([{ quantity: 1, product: 'Large celebration cake', options: ['Double chocolate'] }]),
            dates.day(bot.app.business, '2026-11-28'),
            copy.fulfilment('delivery', '12 King St, Newtown'),
            'Dana Smith',
            '0412 345 678',
          ),
        ),
      ],
      ['yes', consent()],
      ['yes', says(copy.orderPlaced(ANY, ANY))],
    ]);
    const [order] = await bot.app.stores.orders.findBy('conversationId', convo.id);
    expect(said.at(-1)).toMatch(says(copy.orderPlaced(order!.ref, ANY)));
    expect(order).toMatchObject({
      items: [{ product: 'Large celebration cake', options: ['Double chocolate'], quantity: 1 }],
      neededOn: '2026-11-28',
      fulfilment: 'delivery',
      address: '12 King St, Newtown',
      status: 'requested',
    });
    const [callback] = await bot.app.stores.callbacks.findBy('conversationId', convo.id);
    expect(callback).toMatchObject({ id: order!.callbackId, asap: true, phone: DANA, name: 'Dana Smith' });
    const [lead] = await bot.app.stores.leads.findBy('conversationId', convo.id);
    expect(lead).toMatchObject({ stage: 'ready', productInterest: ['Large celebration cake'], customerId: order!.customerId });
  });

  it('when the customer asks to be forgotten, then their record and the transcript are gone', async () => {
    const convo = bot.conversation();
    await talk(convo, [
      [
        "call me tomorrow at 2pm on 0499 888 777 about cupcakes, I'm Sam",
        says(copy.callbackSummary('Sam', '0499 888 777', when('2026-11-24T14:00'), 'cupcakes')),
      ],
      ['yes', consent()],
      ['yes', says(copy.callbackBooked(ANY, when('2026-11-24T14:00')))],
    ]);
    expect(await bot.app.stores.customers.findBy('phones', '+61499888777')).toHaveLength(1);
    await talk(convo, [
      ['please forget me', says(copy.forgetConfirm(bot.app.business))],
      ['yes', saysOnly(copy.forgotten())],
    ]);
    expect(await bot.app.stores.customers.findBy('phones', '+61499888777')).toEqual([]);
    expect(await bot.app.stores.callbacks.findBy('conversationId', convo.id)).toEqual([]);
    expect(await bot.app.stores.leads.findBy('conversationId', convo.id)).toEqual([]);
    // Give any stray write time to land, then check nothing came back.
    await new Promise((done) => setTimeout(done, 100));
    expect(await bot.app.stores.transcripts.read(convo.id)).toEqual([]);
    expect(await bot.app.stores.conversations.get(convo.id)).toBeUndefined();
    // The conversation starts afresh: no contact details remembered.
    await talk(convo, [["I'd like a callback", says(copy.askName())]]);
  });
});
