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
      // The fee comes from the passage that gives it, cited beside the zone list.
      expect(all).toMatch(/\$25 to Zone 2/);
      expect(all).toMatch(/Source: Delivery areas[^\n]*; Delivery fees/);
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

describe('follow-ups, policy questions and covered questions in chat spelling', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  for (const channelId of CHANNELS) {
    it(`when asked on ${channelId} "if i cancel the day before do i get my money back", then the refund policy answers it (it cancels nothing)`, async () => {
      const all = texts(await bot.conversation({ channelId }).say('if i cancel the day before do i get my money back')).join(
        '\n',
      );
      expect(all).toMatch(/refunded in full/);
      expect(all).toMatch(/Source: Cancellations and refunds/);
      expect(all).not.toMatch(/nothing in progress to cancel/i);
    });

    it(`when on ${channelId} "how much is it" and "how long do they keep" follow a question about cupcakes, then both are read as about cupcakes`, async () => {
      const convo = bot.conversation({ channelId });
      await convo.say('how much are cupcakes');
      const price = texts(await convo.say('how much is it')).join('\n');
      expect(price).toMatch(/\$48 per dozen/);
      expect(price).toMatch(/Source: Cupcakes by the dozen/);
      const keep = texts(await convo.say('how long do they keep')).join('\n');
      expect(keep).toMatch(/Cupcakes keep for 2 days/);
      expect(keep).toMatch(/Source: Storing your cake/);
    });

    it(`when on ${channelId} "and the fee for parramatta?" follows "how much is delivery", then Parramatta's zone and its fee are the answer`, async () => {
      const convo = bot.conversation({ channelId });
      await convo.say('how much is delivery');
      const all = texts(await convo.say('and the fee for parramatta?')).join('\n');
      expect(all).toMatch(/^Zone 3\b.*Parramatta/);
      expect(all).toMatch(/\$40 to Zone 3/);
      expect(all).not.toMatch(/Coogee/);
    });

    it(`when on ${channelId} "can i freeze it" follows a question about delivery, then storage answers, not delivery again`, async () => {
      const convo = bot.conversation({ channelId });
      await convo.say('how much is delivery to coogee');
      const all = texts(await convo.say('can i freeze it')).join('\n');
      expect(all).toMatch(/frozen for up to one month/);
      expect(all).toMatch(/Source: Storing your cake/);
      expect(all).not.toMatch(/Source: Delivery/);
      // Read against the cupcakes it follows, the answer keeps both what was asked before and now.
      const after = bot.conversation({ channelId });
      await after.say('how long do the cupcakes keep');
      const them = texts(await after.say('can i freeze them')).join('\n');
      expect(them).toMatch(/Cupcakes keep for 2 days/);
      expect(them).toMatch(/frozen for up to one month/);
    });

    // With the sentence model on, the question's cosines are low (0.32 to the heading) and the dense
    // refusal model alone would refuse it; both rankings agree and the lexical one is sure (README).
    it(`when asked on ${channelId} "will the driver leave it at the door if im not home", then the delivery passage answers`, async () => {
      const all = texts(await bot.conversation({ channelId }).say('will the driver leave it at the door if im not home')).join(
        '\n',
      );
      expect(all).toMatch(/never leave cakes unattended/);
      expect(all).toMatch(/Source: Delivery days and times/);
    });

    it(`when asked on ${channelId} "wat flavours do u hav for cakes", then the flavours are listed`, async () => {
      const all = texts(await bot.conversation({ channelId }).say('wat flavours do u hav for cakes')).join('\n');
      expect(all).toMatch(/seven flavours/);
      expect(all).toContain('Salted caramel');
    });
  }

  for (const [q, wrong] of [
    ['Do you repair car engines?', /Source: Transporting your cake/],
    ['afterpay?', /Source: Corporate orders/],
    ['do you sell ice cream cakes', /Source: Frostings and fillings/],
  ] as const) {
    it(`when asked "${q}", then no passage that merely shares a word is quoted: the bot says it does not know`, async () => {
      const all = texts(await bot.conversation({ channelId: 'sms' }).say(q)).join('\n');
      expect(all).not.toMatch(wrong);
      expect(all).not.toMatch(/Source:/);
      expect(all).toMatch(/I don't know/);
    });
  }

  it('when a short question on a new topic follows an answer, then the last topic is not answered again', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    await convo.say('how much are cupcakes');
    const all = texts(await convo.say('do you repair car engines?')).join('\n');
    expect(all).not.toMatch(/Source: Cupcakes/);
    expect(all).toMatch(/I don't know/);
  });

  it('when a follow-up has no previous question, then it is read alone', async () => {
    const all = texts(await bot.conversation({ channelId: 'webchat' }).say('how much is it')).join('\n');
    expect(all).not.toMatch(/Source: Cupcakes/);
  });
});

