/**
 * Whole, direct answers over /api/messages on Web Chat, SMS and the phone (sample bakery): a list
 * stays with the sentence that introduces it, fitted to the channel, and a yes/no question about an
 * item the list names is answered "Yes — …" first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { says } from '../support/says.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

const CHANNELS = ['webchat', 'sms', 'telephony'] as const;

describe('whole answers on every channel', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  const ask = async (channelId: string, q: string): Promise<string[]> => texts(await bot.conversation({ channelId }).say(q));

  for (const channel of CHANNELS) {
    it(`when asked on ${channel} "what are the delivery areas", then every zone is in the answer, not just its introduction`, async () => {
      const replies = await ask(channel, 'what are the delivery areas');
      const all = replies.join('\n');
      expect(all).toMatch(/We deliver to three zones in Sydney:/);
      for (const zone of ['Zone 1', 'Zone 2', 'Zone 3']) expect(all).toContain(zone);
      expect(all).toMatch(/Source: Delivery areas/);
      if (channel === 'sms') for (const r of replies) expect(r.length).toBeLessThanOrEqual(320);
      if (channel === 'telephony') expect(all).not.toMatch(/\n- /);
      if (channel === 'webchat') expect(all).toMatch(/\n- Zone 2/);
    });

    it(`when asked on ${channel} "what flavours do you have", then the seven flavours are listed`, async () => {
      const all = (await ask(channel, 'what flavours do you have')).join('\n');
      expect(all).toMatch(/seven flavours:/);
      expect(all).toContain('Vanilla bean');
      expect(all).toContain('Orange and almond');
    });

    it(`when asked on ${channel} "do you deliver to coogee", then it says yes and names the zone`, async () => {
      const all = (await ask(channel, 'do you deliver to coogee')).join('\n');
      expect(all).toMatch(new RegExp(`^${says(copy.yesItem('Zone 2')).source}\\b.*Coogee`));
    });
  }

  it('when a yes/no question names nothing a single line of the list names, then no "Yes —" is made up', async () => {
    const all = (await ask('webchat', 'do you deliver to my suburb')).join('\n');
    expect(all.startsWith(copy.yesItem(''))).toBe(false);
  });
});

describe('several questions in one message', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  for (const channelId of CHANNELS) {
    it(`when one ${channelId} message asks about cupcake prices, vegan cakes and delivery to Parramatta, then each part is answered with its source`, async () => {
      const all = texts(
        await bot
          .conversation({ channelId })
          .say('hi! how much are cupcakes and do you do vegan ones and can you deliver to parramatta'),
      ).join('\n');
      expect(all).toMatch(/Source: Cupcakes by the dozen/);
      expect(all).toMatch(/Source: Vegan cakes/);
      expect(all).toMatch(/Parramatta[\s\S]*Source: Delivery areas/);
      expect(all).not.toContain(copy.unknownPart());
      expect(all).not.toContain(copy.unknownNoOffer());
    });
  }

  it('when one part of the message is not covered, then that part gets an honest "I don\'t know" and the rest is answered', async () => {
    const all = texts(
      await bot.conversation({ channelId: 'webchat' }).say('how much are cupcakes and do you repair car engines?'),
    ).join('\n');
    expect(all).toMatch(/Source: Cupcakes by the dozen/);
    expect(all).toContain(copy.unknownPart());
    expect(all).not.toMatch(/engine/i);
  });
});

describe('chat shorthand', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  it('when asked "wat flavours do u hav for cakes", then the flavours are listed', async () => {
    const all = texts(await bot.conversation({ channelId: 'webchat' }).say('wat flavours do u hav for cakes')).join('\n');
    expect(all).toMatch(/Source: Cake flavours/);
    expect(all).toContain('Red velvet');
  });
});
