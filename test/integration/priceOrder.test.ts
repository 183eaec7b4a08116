/**
 * "What's your cheapest cake?" over /api/messages on both businesses: the products in price order,
 * each in its own passage's words with its source — not a passage that merely shares the word.
 */
import { describe, expect, it } from 'vitest';
import { texts, useBothShops, type TestBot } from '../support/testBot.js';

describe('questions about the cheapest and the dearest', () => {
  const shops = useBothShops();
  const ask = async (bot: TestBot, text: string, channelId = 'webchat'): Promise<string> =>
    texts(await bot.conversation({ channelId }).say(text)).join('\n');

  for (const channelId of ['webchat', 'sms', 'telephony']) {
    it(`when the bakery is asked on ${channelId} for its cheapest cake, then the sizes in rising price, in the passages' words`, async () => {
      const reply = await ask(shops.bakery, 'whats your cheapest cake', channelId);
      const small = reply.indexOf('$55');
      expect(small).toBeGreaterThan(-1);
      expect(reply.indexOf('$75')).toBeGreaterThan(small);
      expect(reply).toContain('The small celebration cake costs $55');
      expect(reply).toMatch(/Source: Small celebration cake — Celebration cakes/);
      expect(reply).not.toMatch(/Delivery fees/);
    });
  }

  it('when the bike shop is asked for its most expensive e-bike, then the table rows, dearest first', async () => {
    const reply = await ask(shops.bikes, 'most expensive ebike?');
    expect(reply).toMatch(/^From the highest price:\n- Cascadia Ridge E mountain — \$4,299/);
    expect(reply).toMatch(/Source: Which e-bikes do you carry\?/);
  });

  it('when the bakery is asked for its cheapest bike, then it does not list cakes', async () => {
    expect(await ask(shops.bakery, 'whats your cheapest bike')).not.toMatch(/From the lowest price/);
  });
});
