/**
 * "Is it in stock?" over /api/messages: the knowledge says what the shop sells, never what is on
 * the shelf today, so the bot answers what it knows, says it cannot see stock, and offers to have the
 * team check; a yes books a callback whose topic reads back as the customer's own question.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { REPO, startTestBot, texts, type TestBot } from '../support/testBot.js';

describe('questions about stock', () => {
  let bikes: TestBot;
  beforeAll(async () => {
    bikes = await startTestBot({ env: { KNOWLEDGE_DIR: join(REPO, 'test/fixtures/knowledge-bikes') } });
  });
  afterAll(() => bikes.stop());

  for (const channelId of ['webchat', 'sms']) {
    it(`when asked on ${channelId} whether a bike is in stock, then the price is answered and stock is not promised`, async () => {
      const all = texts(await bikes.conversation({ channelId }).say('do you have the alder metro e in stock?')).join('\n');
      expect(all).toMatch(/\$1,899/);
      expect(all).toContain(copy.stockUnknown().slice(0, 40));
      expect(all).not.toMatch(/\bis in stock\b|\bwe have it\b/i);
    });
  }

  it('when the customer says yes to the stock check, then the callback is about their question, quoted', async () => {
    const convo = bikes.conversation({ channelId: 'webchat' });
    await convo.say('is the 24 inch kids bike available now?');
    expect(texts(await convo.say('yes')).join('\n')).toBe(copy.askName());
    await convo.say('Sam');
    await convo.say('(503) 555-0199');
    const readBack = texts(await convo.say('tomorrow at 11am')).join('\n');
    expect(readBack).toMatch(/about “is the 24 inch kids bike available now”\. Shall I book it\?/);
  });

  it('when a question is not about stock, then no stock note follows the answer', async () => {
    const all = texts(await bikes.conversation({ channelId: 'webchat' }).say('how much is a tune up')).join('\n');
    expect(all).not.toContain(copy.stockUnknown().slice(0, 40));
  });
});
