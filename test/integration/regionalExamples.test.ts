/**
 * The examples a prompt gives when an answer does not fit are the business's own conventions, from
 * business.yaml: a phone number of its region and a date in its locale — never the sample bakery's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import { BIKES_KNOWLEDGE, startTestBot, texts, useBothShops, type TestBot } from '../support/testBot.js';

describe('prompt examples follow the business', () => {
  const shops = useBothShops();

  async function phoneHelp(bot: TestBot): Promise<string> {
    const convo = bot.conversation({ channelId: 'webchat' });
    await convo.say('can someone call me back tomorrow at 3pm about a quote');
    await convo.say('Sam');
    return texts(await convo.say('dunno')).join('\n');
  }

  it('when a US shop asks again for a phone number, then its example is a US number, not an Australian one', async () => {
    const reply = await phoneHelp(shops.bikes);
    expect(reply).toMatch(/for example "\(\d{3}\) \d{3}-\d{4}"/);
    expect(reply).not.toContain('0412');
  });

  it('when the Australian bakery asks again for a phone number, then its example is an Australian mobile', async () => {
    expect(await phoneHelp(shops.bakery)).toMatch(/for example "04\d\d \d{3} \d{3}"/);
  });

  it('when an order date is not understood, then the example date is written as the business’s locale writes dates', async () => {
    const order = shops.bakery.conversation({ channelId: 'webchat' });
    await order.say('I would like to order a medium chocolate cake');
    expect(texts(await order.say('no idea')).join('\n')).toContain('"Saturday 12 December"');
    // The bike shop takes no orders in chat; its locale writes the same date month first.
    const shop = await loadBusiness(BIKES_KNOWLEDGE);
    expect(copy.needed('date', shop)).toContain('"Saturday, December 12"');
  });
});

describe('a business that lists no products takes no order requests in chat', () => {
  let bikes: TestBot;
  beforeAll(async () => {
    bikes = await startTestBot({ env: { KNOWLEDGE_DIR: BIKES_KNOWLEDGE } });
  });
  afterAll(() => bikes.stop());

  it('when a customer wants to order a bike, then it says so and a yes books a callback about buying it', async () => {
    const convo = bikes.conversation({ channelId: 'webchat' });
    const first = texts(await convo.say('I want to order a cascadia ridge e')).join('\n');
    expect(first).toBe(copy.noOrders());
    expect(first).not.toMatch(/We have \./);
    expect(texts(await convo.say('yes')).join('\n')).toBe(copy.askName());
    await convo.say('Jo Bloggs');
    await convo.say('(503) 555-0199');
    expect(texts(await convo.say('tomorrow at 11am')).join('\n')).toMatch(/about buying a cascadia ridge e\. Shall I book it\?/);
  });

  it('when a customer wants to book a service the knowledge describes, then the knowledge answers, not "no orders"', async () => {
    const reply = texts(await bikes.conversation({ channelId: 'webchat' }).say('I want to book a tune-up')).join('\n');
    expect(reply).toMatch(/Source: .*(?:tune-up|appointment)/i);
    expect(reply).not.toContain(copy.noOrders());
  });

  it('when "can i buy a gift card" is asked, then the knowledge answers it rather than an order starting', async () => {
    const reply = texts(await bikes.conversation({ channelId: 'webchat' }).say('can i buy a gift card')).join('\n');
    expect(reply).toMatch(/gift cards can be bought in the shop/);
    expect(reply).toMatch(/Source: What payment methods do you accept\?/);
  });
});
