import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { ConcurrencyError } from '../../domain/errors.js';
import type { StateChange, StateStore, Versioned } from '../../domain/ports.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import type { JournaledShards } from './JournaledShards.js';
import { DiskShard, type RecordCache } from './DiskShard.js';
import { loadShards } from './ShardFile.js';
import { shardFileName, shardIndex } from './shards.js';

const StateEntrySchema = z.object({
  key: z.string(),
  value: z.record(z.string(), z.unknown()),
  eTag: z.string(),
});
type StateEntry = z.infer<typeof StateEntrySchema>;

/**
 * Bot state as `{ eTag, key, value }` entries, sharded by a hash of the key. The entries stay on
 * disk (DiskShard): in memory are where each is, the entries changed since the last checkpoint
 * and a bounded cache of recent ones, all as their JSON text (a read parses it: a fresh copy; a
 * write serialises the value once, for the journal and the shard file alike). The eTag leads the
 * text, so a conditional write reads it without parsing the state.
 *
 * A write whose expectedETag is not '*' must match the stored eTag; a key that does not exist
 * matches no eTag (so a state deleted meanwhile is not silently recreated), and `null` matches
 * only a key that does not exist (a state read as new is not written over one saved meanwhile).
 */
export class LowdbStateStore implements StateStore {
  readonly #shards: DiskShard[];
  readonly #corrupt = new Set<string>();

  private constructor(
    dir: string,
    shards: number,
    private readonly corruption: CorruptionCounter,
    private readonly assertOpen: () => void,
    journal: JournaledShards,
    cached: number,
  ) {
    const cache: RecordCache = new LRUCache({ max: cached });
    this.#shards = Array.from(
      { length: shards },
      (_, i) => new DiskShard(path.join(dir, shardFileName(i, shards)), (entry) => entry.key, cache, journal, true, keyOfLine),
    );
  }

  static async open(
    dir: string,
    shards: number,
    corruption: CorruptionCounter,
    assertOpen: () => void,
    journal: JournaledShards,
    cached = 1_000,
  ): Promise<LowdbStateStore> {
    await mkdir(dir, { recursive: true });
    const store = new LowdbStateStore(dir, shards, corruption, assertOpen, journal, cached);
    // Entries whose key shows in their first characters are checked when read, the rest now.
    await loadShards(store.#shards, (key: string, entry: unknown) => store.#check(key, entry));
    return store;
  }

  async read(keys: string[]): Promise<Record<string, Versioned>> {
    const found: Record<string, Versioned> = {};
    for (const key of keys) {
      const text = this.#text(key);
      if (text === undefined) continue;
      const entry: unknown = JSON.parse(text);
      if (this.#check(key, entry)) found[key] = { value: entry.value, eTag: entry.eTag };
    }
    return found;
  }

  async write(changes: StateChange[]): Promise<Record<string, string>> {
    this.assertOpen();
    // Check every condition before changing anything: a write applies entirely or not at all.
    for (const { key, expectedETag } of changes) {
      if (expectedETag === undefined || expectedETag === '*') continue;
      const current = this.#eTagOf(key);
      if (expectedETag === null ? current !== undefined : current !== expectedETag) throw new ConcurrencyError(key);
    }
    // Serialise everything first: a value that cannot be serialised changes nothing.
    const texts = changes.map(({ key, value }) => {
      const eTag = randomUUID();
      return { key, eTag, text: `{"eTag":"${eTag}","key":${JSON.stringify(key)},"value":${JSON.stringify(value)}}` };
    });
    const touched = new Map<DiskShard, string[]>();
    const eTags: Record<string, string> = {};
    for (const { key, eTag, text } of texts) {
      const shard = this.#shardOf(key);
      shard.set(key, text);
      this.#corrupt.delete(key);
      touched.set(shard, [...(touched.get(shard) ?? []), key]);
      eTags[key] = eTag;
    }
    await Promise.all([...touched].map(([shard, keys]) => shard.save(keys)));
    return eTags;
  }

  async delete(keys: string[]): Promise<void> {
    this.assertOpen();
    const touched = new Map<DiskShard, string[]>();
    for (const key of keys) {
      const shard = this.#shardOf(key);
      if (shard.delete(key)) touched.set(shard, [...(touched.get(shard) ?? []), key]);
      this.#corrupt.delete(key);
    }
    await Promise.all([...touched].map(([shard, removed]) => shard.save(removed)));
  }

  async flush(): Promise<void> {
    await Promise.all(this.#shards.map((shard) => shard.flush()));
  }

  /** True for a valid entry; an invalid one is hidden from now on and reported once. */
  #check(key: string, entry: unknown): entry is StateEntry {
    if (this.#corrupt.has(key)) return false;
    if (isParsedEntry(entry)) return true;
    const result = StateEntrySchema.safeParse(entry);
    if (result.success) return true;
    this.#corrupt.add(key);
    this.corruption.report('state', key, `${this.#shardOf(key).file}: ${result.error.message}`);
    return false;
  }

  #shardOf(key: string): DiskShard {
    return this.#shards[shardIndex(key, this.#shards.length)]!;
  }

  #text(key: string): string | undefined {
    if (this.#corrupt.has(key)) return undefined;
    return this.#shardOf(key).get(key) as string | undefined;
  }

  #eTagOf(key: string): string | undefined {
    const text = this.#text(key);
    if (text === undefined) return undefined;
    const lead = '{"eTag":"';
    if (text.startsWith(lead)) {
      const end = text.indexOf('"', lead.length);
      const eTag = text.slice(lead.length, end);
      if (end > 0 && !eTag.includes('\\')) return eTag;
    }
    const entry: unknown = JSON.parse(text);
    return this.#check(key, entry) ? entry.eTag : undefined;
  }
}

/**
 * StateEntrySchema's test for what JSON.parse gave (every entry is parsed from its line): a key and
 * an eTag that are strings, a value that is an object and not an array. Done by hand on every read;
 * what fails it goes to the schema for the message.
 */
function isParsedEntry(entry: unknown): entry is StateEntry {
  if (typeof entry !== 'object' || entry === null) return false;
  const { key, eTag, value } = entry as Record<string, unknown>;
  return (
    typeof key === 'string' && typeof eTag === 'string' && typeof value === 'object' && value !== null && !Array.isArray(value)
  );
}

/**
 * The key of an entry as this store writes it (`{"eTag":"…","key":"…",…`), or in the earlier
 * order (`{"key":"…",…`), when both are printable ASCII without escapes (else the line is parsed).
 */
const LEADING_KEY = /^\{(?:"eTag":"[\x20\x21\x23-\x5b\x5d-\x7e]*",)?"key":"([\x20\x21\x23-\x5b\x5d-\x7e]*)",/d;

function keyOfLine(head: string): [number, number] | undefined {
  return LEADING_KEY.exec(head)?.indices?.[1];
}
