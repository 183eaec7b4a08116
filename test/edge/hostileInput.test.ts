import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';
import { copy } from '../../dialogs/copy.js';

/** Reproductions of issue 14, item 2: requests that took the process down or broke a turn. */
describe('hostile input at /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const healthy = async (): Promise<number> => (await fetch(`${bot.url}/healthz`)).status;

  it('when the body claims gzip but is not gzip, then it answers 400 and keeps running', async () => {
    for (const path of ['/api/messages', '/staff/login']) {
      const res = await fetch(`${bot.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body: '{"type":"message"}',
      });
      expect(res.status).toBe(400);
    }
    expect(await healthy()).toBe(200);
  });

  it('when the body is real gzip, then it is still read', async () => {
    const convo = bot.conversation();
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(
        JSON.stringify({
          type: 'message',
          text: 'hello',
          channelId: 'test',
          serviceUrl: bot.channel.url,
          conversation: { id: convo.id },
          from: { id: convo.userId },
        }),
      ),
    });
    expect(res.status).toBeLessThan(300);
    expect(texts(bot.channel.take(convo.id)).length).toBeGreaterThan(0);
  });

  it('when the content-encoding is unknown, then it answers 415 or 400', async () => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'x-nonsense' },
      body: '{}',
    });
    expect([400, 415]).toContain(res.status);
    expect(await healthy()).toBe(200);
  });

  for (const channelId of ['__proto__', 'constructor', 'Constructor', 'toString', 'hasOwnProperty']) {
    it(`when the channel id is "${channelId}", then it answers politely in plain text`, async () => {
      const convo = bot.conversation({ channelId });
      const replies = texts(await convo.say('hello'));
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.join(' ')).not.toBe(copy.turnError());
      expect(await healthy()).toBe(200);
    });
  }

  for (const word of ['constructor', '__proto__ toString valueOf', 'hasOwnProperty prototype']) {
    it(`when the text is "${word}", then the turn does not fail`, async () => {
      const replies = texts(await bot.conversation().say(word));
      expect(replies.length).toBeGreaterThan(0);
      expect(replies).not.toContain(copy.turnError());
    });
  }

  const oddExtras: [string, Record<string, unknown>][] = [
    ['null entities', { entities: null }],
    ['entities that are not objects', { entities: [1, 'x', null] }],
    ['a bad timestamp', { timestamp: 'not a date' }],
    ['a numeric timestamp', { timestamp: 12 }],
    ['a bad localTimestamp', { localTimestamp: 'yesterday' }],
    ['null channelData', { channelData: null }],
    ['a string locale of nonsense', { locale: '\u0000\uD800' }],
    ['attachments that are not an array', { attachments: 'x' }],
    ['a lone surrogate in the text', { text: 'hello \uD800 there' }],
    ['a null text', { text: null }],
    ['a numeric text', { text: 42 }],
    ['a null value', { value: null }],
    ['null suggestedActions', { suggestedActions: null }],
  ];
  for (const [name, extra] of oddExtras) {
    it(`when a message carries ${name}, then it gets a reply that is not a failure`, async () => {
      const res = await bot.post({
        type: 'message',
        text: 'hello',
        channelId: 'test',
        serviceUrl: bot.channel.url,
        conversation: { id: `odd-${name.replace(/\W/g, '-')}` },
        from: { id: 'u1' },
        ...extra,
      });
      if (res.status === 400) return; // rejected at the edge with a reason: fine
      expect(res.status).toBeLessThan(300);
      const replies = texts(bot.channel.take(`odd-${name.replace(/\W/g, '-')}`));
      expect(replies.length).toBeGreaterThan(0);
      expect(replies).not.toContain(copy.turnError());
    });
  }

  for (const [name, extra] of [
    ['membersAdded that is not an array', { membersAdded: { id: 'u1' } }],
    ['membersAdded of nulls', { membersAdded: [null, 3] }],
    ['membersRemoved that is a string', { membersRemoved: 'u1' }],
  ] as [string, Record<string, unknown>][]) {
    it(`when a conversationUpdate carries ${name}, then it is refused or ignored, not failed`, async () => {
      const id = `odd-${name.replace(/\W/g, '-')}`;
      const res = await bot.post({
        type: 'conversationUpdate',
        channelId: 'test',
        serviceUrl: bot.channel.url,
        conversation: { id },
        from: { id: 'u1' },
        ...extra,
      });
      expect([200, 201, 202, 400]).toContain(res.status);
      expect(texts(bot.channel.take(id))).not.toContain(copy.turnError());
    });
  }

  for (const id of ['ç°Ö-会話-🎂', 'a/b/../../c', 'x\u0000y', '..', 'conv with spaces', '%2F%2e%2e']) {
    it(`when the conversation id is ${JSON.stringify(id)}, then it answers or refuses, never fails`, async () => {
      const res = await bot.post({
        type: 'message',
        text: 'hello',
        channelId: 'test',
        serviceUrl: bot.channel.url,
        conversation: { id },
        from: { id: 'u1' },
      });
      if (res.status === 400) return;
      expect(res.status).toBeLessThan(300);
      const replies = texts(bot.channel.take(id));
      expect(replies.length).toBeGreaterThan(0);
      expect(replies).not.toContain(copy.turnError());
    });
  }

  for (const serviceUrl of [
    'http://127.0.0.1.attacker.example/',
    'http://127.attacker.example/',
    'ftp://127.0.0.1/',
    'file:///etc/passwd',
    'http://localhost.attacker.example/',
    'http://0x7f.attacker.example/',
  ]) {
    it(`when the reply address is ${serviceUrl} without an app id, then it answers 403`, async () => {
      const res = await bot.post({
        type: 'message',
        text: 'hello',
        channelId: 'test',
        serviceUrl,
        conversation: { id: 'c' },
        from: { id: 'u1' },
      });
      expect(res.status).toBe(403);
    });
  }
});