describe('what an outsider asks the bike shop: the passage about what is asked, one question read whole', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { KNOWLEDGE_DIR: 'test/fixtures/knowledge-bikes' } });
  });
  afterAll(() => bot.stop());

  for (const channelId of CHANNELS) {
    it(`when asked on ${channelId} "hey whats the cheapest ebike you have", then the e-bikes from the lowest price, the cheapest first`, async () => {
      const all = texts(await bot.conversation({ channelId }).say('hey whats the cheapest ebike you have')).join('\n');
      expect(all).toMatch(/Source: Which e-bikes do you carry\?/);
      const prices = ['$1,899', '$2,599', '$3,499'].map((p) => all.indexOf(p));
      expect(prices[0]).toBeGreaterThan(-1);
      expect(prices).toEqual([...prices].sort((a, b) => a - b));
      expect(all).not.toMatch(/Source: Do you fix e-bikes\?/);
    });

    it(`when asked on ${channelId} "hey what ebikes do you carry", then the passage's table answers, whole`, async () => {
      const all = texts(await bot.conversation({ channelId }).say('hey what ebikes do you carry')).join('\n');
      expect(all).toMatch(/Source: Which e-bikes do you carry\?/);
      for (const price of ['$1,899', '$2,599', '$3,499', '$4,299']) expect(all).toContain(price);
    });
  }

  it('when a message is one question with a clause ("my chain keeps slipping, how much to fix"), then it is answered as one, from the repair prices', async () => {
    const all = texts(await bot.conversation({ channelId: 'webchat' }).say('my chain keeps slipping, how much to fix')).join(
      '\n',
    );
    expect(all).toMatch(/Source: How much do common repairs cost\?/);
    expect(all).toMatch(/Chain replacement/);
    expect(all).not.toContain(copy.unknownPart());
    expect(all).not.toMatch(/Source: Do you fix e-bikes\?/);
  });

  // Known limit with the sentence model on (README, Limits of answering): the short follow-up's
  // cosines are low, alone and read with the repair question, and the refusal model refuses it.
  it.skipIf(process.env.TEST_EMBEDDINGS === 'local')(
    'when "can i book it in for saturday morning" follows a repair question, then it is about an appointment, not a test ride',
    async () => {
      const convo = bot.conversation({ channelId: 'webchat' });
      await convo.say('my chain keeps slipping, how much to fix');
      const all = texts(await convo.say('can i book it in for saturday morning')).join('\n');
      expect(all).toMatch(/Source: Do I need an appointment\?/);
      expect(all).not.toMatch(/test ride/i);
    },
  );
});

describe('follow-ups about the item in hand (bakery)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.stop());

  for (const channelId of CHANNELS) {
    it(`when on ${channelId} "and how much is it" follows "do you deliver to coogee", then the fee comes first with Coogee's zone, not the whole zone list`, async () => {
      const convo = bot.conversation({ channelId });
      await convo.say('do you deliver to coogee');
      const all = texts(await convo.say('and how much is it')).join('\n');
      expect(all).toMatch(/^Delivery costs [^\n]*\$25 to Zone 2/);
      expect(all).toMatch(/Coogee/);
      expect(all).not.toMatch(/Sydney CBD|Parramatta/);
      expect(all).toMatch(/Source: Delivery fees[^\n]*; Delivery areas/);
    });
  }

  it('when "whats the price" follows a recommendation of the large cake, then the large cake\'s price answers, not the delivery fees', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    await convo.say('can you help me choose a cake');
    expect(texts(await convo.say('about 20 people')).join('\n')).toMatch(/large celebration cake/);
    const all = texts(await convo.say('whats the price')).join('\n');
    expect(all).toMatch(/\$95/);
    expect(all).toMatch(/Source: Large celebration cake/);
    expect(all).not.toMatch(/Source: Delivery fees/);
  });

  it('when a short question names a topic of its own after another answer, then that topic answers ("what flavours do you have" after tiered cakes)', async () => {
    const convo = bot.conversation({ channelId: 'webchat' });
    await convo.say('How many people does a two-tier cake feed?');
    const all = texts(await convo.say('what flavours do you have')).join('\n');
    expect(all).toMatch(/Source: Cake flavours/);
  });

  it('when a statement and a question come in one message, then the statement is read with the question, not answered "I can\'t" on its own', async () => {
    const all = texts(
      await bot
        .conversation({ channelId: 'webchat' })
        .say('my daughter turns five next month, how much is the small celebration cake'),
    ).join('\n');
    expect(all).toMatch(/\$55/);
    expect(all).not.toContain(copy.unknownPart());
  });
});
