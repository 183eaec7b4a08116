import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { ANY, says } from '../support/says.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

const MONDAY_10AM = new Date('2026-11-23T10:00:00+11:00');

describe('customer records', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => MONDAY_10AM } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  const book = async (channelId: string, userId: string, request: string): Promise<string[]> => {
    const convo = bot.conversation({ channelId, userId });
    const said: string[] = [];
    for (const text of [request, 'yes', 'yes']) said.push(...texts(await convo.say(text)));
    return said;
  };

  it('when one person books from two channels with the same e-mail, then there is one customer with both numbers and accounts', async () => {
    const first = await book(
      'test',
      'web-user',
      "call me tomorrow at 3pm on 0412 345 678 about a cake, I'm Dana, dana@example.com",
    );
    expect(first.at(-1)).toMatch(says(copy.callbackBooked(ANY, ANY)));
    const second = await book(
      'sms',
      'sms-user',
      "please call me tomorrow at 4pm on 0498 765 432 about cupcakes, I'm Dana, Dana@Example.com",
    );
    expect(second.at(-1)).toMatch(says(copy.callbackBooked(ANY, ANY)));

    const byEmail = await bot.app.stores.customers.findBy('emails', 'dana@example.com');
    expect(byEmail).toHaveLength(1);
    expect(byEmail[0]!.phones.sort()).toEqual(['+61412345678', '+61498765432']);
    expect(byEmail[0]!.channelAccounts.sort()).toEqual(['sms|sms-user', 'test|web-user']);
    const callbacks = (await bot.app.stores.callbacks.query()).items.filter((c) => c.name === 'Dana');
    expect(callbacks.map((c) => c.customerId)).toEqual([byEmail[0]!.id, byEmail[0]!.id]);
  });
});
