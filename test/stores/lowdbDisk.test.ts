import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../src/domain/errors.js';
import { openLowdbStores, type LowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { conversation, customer } from './records.js';

/** Customers, conversations and bot state on disk (DiskShard): the records outside the cache come from their files. */
const at = (second: number): string => new Date(Date.UTC(2025, 0, 1, 9, 0, second)).toISOString();

describe('lowdb records on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lowdb-disk-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const shardTexts = async (store: string): Promise<string[]> => {
    const names = (await readdir(path.join(dir, store))).filter((n) => n.endsWith('.json'));
    return Promise.all(names.map((n) => readFile(path.join(dir, store, n), 'utf8')));
  };

  it('when far more records are written than the cache holds, then each reads back from its file, before and after a reopen, eTags included', async () => {
    const open = () => openLowdbStores(dir, { shards: 4, cachedRecords: 3, checkpointBytes: 1 });
    let stores: LowdbStores = await open();
    const eTags = new Map<string, string>();
    for (let i = 0; i < 60; i++) {
      await stores.conversations.put(conversation(`conv-${i}`, { activityCount: i }));
      const written = await stores.state.write([{ key: `state-${i}`, value: { turn: i, text: `é ${i}` } }]);
      eTags.set(`state-${i}`, written[`state-${i}`]!);
    }
    const check = async (): Promise<void> => {
      for (let i = 0; i < 60; i++) {
        expect((await stores.conversations.get(`conv-${i}`))?.activityCount).toBe(i);
        const read = await stores.state.read([`state-${i}`]);
        expect(read[`state-${i}`]).toEqual({ value: { turn: i, text: `é ${i}` }, eTag: eTags.get(`state-${i}`) });
      }
      expect(await stores.conversations.count()).toBe(60);
    };
    await check();
    await stores.close();
    stores = await open();
    await check();
    // The eTag read from the file is the one a conditional write must match.
    await expect(stores.state.write([{ key: 'state-7', value: { turn: 70 }, expectedETag: 'stale' }])).rejects.toThrow(
      ConcurrencyError,
    );
    await expect(stores.state.write([{ key: 'state-7', value: { turn: 70 }, expectedETag: null }])).rejects.toThrow(
      ConcurrencyError,
    );
    await stores.state.write([{ key: 'state-7', value: { turn: 70 }, expectedETag: eTags.get('state-7')! }]);
    await stores.state.delete(['state-8']);
    expect(await stores.conversations.delete('conv-9')).toBe(true);
    await stores.close();
    stores = await open();
    expect((await stores.state.read(['state-7', 'state-8']))['state-7']?.value).toEqual({ turn: 70 });
    expect(await stores.state.read(['state-8'])).toEqual({});
    expect(await stores.conversations.get('conv-9')).toBeUndefined();
    expect(await stores.conversations.count()).toBe(59);
    await stores.close();
    // Every shard file is still one JSON array, one record per line.
    for (const text of [...(await shardTexts('state')), ...(await shardTexts('conversations'))]) {
      expect(text.startsWith('[\n')).toBe(true);
      expect(Array.isArray(JSON.parse(text))).toBe(true);
    }
  });

  it('when a shard file passes 1 MB and some records pass 2 KB, then every record reads back from its file, and queries find them', async () => {
    // One shard, so offsets pass 1 MB; sizes alternate below and above 2 KB (the index keeps the
    // position of each in one of two forms).
    const open = () => openLowdbStores(dir, { shards: 1, cachedRecords: 1 });
    let stores = await open();
    const text = (i: number): string => `${i}:`.padEnd(i % 2 === 0 ? 300 : 3_000, String.fromCharCode(97 + (i % 26)));
    const ids = Array.from({ length: 800 }, (_, i) => i);
    await Promise.all(
      ids.map(async (i) => {
        await stores.state.write([{ key: `state-${i}`, value: { text: text(i) } }]);
        await stores.conversations.put(conversation(`conv-${i}`, { unanswered: [text(i)], lastActivityAt: at(i) }));
      }),
    );
    // Closing checkpoints: the records are now only in the shard files.
    await stores.close();
    expect((await stat(path.join(dir, 'state', '0.json'))).size).toBeGreaterThan(1_200_000);
    stores = await open();
    for (const i of ids) {
      expect((await stores.state.read([`state-${i}`]))[`state-${i}`]?.value).toEqual({ text: text(i) });
      expect((await stores.conversations.get(`conv-${i}`))?.unanswered).toEqual([text(i)]);
    }
    const page = await stores.conversations.query({ orderBy: 'lastActivityAt', descending: true, limit: 3 });
    expect(page.items.map((c) => c.id)).toEqual(['conv-799', 'conv-798', 'conv-797']);
    await stores.close();
  });

  it('when records are read while their shards are being rewritten, then every read sees the latest value', async () => {
    const stores = await openLowdbStores(dir, { shards: 2, cachedRecords: 1, checkpointBytes: 1 });
    const expected = new Map<string, number>();
    const reads: Promise<void>[] = [];
    for (let i = 0; i < 150; i++) {
      const id = `c-${i % 40}`;
      expected.set(id, i);
      // Not awaited: writes and checkpoints overlap with the reads below.
      const write = stores.customers.put(customer(id, { name: `v${i}` }));
      const other = `c-${(i * 7) % 40}`;
      const want = expected.get(other);
      reads.push(
        stores.customers.get(other).then((found) => {
          expect(found?.name).toBe(want === undefined ? undefined : `v${want}`);
        }),
      );
      if (i % 10 === 0) await write;
    }
    await Promise.all(reads);
    await stores.close();
    const reopened = await openLowdbStores(dir, { cachedRecords: 1 });
    for (const [id, i] of expected) expect((await reopened.customers.get(id))?.name).toBe(`v${i}`);
    await reopened.close();
  });

  it('when a store of the earlier layout (each shard file one line) is opened, then every record reads back and the files are rewritten one record per line', async () => {
    let stores = await openLowdbStores(dir, { shards: 1 });
    await stores.close();
    const customers = [customer('a', { phones: ['+61390000001'] }), customer('b')];
    const conversations = [conversation('x', { customerId: 'a' }), conversation('y')];
    // The earlier order of a state entry: key, value, eTag.
    const state = [{ key: 'k1', value: { n: 1 }, eTag: 'old-1' }];
    for (const [store, records] of [
      ['customers', customers],
      ['conversations', conversations],
      ['state', state],
    ] as const) {
      await writeFile(path.join(dir, store, '0.json'), JSON.stringify(records));
    }
    stores = await openLowdbStores(dir, { cachedRecords: 1 });
    expect((await stores.customers.findByPhone('+61390000001')).map((c) => c.id)).toEqual(['a']);
    expect((await stores.conversations.findBy('customerId', 'a')).map((c) => c.id)).toEqual(['x']);
    expect(await stores.state.read(['k1'])).toEqual({ k1: { value: { n: 1 }, eTag: 'old-1' } });
    await stores.close();
    const text = await readFile(path.join(dir, 'customers', '0.json'), 'utf8');
    expect(text.split('\n').length).toBeGreaterThan(3);
    expect((JSON.parse(text) as { id: string }[]).map((c) => c.id).sort()).toEqual(['a', 'b']);
    stores = await openLowdbStores(dir, { cachedRecords: 1 });
    expect((await stores.customers.get('b'))?.id).toBe('b');
    expect(await stores.state.read(['k1'])).toEqual({ k1: { value: { n: 1 }, eTag: 'old-1' } });
    expect(await stores.conversations.count()).toBe(2);
    await stores.close();
  });

  it('when a bot-state entry on disk fails its schema, then it reads as absent and is counted once', async () => {
    let stores = await openLowdbStores(dir, { shards: 1 });
    await stores.state.write([
      { key: 'good', value: { n: 1 } },
      { key: 'bad', value: { n: 2 } },
    ]);
    await stores.close();
    const file = path.join(dir, 'state', '0.json');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('"value":{"n":2}', '"value":"not an object"'));
    const problems: string[] = [];
    stores = await openLowdbStores(dir, { onCorrupt: (store, id) => problems.push(`${store}/${id}`) });
    expect(await stores.state.read(['good', 'bad'])).toEqual({ good: { value: { n: 1 }, eTag: expect.any(String) } });
    expect(await stores.state.read(['bad'])).toEqual({});
    expect(problems).toEqual(['state/bad']);
    await stores.close();
  });
});
