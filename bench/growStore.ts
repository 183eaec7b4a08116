/**
 * A grown embedded store for the benchmark: 50,000 consented customers, 200,000 conversations with
 * their bot state, and open callbacks for one customer in ten — written straight into the lowdb
 * shard files (the layout openLowdbStores reads: one record per line, see DiskShard.ts), which takes seconds where putting the records
 * one by one would take minutes. Built once and cached under BENCH_DATA_DIR (default
 * `<tmp>/isb-bench-data`); bots get a copy. Run directly to build it: `npx tsx bench/growStore.ts`.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CallbackSchema, ConversationSchema, CustomerSchema } from '../src/domain/model.js';
import { shardFileName, shardIndex } from '../src/stores/lowdb/shards.js';
import { callback, conversation, customer } from '../test/stores/records.js';

export interface GrownStore {
  customers: number;
  conversations: number;
}

/** Bump when the records or the layout change, so a stale cache is not used (2: one record per line). */
const VERSION = 2;
const SHARDS = { customers: 64, callbacks: 64, conversations: 256, state: 256 };

export function benchDataDir(): string {
  return process.env.BENCH_DATA_DIR ?? path.join(tmpdir(), 'isb-bench-data');
}

/** The directory of a grown store of this size, built first if it is not cached yet. */
export async function grownStore(size: GrownStore): Promise<string> {
  const dir = path.join(benchDataDir(), `grown-v${VERSION}-${size.customers}-${size.conversations}`);
  try {
    if (JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'))) return dir;
  } catch {
    // not built yet
  }
  const building = `${dir}.building`;
  await rm(building, { recursive: true, force: true });
  await build(building, size);
  await rename(building, dir);
  return dir;
}

const iso = (ms: number): string => new Date(ms).toISOString();

async function build(dir: string, { customers, conversations }: GrownStore): Promise<void> {
  const start = Date.UTC(2025, 0, 1);
  const customerRecords = Array.from({ length: customers }, (_, i) =>
    customer(`cust-${i}`, {
      name: `Customer ${i}`,
      phones: [`+6139${String(i).padStart(7, '0')}`],
      emails: [`customer${i}@example.com`],
      channelAccounts: [`webchat|seed-user-${i}`],
      consent: { text: 'We keep your name and contact details.', at: iso(start + i * 60_000), channelId: 'webchat' },
    }),
  );
  const conversationRecords = Array.from({ length: conversations }, (_, i) =>
    conversation(`seed-conv-${i}`, {
      userId: `seed-user-${i % customers}`,
      customerId: i % 4 === 0 ? `cust-${i % customers}` : undefined,
      startedAt: iso(start + i * 30_000),
      lastActivityAt: iso(start + i * 30_000 + 120_000),
      activityCount: 6,
    }),
  );
  const callbackRecords = Array.from({ length: Math.floor(customers / 10) }, (_, i) =>
    callback(`seed-cb-${i}`, {
      ref: `S${String(i).padStart(5, '0')}`,
      customerId: `cust-${i * 10}`,
      conversationId: `seed-conv-${i * 10}`,
      phone: `+6139${String(i * 10).padStart(7, '0')}`,
      dueAt: iso(start + i * 1_800_000),
    }),
  );
  // The records must be what the store accepts, or they would be skipped as corrupt at open.
  CustomerSchema.parse(customerRecords[0]);
  ConversationSchema.parse(conversationRecords[0]);
  CallbackSchema.parse(callbackRecords[0]);
  // As the store writes them: the eTag first.
  const stateEntries = conversationRecords.map((c, i) => ({
    eTag: `seed-${i}`,
    key: `webchat/conversations/${c.id}`,
    value: {
      dialogState: { dialogStack: [{ id: 'main', state: { options: {}, values: { need: 'x'.repeat(300), turn: i } } }] },
    },
  }));
  await writeShards(path.join(dir, 'customers'), SHARDS.customers, customerRecords, (r) => r.id);
  await writeShards(path.join(dir, 'conversations'), SHARDS.conversations, conversationRecords, (r) => r.id);
  await writeShards(path.join(dir, 'callbacks'), SHARDS.callbacks, callbackRecords, (r) => r.id);
  await writeShards(path.join(dir, 'state'), SHARDS.state, stateEntries, (r) => r.key);
  await writeFile(path.join(dir, 'meta.json'), JSON.stringify({ version: 1, shards: SHARDS }, null, 2));
}

async function writeShards<T>(dir: string, shards: number, records: T[], keyOf: (r: T) => string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const buckets: T[][] = Array.from({ length: shards }, () => []);
  for (const record of records) buckets[shardIndex(keyOf(record), shards)]!.push(record);
  // The shard layout DiskShard reads: a JSON array with one record per line.
  const text = (bucket: T[]): string =>
    bucket.length ? `[\n${bucket.map((r) => JSON.stringify(r)).join(',\n')}\n]\n` : '[\n]\n';
  await Promise.all(buckets.map((bucket, i) => writeFile(path.join(dir, shardFileName(i, shards)), text(bucket))));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const dir = await grownStore({ customers: 50_000, conversations: 200_000 });
  console.log(`${dir} (${Math.round(performance.now() - t0)} ms)`);
}
