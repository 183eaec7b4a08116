/**
 * A customer who comes to buy but has not chosen ("I'd like a birthday cake for saturday week") is
 * helped to choose, and the choice goes on to the order request with what was learnt (the date),
 * over /api/messages on the sample bakery. Tuesday 1 December 2026, 10:00 in Sydney.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

describe('buying with help', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => new Date('2026-12-01T10:00:00+11:00') } });
  });
  afterAll(() => bot.stop());

  const say = async (convo: ReturnType<TestBot['conversation']>, text: string): Promise<string> =>
    texts(await convo.say(text)).join('\n');

  it('when the customer picks a size while being helped ("medium please"), then the order request takes it, with the date said', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    expect(await say(convo, 'hi there, id like a birthday cake for saturday week')).toMatch(/how many people/i);
    expect(await say(convo, 'medium please')).not.toMatch(/spend|budget/i);
    await say(convo, 'chocolate');
    await say(convo, 'pickup');
    await say(convo, 'Alex Chen');
    const readBack = await say(convo, '0433 222 111');
    expect(readBack).toMatch(/Medium celebration cake \(Double chocolate\) for Saturday 12 December, for pickup/);
  });

  it('when the help ends in one suggestion, then a yes starts the order request for it', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    await say(convo, 'id like a birthday cake for saturday week');
    const suggestion = await say(convo, 'about 20 people');
    expect(suggestion).toMatch(/I'd suggest the large celebration cake/);
    expect(suggestion).toContain(copy.orderWhich(['Large celebration cake']));
    expect(suggestion).not.toContain(copy.nextStep(bot.app.business));
    const next = await say(convo, 'yes');
    expect(next).not.toMatch(/What would you like to order/);
    await say(convo, 'vanilla');
    await say(convo, 'pickup');
    await say(convo, 'Sam Lee');
    expect(await say(convo, '0412 345 678')).toMatch(/Large celebration cake \(Vanilla bean\) for Saturday 12 December/);
  });

  it('when a question names a product but asks about its price or a discount, then it is answered, and an order asked for still starts', async () => {
    const discount = await say(bot.conversation({ channelId: 'webchat' }), 'can i get a discount if i order 100 cupcakes');
    expect(discount).toMatch(/Source: Corporate orders/);
    expect(await say(bot.conversation({ channelId: 'webchat' }), 'how much to order 2 dozen cupcakes?')).toMatch(
      /\$48 per dozen/,
    );
    expect(await say(bot.conversation({ channelId: 'webchat' }), 'can i order 2 dozen cupcakes for friday')).toBe(
      copy.askFulfilment(),
    );
  });

  it('when someone asks for help choosing without coming to buy, then the next steps are offered, not an order', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    await say(convo, 'can you help me choose a cake for 20 people?');
    const reply = await say(convo, 'a birthday');
    expect(reply).not.toContain('Shall I take an order request');
  });
});
