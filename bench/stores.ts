/**
 * Write latency of the embedded (lowdb) backend at realistic size: seeds customers,
 * conversations and transcripts, reopens (timing the open), then times single puts one after
 * another. Run directly (`tsx bench/stores.ts [dir]`) or call `benchStoreWrites` from the benchmark.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openLowdbStores } from '../src/stores/lowdb/openLowdbStores.js';
import { conversation, customer, entry } from '../test/stores/records.js';

export interface StoreBenchOptions {
  customers?: number;
  conversations?: number;
  /** Conversations that also get a transcript file (one entry each). */
  transcripts?: number;
  /** Bot state keys (about 500 bytes each). */
  states?: number;
  /** Timed puts per collection. */
  samples?: number;
}

export interface StoreBenchResult {
  /** Latency of one put (customers and conversations alike), milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** The same for each collection: conversation shards are 10 times larger. */
  customerP50: number;
  customerP99: number;
  conversationP50: number;
  conversationP99: number;
  /** Latency of one conditional bot state write (eTag), milliseconds. */
  stateP50: number;
  stateP99: number;
  /** Latency of one transcript append, milliseconds. */
  appendP50: number;
  appendP99: number;
  /** Opening the seeded store, milliseconds. */
  openMs: number;
  /** Seeding, milliseconds. */
  seedMs: number;
  /** A staff-page query: one page of 50 conversations ordered by lastActivityAt, milliseconds. */
  queryMs: number;
}

export async function benchStoreWrites(dir: string, options: StoreBenchOptions = {}): Promise<StoreBenchResult> {
  const { customers = 10_000, conversations = 100_000, transcripts = 10_000, samples = 500 } = options;
  const { states = conversations } = options;
  const seedStart = performance.now();
  let stores = await openLowdbStores(dir);
  await inBursts(customers, (i) =>
    stores.customers.put(customer(`cust-${i}`, { phones: [`+6140${String(i).padStart(7, '0')}`] })),
  );
  await inBursts(conversations, (i) =>
    stores.conversations.put(conversation(`conv-${i}`, { customerId: `cust-${i % customers}`, tags: ['seed'] })),
  );
  await inBursts(transcripts, (i) => stores.transcripts.append(entry(`conv-${i}`, `hello ${i}`)), 500);
  await inBursts(states, async (i) => void (await stores.state.write([{ key: stateKey(i), value: stateValue(i) }])));
  await stores.close();
  const seedMs = performance.now() - seedStart;

  const openStart = performance.now();
  stores = await openLowdbStores(dir);
  const openMs = performance.now() - openStart;

  const customerTimes: number[] = [];
  const conversationTimes: number[] = [];
  const appendTimes: number[] = [];
  const stateTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    const id = (i * 7919) % conversations;
    customerTimes.push(await timed(() => stores.customers.put(customer(`cust-${id % customers}`, { name: `n${i}` }))));
    conversationTimes.push(await timed(() => stores.conversations.put(conversation(`conv-${id}`, { activityCount: i }))));
    appendTimes.push(await timed(() => stores.transcripts.append(entry(`conv-${i % Math.max(1, transcripts)}`, `again ${i}`))));
  }
  for (let i = 0; i < samples; i++) {
    const key = stateKey((i * 7919) % Math.max(1, states));
    const eTag = (await stores.state.read([key]))[key]?.eTag;
    stateTimes.push(await timed(() => stores.state.write([{ key, value: stateValue(i), expectedETag: eTag }])));
  }
  const queryMs = await timed(() => stores.conversations.query({ orderBy: 'lastActivityAt', descending: true, limit: 50 }));
  await stores.close();

  const put = percentiles([...customerTimes, ...conversationTimes]);
  const customer99 = percentiles(customerTimes);
  const conversation99 = percentiles(conversationTimes);
  const append = percentiles(appendTimes);
  const state = percentiles(stateTimes);
  return {
    ...put,
    customerP50: customer99.p50,
    customerP99: customer99.p99,
    conversationP50: conversation99.p50,
    conversationP99: conversation99.p99,
    stateP50: state.p50,
    stateP99: state.p99,
    appendP50: append.p50,
    appendP99: append.p99,
    openMs: round(openMs),
    seedMs: round(seedMs),
    queryMs: round(queryMs),
  };
}

const stateKey = (i: number): string => `webchat/conversations/conv-${i}`;
const stateValue = (i: number): Record<string, unknown> => ({
  dialogState: { dialogStack: [{ id: 'qualify', state: { options: {}, values: { need: 'x'.repeat(300), turn: i } } }] },
});

async function inBursts(count: number, put: (i: number) => Promise<void>, burst = 5_000): Promise<void> {
  for (let start = 0; start < count; start += burst) {
    const end = Math.min(count, start + burst);
    await Promise.all(Array.from({ length: end - start }, (_, k) => put(start + k)));
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function percentiles(times: number[]): { p50: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: round(sorted[sorted.length - 1] ?? 0) };
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? (await mkdtemp(path.join(tmpdir(), 'bench-stores-')));
  const result = await benchStoreWrites(dir, { transcripts: Number(process.env.BENCH_TRANSCRIPTS ?? 10_000) });
  console.log(JSON.stringify(result, null, 2));
  if (!process.argv[2]) await rm(dir, { recursive: true, force: true });
}
