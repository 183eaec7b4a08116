import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { MAX_TEXT_LENGTH } from '../../src/domain/turn/turnInput.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

describe('the bot over the Bot Framework protocol', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('when a visitor joins, then it greets in at most two sentences without a pitch', async () => {
    const [greeting, ...rest] = texts(await bot.conversation().join());
    expect(rest).toEqual([]);
    expect(greeting).toBe(copy.greeting(bot.app.business));
    // The greeting's copy itself: the business's name, two sentences at most, no pitch.
    expect(greeting).toMatch(/Crumb & Candle/);
    expect(greeting!.split(/[.!?](\s|$)/).filter((s) => s && s.trim()).length).toBeLessThanOrEqual(2);
    expect(greeting).not.toMatch(/special offer|discount|buy now|sale/i);
  });

  it('when asked a price, then it answers from the right passage and names the source', async () => {
    const [answer] = texts(await bot.conversation().say('How much does the large celebration cake cost?'));
    expect(answer).toMatch(/\$95/);
    expect(answer).toMatch(/Source: Large celebration cake/);
  });

  it('when asked about delivery fees, then it answers with the fees and the source', async () => {
    const [answer] = texts(await bot.conversation().say('what do you charge for delivery?'));
    expect(answer).toMatch(/\$15/);
    expect(answer).toMatch(/Source: Delivery fees/);
  });

  it('when asked something the knowledge does not cover, then it says it does not know and offers a callback', async () => {
    const convo = bot.conversation();
    const [answer] = texts(await convo.say('Do you sell car insurance?'));
    expect(answer).toBe(copy.unknown());
    await bot.app.stores.conversations.get(convo.id); // flushes nothing; the log is asynchronous
    await expect
      .poll(async () => (await bot.app.stores.conversations.get(convo.id))?.unanswered)
      .toEqual(['Do you sell car insurance?']);
  });

  it('when a conversation happens, then its transcript is in DATA_DIR with both sides', async () => {
    const convo = bot.conversation();
    await convo.say('hello');
    await expect
      .poll(async () => (await bot.app.stores.transcripts.read(convo.id)).map((e) => e.direction))
      .toEqual(['in', 'out']);
    // On disk in DATA_DIR (a transcript segment, or the store's journal until its checkpoint).
    const lines: string[] = [];
    for (const item of await readdir(bot.dataDir, { withFileTypes: true, recursive: true }))
      if (item.isFile()) lines.push(...(await readFile(join(item.parentPath, item.name), 'utf8')).split('\n'));
    const reply = lines.filter((line) => line.includes(convo.id) && /direction\\?":\\?"out/.test(line));
    expect(reply.length).toBeGreaterThan(0);
  });

  it('when thanked, greeted, asked for help or told bye, then it answers each briefly', async () => {
    const convo = bot.conversation();
    expect(texts(await convo.say('hi there'))).toEqual([copy.greeting(bot.app.business)]);
    expect(texts(await convo.say('what can you do?'))).toEqual([copy.help(bot.app.business)]);
    expect(texts(await convo.say('thanks!'))).toEqual([copy.thanks()]);
    expect(texts(await convo.say('bye'))).toEqual([copy.goodbye()]);
  });

  it('when the body is not JSON, then it answers 400', async () => {
    const res = await bot.post('{not json');
    expect(res.status).toBe(400);
  });

  it('when required fields are missing, then it answers 400 naming them', async () => {
    const res = await bot.post({ type: 'message', text: 'hi' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: string[] };
    expect(body.issues.join(' ')).toMatch(/conversation/);
    expect(body.issues.join(' ')).toMatch(/serviceUrl/);
  });

  it('when the body is over the size limit, then it answers 413', async () => {
    const convo = bot.conversation();
    await expect(convo.say('x'.repeat(600_000))).rejects.toThrow(/413/);
  });

  it('when the text is 100 kB, then it asks politely for something shorter', async () => {
    const [reply] = texts(await bot.conversation().say('cake '.repeat(20_000)));
    expect(reply).toBe(copy.tooLong(MAX_TEXT_LENGTH));
  });

  it('when the text is empty or blank, then it asks what the customer wants to know', async () => {
    const convo = bot.conversation();
    expect(texts(await convo.say(''))).toEqual([copy.empty()]);
    expect(texts(await convo.say('   \n '))).toEqual([copy.empty()]);
  });

  it('when the serviceUrl is not loopback and the bot is unauthenticated, then it refuses with 403', async () => {
    const res = await bot.post({
      type: 'message',
      text: 'hi',
      channelId: 'test',
      serviceUrl: 'http://203.0.113.5/',
      conversation: { id: 'c' },
      from: { id: 'u' },
    });
    expect(res.status).toBe(403);
  });

  it('when the health is checked, then it is ok', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('when an activity of another type arrives, then nothing breaks', async () => {
    const replies = await bot.conversation().send({ type: 'typing' });
    expect(replies).toEqual([]);
  });
});

describe('restarts', () => {
  it('when the bot restarts on the same DATA_DIR, then transcripts and conversation state are still there', async () => {
    const first = await startTestBot();
    const convo = first.conversation({ id: 'restart-conv' });
    await convo.say('how much is the small celebration cake?');
    await first.stop({ keepData: true });

    const second = await startTestBot({ dataDir: first.dataDir });
    try {
      const transcript = await second.app.stores.transcripts.read('restart-conv');
      expect(transcript.map((e) => e.direction)).toEqual(['in', 'out']);
      expect(transcript[1]?.text).toMatch(/\$55/);
      const keys = Object.keys(await second.app.stores.state.read(['test/conversations/restart-conv/']));
      expect(keys).toEqual(['test/conversations/restart-conv/']);
    } finally {
      await second.stop();
    }
  });
});

describe('failing turns', () => {
  it('when a turn fails, then the customer gets an apology and the turn is still in the transcript', async () => {
    const offline = (await import('../../src/domain/understanding/offlineRecognizer.js')).createOfflineRecognizer();
    const bot = await startTestBot({
      overrides: {
        recognizer: {
          recognize: async (text, context) => {
            if (text === 'break please') throw new Error('recognizer exploded');
            return offline.recognize(text, context);
          },
        },
      },
    });
    try {
      const convo = bot.conversation();
      const [reply] = texts(await convo.say('break please'));
      expect(reply).toBe(copy.turnError());
      await expect
        .poll(async () => (await bot.app.stores.transcripts.read(convo.id)).map((e) => [e.direction, e.text, e.failed ?? false]))
        .toEqual([
          ['in', 'break please', false],
          ['out', 'turn failed: recognizer exploded', true],
          ['out', expect.stringMatching(/something went wrong/i), false],
        ]);
      // The conversation goes on normally afterwards.
      expect(texts(await convo.say('how much is the small celebration cake?'))[0]).toMatch(/\$55/);
    } finally {
      await bot.stop();
    }
  });
});
