import { mkdir, readFile, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { CallbackSchema, ConversationSchema, CustomerSchema, LeadSchema, OrderRequestSchema } from '../../domain/model.js';
import { callbackStore, customerStore, leadStore, orderStore } from '../roleStores.js';
import type { Stores } from '../../domain/ports.js';
import { StaffSessionSchema, StaffTokenSchema, StaffUserSchema } from '../../domain/staffModel.js';
import { DailyStatSchema, SalesPlanSchema } from '../../domain/forecast/dailyStat.js';
import { ObjectionSchema } from '../../domain/objections/objection.js';
import {
  CorruptionCounter,
  collectionNames,
  salesCollectionNames,
  staffCollectionNames,
  type StoreOptions,
} from '../StoreOptions.js';
import { isCode, syncDirectory, writeFileDurably } from './DurableFileAdapter.js';
import { LowdbCollection } from './LowdbCollection.js';
import { LowdbStateStore } from './LowdbStateStore.js';
import { SegmentTranscriptStore } from './SegmentTranscriptStore.js';
import { JournaledShards } from './JournaledShards.js';

export interface LowdbStoreOptions extends StoreOptions {
  /**
   * Shard files per collection and for bot state: one number for all, or per store. Defaults:
   * 256 for conversations and state (they grow with every chat), 64 for the rest. Only used when
   * a store is first created: the count is then recorded in `meta.json` and kept, since records
   * are placed by it.
   */
  shards?: number | Partial<Record<ShardedStore, number>>;
  /** Journal size (bytes) past which changed shard files are rewritten and the journal restarted (32 MB). */
  checkpointBytes?: number;
  /**
   * Customers, conversation records and bot state stay on disk, with at most this many recent
   * ones of each in memory (besides those changed since the last checkpoint). Default 2,000.
   */
  cachedRecords?: number;
  /**
   * Transcript lines journaled but not yet in their segment file are appended to it once they
   * reach this many characters (else at the journal's checkpoint). Default 1 MB.
   */
  transcriptAppendChars?: number;
}

/** What the lowdb backend returns: the ports plus the number of corrupt records skipped. */
export interface LowdbStores extends Stores {
  corruptRecords(): number;
}

type ShardedStore =
  (typeof collectionNames)[number] | (typeof staffCollectionNames)[number] | (typeof salesCollectionNames)[number] | 'state';
const defaultShards: Record<ShardedStore, number> = {
  customers: 64,
  callbacks: 64,
  leads: 64,
  orders: 64,
  conversations: 256,
  state: 256,
  staffUsers: 4,
  staffTokens: 4,
  staffSessions: 8,
  dailyStats: 16,
  salesPlans: 4,
  objections: 16,
};

const MetaSchema = z.object({ version: z.literal(1), shards: z.record(z.string(), z.number().int().positive()) });
type Meta = z.infer<typeof MetaSchema>;

/**
 * Opens (creating if needed) the embedded backend in `dir`:
 * `customers/NN.json` … (one directory of shards per collection), `state/NN.json`,
 * `transcripts/segment-NN.jsonl` (and per-conversation `<sha256>.jsonl` of the earlier layout),
 * `journal-*.jsonl` (changes since the last checkpoint), and `meta.json`. Collections load fully
 * at open, except conversations and bot state: those stay on disk (DiskShard: an index of where
 * each record is, a bounded cache of recent ones); transcripts are read per conversation on use. Every change goes through the
 * journal (group commit, see JournaledShards.ts). Single process only: two processes writing one
 * directory overwrite each other's changes.
 */
export async function openLowdbStores(dir: string, options: LowdbStoreOptions = {}): Promise<LowdbStores> {
  await mkdir(dir, { recursive: true });
  const { shards } = options;
  const meta = await openMeta(dir, (name) => (typeof shards === 'number' ? shards : (shards?.[name] ?? defaultShards[name])));
  const corruption = new CorruptionCounter(options.onCorrupt);
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new AppError('store_closed', `the store in ${dir} is closed`);
  };
  const shardsOf = (name: string): number => meta.shards[name]!;
  // Every collection and the bot state share one journal: one fsync per burst of changes.
  const journal = await JournaledShards.open(dir, {
    checkpointBytes: options.checkpointBytes,
    onTorn: (file, line) => corruption.report('journal', `${path.basename(file)}#${line}`, 'not JSON (a torn write?)'),
  });
  const cached = options.cachedRecords ?? 2_000;
  const collection = <T extends { id: string }>(
    name: string,
    schema: z.ZodType<T>,
    indexes?: (keyof T & string)[],
    onDisk = false,
  ) =>
    LowdbCollection.open({
      dir: path.join(dir, name),
      name,
      schema,
      shards: shardsOf(name),
      corruption,
      assertOpen,
      indexes,
      journal,
      cached: onDisk ? cached : undefined,
    });

  // The indexes serve the role ports' look-ups (roleStores.ts) and the staff pages' links.
  const linkedBy = ['customerId', 'conversationId'] as const;
  const [customers, callbacks, leads, orders, conversations, state, transcripts] = await Promise.all([
    collection('customers', CustomerSchema, ['phones', 'emails', 'channelAccounts'], true),
    collection('callbacks', CallbackSchema, [...linkedBy, 'ref', 'dueAt']),
    collection('leads', LeadSchema, [...linkedBy]),
    collection('orders', OrderRequestSchema, [...linkedBy]),
    // Customers, conversations and bot state grow with the business: only their indexes and the
    // recent records are held in memory.
    collection('conversations', ConversationSchema, ['customerId'], true),
    LowdbStateStore.open(path.join(dir, 'state'), shardsOf('state'), corruption, assertOpen, journal, cached),
    SegmentTranscriptStore.open(
      path.join(dir, 'transcripts'),
      journal,
      corruption,
      assertOpen,
      undefined,
      options.transcriptAppendChars,
    ),
  ]);
  const [staffUsers, staffTokens, staffSessions] = await Promise.all([
    collection('staffUsers', StaffUserSchema),
    collection('staffTokens', StaffTokenSchema),
    collection('staffSessions', StaffSessionSchema),
  ]);
  const [dailyStats, salesPlans, objections] = await Promise.all([
    collection('dailyStats', DailyStatSchema),
    collection('salesPlans', SalesPlanSchema),
    collection('objections', ObjectionSchema),
  ]);
  await syncDirectory(dir);
  // What earlier processes journaled is now in memory: fold it into the shard files.
  await journal.checkpoint();
  const flushables = [
    dailyStats,
    salesPlans,
    objections,
    customers,
    callbacks,
    leads,
    orders,
    conversations,
    state,
    transcripts,
    staffUsers,
    staffTokens,
    staffSessions,
  ];

  return {
    customers: customerStore(customers),
    callbacks: callbackStore(callbacks),
    leads: leadStore(leads),
    orders: orderStore(orders),
    conversations,
    transcripts,
    state,
    staffUsers,
    staffTokens,
    staffSessions,
    dailyStats,
    salesPlans,
    objections,
    corruptRecords: () => corruption.count,
    async healthy() {
      if (closed) return false;
      const probe = path.join(dir, `.probe-${randomUUID()}`);
      try {
        await writeFileDurably(probe, String(Date.now()));
        await rm(probe, { force: true });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      await Promise.all(flushables.map((store) => store.flush()));
      await journal.close();
    },
  };
}

async function openMeta(dir: string, shardsOf: (name: ShardedStore) => number): Promise<Meta> {
  const file = path.join(dir, 'meta.json');
  let meta: Meta = { version: 1, shards: {} };
  try {
    const result = MetaSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!result.success) throw new AppError('storage_corrupt', `unreadable ${file}: ${result.error.message}`);
    meta = result.data;
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
  const names: ShardedStore[] = [...collectionNames, ...staffCollectionNames, ...salesCollectionNames, 'state'];
  const missing = names.filter((name) => meta.shards[name] === undefined);
  if (missing.length > 0) {
    for (const name of missing) {
      const shards = shardsOf(name);
      if (!Number.isInteger(shards) || shards < 1) throw new AppError('config', `invalid shard count ${shards} for ${name}`);
      meta.shards[name] = shards;
    }
    await writeFileDurably(file, JSON.stringify(meta, null, 2));
  }
  return meta;
}
