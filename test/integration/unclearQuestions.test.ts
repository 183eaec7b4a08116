/**
 * Messages that give nothing to answer from, over /api/messages: no words at all ("???") get "I didn't
 * catch that", not a claim that something is unknown; a price asked with no topic ("how much?") gets
 * asked "the price of what?", with what the knowledge prices — unless a question before gives the topic.
 */
import { describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { texts, useBothShops } from '../support/testBot.js';

describe('messages with nothing to answer from', () => {
  const shops = useBothShops();

  for (const text of ['???', '?!', '...']) {
    it(`when the message is "${text}", then it is not caught, and nothing is said to be unknown`, async () => {
      const reply = texts(await shops.bakery.conversation({ channelId: 'webchat' }).say(text)).join('\n');
      expect(reply).toBe(copy.nothingToRead());
    });
  }

  it('when "how much?" opens a conversation, then the price of what is asked, and the answer to that is the price', async () => {
    const convo = shops.bakery.conversation({ channelId: 'webchat' });
    const ask = texts(await convo.say('how much?')).join('\n');
    expect(ask).toMatch(/^Happy to help with prices\. What would you like the price of\? For example: celebration cakes/);
    expect(ask).not.toMatch(/Source:/);
    expect(texts(await convo.say('cupcakes')).join('\n')).toMatch(/\$48 per dozen/);
  });

  it('when "how much?" follows a question, then it is about that question’s topic', async () => {
    const convo = shops.bakery.conversation({ channelId: 'webchat' });
    await convo.say('do you do mini cupcakes');
    expect(texts(await convo.say('how much?')).join('\n')).toMatch(/\$38/);
  });

  it('when "how much" follows the rentals, then the rental prices answer, not the repair prices', async () => {
    const convo = shops.bikes.conversation({ channelId: 'webchat' });
    await convo.say('i want to rent an ebike for the weekend');
    const reply = texts(await convo.say('how much')).join('\n');
    expect(reply).toMatch(/Source: Can I rent a bike\?/);
    expect(reply).not.toMatch(/repair/i);
  });

  it('when a question leans on a clause before it ("my chain keeps falling off, can you fix it today?"), then it is not read without it', async () => {
    const reply = texts(
      await shops.bikes.conversation({ channelId: 'webchat' }).say('my chain keeps falling off, can you fix it today?'),
    ).join('\n');
    expect(reply).not.toMatch(/Source: Do you fix e-bikes\?/);
  });

  it('when the clause that asks nothing carries the topic, then the bare question is not answered from another passage', async () => {
    // "is there a cake she could eat" alone finds *Storing your cake* ("eat"), "can you make him a
    // birthday cake" a cake size; the whole messages are about milk, eggs and nuts.
    for (const [message, wrong] of [
      ["my niece can't have any milk or eggs, is there a cake she could eat", /Source: Storing your cake/],
      ['my son is anaphylactic to peanuts, can you make him a birthday cake', /Source: (?:Small|Medium|Large) celebration cake/],
    ] as const) {
      const reply = texts(await shops.bakery.conversation({ channelId: 'webchat' }).say(message)).join('\n');
      expect(reply).not.toMatch(wrong);
    }
  });

  it('when a policy is asked by name ("whats your return policy"), then the passage on it answers', async () => {
    const reply = texts(await shops.bikes.conversation({ channelId: 'webchat' }).say('whats your return policy')).join('\n');
    expect(reply).toMatch(/returned within 14 days/);
    expect(reply).toMatch(/Source: Can I return a bike\?/);
  });

  it('when the bike shop is asked "prices?", then its own priced topics are the examples', async () => {
    const reply = texts(await shops.bikes.conversation({ channelId: 'webchat' }).say('prices?')).join('\n');
    expect(reply).toMatch(/For example: bikes we sell/);
    expect(reply).not.toMatch(/cake/i);
  });
});
