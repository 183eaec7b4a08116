/**
 * "What do you sell?" over /api/messages: the passage written for it when the knowledge has one (the
 * bike shop), else the products business.yaml lists (the bakery) — never "I don't know" about the
 * one thing a shop surely knows.
 */
import { describe, expect, it } from 'vitest';
import { texts, useBothShops, type TestBot } from '../support/testBot.js';

describe('what the business sells', () => {
  const shops = useBothShops();
  const ask = async (bot: TestBot, text: string, channelId = 'webchat'): Promise<string> =>
    texts(await bot.conversation({ channelId }).say(text)).join('\n');

  for (const q of ['what do you sell', 'hi, what do you guys have?', 'whats on the menu']) {
    it(`when the bakery is asked "${q}", then its products are listed with the source`, async () => {
      const reply = await ask(shops.bakery, q);
      for (const p of ['Small celebration cake', 'Cupcakes', 'Cookie box']) expect(reply).toContain(p);
      expect(reply).toMatch(/Source: Crumb & Candle Bakery's product list/);
      expect(reply).not.toMatch(/I don't know/);
    });
  }

  it('when the bike shop is asked "what do you sell", then its own passage on what it sells answers', async () => {
    const reply = await ask(shops.bikes, 'what do you sell', 'sms');
    expect(reply).toMatch(/commuter and hybrid bikes/);
    expect(reply).toMatch(/Source: What kinds of bikes do you sell\?/);
  });

  it('when a question names what it asks about, then the knowledge answers it as before', async () => {
    expect(await ask(shops.bakery, 'what flavours do you have')).toMatch(/Source: Cake flavours/);
  });
});
