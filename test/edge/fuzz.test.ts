/**
 * Fuzz: thousands of generated activities and bodies thrown at the real server. Whatever arrives,
 * the process stays up, answers no 5xx but the documented ones (501 for an invoke the bot does not
 * implement), `/healthz` stays 200, and no accepted message makes a turn fail.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/testBot.js';
import { copy } from '../../dialogs/copy.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CONCURRENCY = 8;

const protoWords = fc.constantFrom(
  '__proto__',
  'constructor',
  'Constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
);
const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  protoWords,
  fc.constantFrom('', ' ', '..', '.', '\u0000', '\uD800', '\uDFFF x', '%00', '../../etc', 'a'.repeat(600)),
);
const channelIds = fc.oneof(
  fc.constantFrom('test', 'webchat', 'sms', 'telephony', 'slack', 'msteams', 'SMS'),
  protoWords,
  weirdString,
);
const texts = fc.oneof(
  fc.constantFrom('hello', 'call me back', 'cancel K7M2QD', 'how much is delivery?', 'yes', 'no', '0412 345 678', 'tomorrow 3pm'),
  weirdString,
  fc.lorem({ maxCount: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  protoWords.map((w) => `${w} ${w} please`),
);
const anyValue = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  weirdString,
  fc.array(fc.oneof(fc.constant(null), fc.integer(), weirdString, fc.dictionary(weirdString, weirdString, { maxKeys: 3 })), {
    maxLength: 4,
  }),
  fc.dictionary(fc.oneof(weirdString, protoWords), fc.oneof(weirdString, fc.integer(), fc.constant(null)), { maxKeys: 4 }),
);

/** An activity whose required fields are mostly right and whose other fields are anything. */
const activity = (serviceUrl: string) =>
  fc.record(
    {
      type: fc.oneof(
        fc.constantFrom('message', 'message', 'message', 'conversationUpdate', 'event', 'typing', 'invoke'),
        weirdString,
      ),
      id: fc.oneof(fc.uuid(), weirdString),
      channelId: channelIds,
      serviceUrl: fc.oneof(
        fc.constant(serviceUrl),
        fc.constant(serviceUrl),
        fc.constantFrom('http://127.0.0.1.attacker.example/', 'ftp://127.0.0.1/', 'not a url', 'http://[::1]:1/'),
      ),
      conversation: fc.oneof(
        { weight: 8, arbitrary: fc.record({ id: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, weirdString) }) },
        anyValue,
      ),
      from: fc.oneof(
        { weight: 8, arbitrary: fc.record({ id: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, weirdString), name: anyValue }) },
        anyValue,
      ),
      recipient: anyValue,
      text: fc.oneof(texts, texts, anyValue),
      value: anyValue,
      name: fc.oneof(fc.constantFrom('handoff.status', 'webchat/join'), weirdString),
      locale: fc.oneof(fc.constantFrom('en-AU', 'en'), weirdString, anyValue),
      timestamp: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        anyValue,
      ),
      localTimestamp: anyValue,
      entities: anyValue,
      attachments: anyValue,
      membersAdded: anyValue,
      membersRemoved: anyValue,
      channelData: fc.oneof(anyValue, fc.record({ utm_source: weirdString, callerNumber: weirdString })),
      suggestedActions: anyValue,
      [String('__proto__')]: anyValue,
    },
    { requiredKeys: ['type', 'channelId', 'serviceUrl', 'conversation', 'from'] },
  );

interface Shot {
  body: string | Uint8Array;
  headers: Record<string, string>;
  /** A well-formed message that should reach the bot, and so get a reply that is not a failure. */
  conversationId?: string;
}

const shots = (serviceUrl: string): fc.Arbitrary<Shot> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: activity(serviceUrl).map((a) => ({ body: JSON.stringify(a), headers: { 'content-type': 'application/json' } })),
    },
    {
      weight: 2,
      arbitrary: fc
        .string({ unit: 'binary', maxLength: 300 })
        .map((s) => ({ body: s, headers: { 'content-type': 'application/json' } })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.uint8Array({ maxLength: 300 }),
          fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-weird', 'gzip, gzip'),
          fc.boolean(),
        )
        .map(([bytes, encoding, real]) => ({
          body: real && encoding === 'gzip' ? gzipSync(bytes) : bytes,
          headers: { 'content-type': 'application/json', 'content-encoding': encoding },
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          anyValue,
          fc.constantFrom(
            'text/plain',
            'application/x-www-form-urlencoded',
            'application/json; charset=utf-16',
            'multipart/form-data',
          ),
        )
        .map(([v, type]) => ({ body: JSON.stringify(v) ?? '', headers: { 'content-type': type } })),
    },
  );

const isInvoke = (body: string | Uint8Array): boolean => {
  try {
    return (JSON.parse(String(body)) as { type?: unknown }).type === 'invoke';
  } catch {
    return false;
  }
};

describe('fuzzing /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it(
    `when ${RUNS} generated requests arrive, then no 5xx, no failed turn, and /healthz stays 200`,
    { timeout: 120_000 },
    async () => {
      const samples = fc.sample(shots(bot.channel.url), { numRuns: RUNS, seed: SEED });
      const statuses = new Map<number, number>();
      const fives: string[] = [];
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < samples.length) {
          const i = next++;
          const shot = samples[i]!;
          const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: shot.headers, body: shot.body });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          // 501 is the Bot Framework's answer to an invoke activity the bot does not implement.
          const documented = res.status === 501 && isInvoke(shot.body);
          if (res.status >= 500 && !documented) fives.push(`#${i} ${res.status}: ${String(shot.body).slice(0, 200)}`);
          if (i % 250 === 0) expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      expect(fives, `seed ${SEED}`).toEqual([]);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
      const failed = [...bot.channel.replies.entries()].filter(([, replies]) => replies.some((r) => r.text === copy.turnError()));
      expect(
        failed.map(([id]) => id),
        `seed ${SEED}`,
      ).toEqual([]);
      // Enough of the generated activities got through validation to exercise the dialogs.
      const accepted = [...statuses].reduce((n, [status, count]) => (status < 300 ? n + count : n), 0);
      expect(accepted, JSON.stringify([...statuses])).toBeGreaterThan(RUNS / 5);
    },
  );
});
