import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConcurrencyError } from '../../domain/errors.js';
import type { StateChange, StateStore, Versioned } from '../../domain/ports.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import type { JournaledShards } from './JournaledShards.js';
import { loadShards, ShardFile } from './ShardFile.js';
import { mapCodec, shardFileName, shardIndex } from './shards.js';

const StateEntrySchema = z.object({
  key: z.string(),
  value: z.record(z.string(), z.unknown()),
  eTag: z.string(),
});
type StateEntry = z.infer<typeof StateEntrySchema>;
type Shard = ShardFile<Map<string, unknown>>;

/**
 * Bot state as `{ key, value, eTag }` entries, sharded by a hash of the key like a collection.
 * A write whose expectedETag is not '*' must match the stored eTag; a key that does not exist
 * matches no eTag (so a state deleted meanwhile is not silently recreated), and `null` matches
 * only a key that does not exist (a state read as new is not written over one saved meanwhile).
 */
export class LowdbStateStore implements StateStore {
  readonly #shards: Shard[];
  readonly #corrupt = new Set<string>();

  private constructor(
    dir: string,
    shards: number,
    private readonly assertOpen: () => void,
    journal?: JournaledShards,
  ) {
    const codec = mapCodec((entry) => entry.key);
    this.#shards = Array.from(
      { length: shards },
      (_, i) => new ShardFile(path.join(dir, shardFileName(i, shards)), codec, new Map(), journal),
    );
  }

  static async open(
    dir: string,
    shards: number,
    corruption: CorruptionCounter,
    assertOpen: () => void,
    journal?: JournaledShards,
  ): Promise<LowdbStateStore> {
    await mkdir(dir, { recursive: true });
    const store = new LowdbStateStore(dir, shards, assertOpen, journal);
    await loadShards(store.#shards);
    for (const shard of store.#shards) {
      for (const [key, entry] of shard.data) {
        const result = StateEntrySchema.safeParse(entry);
        if (result.success) continue;
        store.#corrupt.add(key);
        corruption.report('state', key, `${shard.file}: ${result.error.message}`);
      }
    }
    return store;
  }

  async read(keys: string[]): Promise<Record<string, Versioned>> {
    const found: Record<string, Versioned> = {};
    for (const key of keys) {
      const entry = this.#entry(key);
      if (entry) found[key] = { value: structuredClone(entry.value), eTag: entry.eTag };
    }
    return found;
  }

  async write(changes: StateChange[]): Promise<Record<string, string>> {
    this.assertOpen();
    // Check every condition before changing anything: a write applies entirely or not at all.
    for (const { key, expectedETag } of changes) {
      if (expectedETag === undefined || expectedETag === '*') continue;
      const current = this.#entry(key)?.eTag;
      if (expectedETag === null ? current !== undefined : current !== expectedETag) throw new ConcurrencyError(key);
    }
    const touched = new Map<Shard, string[]>();
    const eTags: Record<string, string> = {};
    for (const { key, value } of changes) {
      const entry: StateEntry = { key, value: structuredClone(value), eTag: randomUUID() };
      const shard = this.#shardOf(key);
      shard.data.set(key, entry);
      this.#corrupt.delete(key);
      touched.set(shard, [...(touched.get(shard) ?? []), key]);
      eTags[key] = entry.eTag;
    }
    await Promise.all([...touched].map(([shard, keys]) => shard.save(keys)));
    return eTags;
  }

  async delete(keys: string[]): Promise<void> {
    this.assertOpen();
    const touched = new Map<Shard, string[]>();
    for (const key of keys) {
      const shard = this.#shardOf(key);
      if (shard.data.delete(key)) touched.set(shard, [...(touched.get(shard) ?? []), key]);
      this.#corrupt.delete(key);
    }
    await Promise.all([...touched].map(([shard, removed]) => shard.save(removed)));
  }

  async flush(): Promise<void> {
    await Promise.all(this.#shards.map((shard) => shard.flush()));
  }

  #shardOf(key: string): Shard {
    return this.#shards[shardIndex(key, this.#shards.length)]!;
  }

  #entry(key: string): StateEntry | undefined {
    if (this.#corrupt.has(key)) return undefined;
    return this.#shardOf(key).data.get(key) as StateEntry | undefined;
  }
}
