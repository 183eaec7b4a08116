import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, texts, type TestBot, type TestConversation } from '../support/testBot.js';
import { MONDAY_10AM } from '../support/dialogHarness.js';

/** Issue 14, item 3: a callback belongs to the customer who booked it. */
describe('callbacks by reference', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ overrides: { now: () => MONDAY_10AM } });
  });
  afterAll(async () => {
    await bot.stop();
  });

  async function book(convo: TestConversation): Promise<string> {
    await convo.say("call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana");
    await convo.say('yes');
    const [booked] = texts(await convo.say('yes'));
    return /reference is ([A-Z0-9]{6})/.exec(booked!)![1]!;
  }
  const status = async (ref: string): Promise<string | undefined> =>
    (await bot.app.stores.callbacks.findBy('ref', ref))[0]?.status;
  const dueAt = async (ref: string): Promise<string | undefined> => (await bot.app.stores.callbacks.findBy('ref', ref))[0]?.dueAt;

  it('when a stranger quotes a real reference, then they get the same answer as for an unknown one and nothing changes', async () => {
    const ref = await book(bot.conversation());
    const stranger = bot.conversation();
    const [foreign] = texts(await stranger.say(`cancel my callback ${ref}`));
    const [unknown] = texts(await stranger.say(`cancel my callback ZZ9ZZ9`));
    expect(foreign!.replace(ref, 'REF')).toBe(unknown!.replace('ZZ9ZZ9', 'REF'));
    expect(await status(ref)).toBe('open');
    const before = await dueAt(ref);
    const [moved] = texts(await stranger.say(`reschedule ${ref} to Friday 10am`));
    expect(moved).toMatch(/couldn't find an open callback/);
    expect(await dueAt(ref)).toBe(before);
  });

  it('when a stranger asks about a real reference, then they hear what an unknown one gets; the booker hears the booking', async () => {
    const booker = bot.conversation();
    const ref = await book(booker);
    const stranger = bot.conversation();
    const [foreign] = texts(await stranger.say(`is my callback ${ref} still booked?`));
    const [unknown] = texts(await stranger.say(`is my callback ZZ8ZZ8 still booked?`));
    expect(foreign!.replace(ref, 'REF')).toBe(unknown!.replace('ZZ8ZZ8', 'REF'));
    expect(foreign).not.toMatch(/a callback .*\(reference/);
    expect(texts(await booker.say(`is my callback ${ref} still booked?`)).join(' ')).toMatch(
      new RegExp(`a callback .*\\(reference ${ref}\\)`),
    );
  });

  it('when the same channel account writes from a new conversation, then it can cancel its callback', async () => {
    const first = bot.conversation({ userId: 'returning-customer' });
    const ref = await book(first);
    const later = bot.conversation({ userId: 'returning-customer' });
    expect(texts(await later.say(`cancel my callback ${ref}`))[0]).toMatch(new RegExp(`Your callback ${ref} is cancelled`));
    expect(await status(ref)).toBe('cancelled');
  });

  it('when someone elsewhere gives the reference with the phone number on the booking, then it is theirs', async () => {
    const ref = await book(bot.conversation());
    const phoneCaller = bot.conversation({ channelId: 'webchat' });
    expect(texts(await phoneCaller.say(`please cancel ${ref}, the number on it is 0412 999 000`))[0]).toMatch(/couldn't find/);
    expect(await status(ref)).toBe('open');
    expect(texts(await phoneCaller.say(`please cancel ${ref}, the number on it is 0412 345 678`))[0]).toMatch(/is cancelled/);
    expect(await status(ref)).toBe('cancelled');
  });

  it('when one conversation guesses references, then after five misses it is paused, even for a right guess', async () => {
    const ref = await book(bot.conversation());
    const guesser = bot.conversation();
    for (const guess of ['2AAAAB', '3AAAAB', '4AAAAB', '5AAAAB', '6AAAAB'])
      expect(texts(await guesser.say(`cancel my callback ${guess}`))[0]).toMatch(/couldn't find/);
    expect(texts(await guesser.say(`cancel my callback ${ref} 0412 345 678`))[0]).toMatch(/paused/);
    expect(await status(ref)).toBe('open');
  });

  it('when guesses come from many conversations at one address, then the address is paused', async () => {
    let paused = 0;
    for (let i = 0; i < 30; i++) {
      const [reply] = texts(
        await bot.conversation().say(`cancel my callback ${'23456789'[i % 8]}B${'23456789'[Math.floor(i / 8)]}BBB`),
      );
      if (/paused/.test(reply!)) paused++;
    }
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBeLessThan(30);
  });
});
