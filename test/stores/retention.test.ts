import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/domain/model.js';
import type { Stores } from '../../src/domain/ports.js';
import { purgeExpired, startRetentionJob } from '../../src/domain/retention/retentionJob.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { openPgStores } from '../../src/stores/postgres/openPgStores.js';
import { callback, conversation, customer, entry } from './records.js';

const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
const schema = `t_retention_${randomBytes(4).toString('hex')}`;
const admin = new pg.Pool({ connectionString: url, max: 1 });
afterAll(async () => {
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

const NOW = new Date('2026-06-30T12:00:00.000Z');
const clock = { now: () => NOW };
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const stateKeysOf = (c: Conversation): string[] => [`${c.channelId}/conversations/${c.id}`];

const lowdb =
  (options: Parameters<typeof openLowdbStores>[1]) =>
  async (): Promise<{ stores: Stores; cleanup: () => Promise<void>; files?: () => Promise<string> }> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'retention-'));
    const stores = await openLowdbStores(dir, options);
    return {
      stores,
      cleanup: async () => {
        await stores.close();
        await rm(dir, { recursive: true, force: true });
      },
      // Every file of the store, journal included, as text: removed transcripts must be in none.
      files: async () => {
        const texts: string[] = [];
        for (const item of await readdir(dir, { withFileTypes: true, recursive: true }))
          if (item.isFile()) texts.push(await readFile(path.join(item.parentPath, item.name), 'utf8'));
        return texts.join('\n');
      },
    };
  };

const backends: [string, () => Promise<{ stores: Stores; cleanup: () => Promise<void>; files?: () => Promise<string> }>][] = [
  ['lowdb', lowdb({ shards: 2 })],
  // Conversations and state read from their files (a cache of one record, a checkpoint per change).
  ['lowdb, records on disk', lowdb({ shards: 2, cachedRecords: 1, checkpointBytes: 1 })],
  [
    'postgres',
    async () => {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      const stores = await openPgStores(url, { schema });
      return { stores, cleanup: () => stores.close() };
    },
  ],
];

describe.each(backends)('retention on %s', (_name, open) => {
  let stores: Stores;
  let cleanup: () => Promise<void>;
  let files: (() => Promise<string>) | undefined;
  beforeEach(async () => {
    ({ stores, cleanup, files } = await open());
    // Two conversations past 30 days, one just inside, one today; one old one belongs to a consented customer.
    const seed: [string, number, string?][] = [
      ['old-1', 45],
      ['old-2', 31, 'cust-1'],
      ['recent', 29],
      ['today', 0],
    ];
    for (const [id, age, customerId] of seed) {
      await stores.conversations.put(conversation(id, { startedAt: daysAgo(age + 1), lastActivityAt: daysAgo(age), customerId }));
      await stores.transcripts.append(entry(id, `hello from ${id}`));
      await stores.state.write([{ key: `webchat/conversations/${id}`, value: { dialogState: { turn: id } } }]);
    }
    await stores.customers.put(
      customer('cust-1', { phones: ['+61400000001'], consent: { text: 'ok', at: daysAgo(40), channelId: 'webchat' } }),
    );
    await stores.callbacks.put(callback('cb-1', { customerId: 'cust-1', conversationId: 'old-2', createdAt: daysAgo(31) }));
  });
  afterEach(async () => {
    await cleanup();
  });

  it('when conversations are older than the retention, then they go with their transcript and bot state, and the rest stays', async () => {
    const report = await purgeExpired({ stores, clock, days: 30, stateKeysOf });
    expect(report).toEqual({ conversations: 2, transcripts: 2 });
    for (const id of ['old-1', 'old-2']) {
      expect(await stores.conversations.get(id), id).toBeUndefined();
      expect(await stores.transcripts.read(id), id).toEqual([]);
      expect(await stores.state.read([`webchat/conversations/${id}`]), id).toEqual({});
    }
    for (const id of ['recent', 'today']) {
      expect(await stores.conversations.get(id), id).toBeDefined();
      expect(
        (await stores.transcripts.read(id)).map((e) => e.text),
        id,
      ).toEqual([`hello from ${id}`]);
      expect(Object.keys(await stores.state.read([`webchat/conversations/${id}`])), id).toHaveLength(1);
    }
    // The consented customer and their callback follow their own rules.
    expect(await stores.customers.get('cust-1')).toBeDefined();
    expect(await stores.callbacks.get('cb-1')).toBeDefined();
    if (files) {
      const everything = await files();
      expect(everything).not.toContain('hello from old-1');
      expect(everything).not.toContain('hello from old-2');
      expect(everything).toContain('hello from recent');
    }
  });

  it('when it runs again, or the clock has not moved past anything, then nothing more is removed', async () => {
    await purgeExpired({ stores, clock, days: 30, stateKeysOf });
    expect(await purgeExpired({ stores, clock, days: 30, stateKeysOf })).toEqual({ conversations: 0, transcripts: 0 });
    expect(await purgeExpired({ stores, clock, days: 365, stateKeysOf })).toEqual({ conversations: 0, transcripts: 0 });
    expect(await stores.conversations.count()).toBe(2);
  });

  it('when there are more expired conversations than a page, then every one is removed', async () => {
    for (let i = 0; i < 25; i++) await stores.conversations.put(conversation(`bulk-${i}`, { lastActivityAt: daysAgo(100 + i) }));
    const report = await purgeExpired({ stores, clock, days: 30, stateKeysOf, pageSize: 4 });
    expect(report.conversations).toBe(27);
    expect(await stores.conversations.count()).toBe(2);
  });

  it('when the job runs on its timer, then it purges in the background and stops cleanly', async () => {
    const done: number[] = [];
    const job = startRetentionJob({
      stores,
      clock,
      days: 30,
      stateKeysOf,
      everyMs: 10,
      onError: (err) => {
        throw err;
      },
      onDone: (r) => done.push(r.conversations),
    });
    while (done.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await job.stop();
    expect(done[0]).toBe(2);
    expect(await stores.conversations.get('old-1')).toBeUndefined();
  });
});
