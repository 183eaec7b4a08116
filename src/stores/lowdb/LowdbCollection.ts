import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { Collection, Page, Query, Where } from '../../domain/ports.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import type { JournaledShards } from './JournaledShards.js';
import { LRUCache } from 'lru-cache';
import { DiskShard, type RecordCache } from './DiskShard.js';
import { loadShards, ShardFile } from './ShardFile.js';
import { checkLimit, decodeCursor, encodeCursor, sortKey } from '../../domain/cursor.js';
import { matchesWhere, queryRecords } from './queryRecords.js';
import { mapCodec, shardFileName, shardIndex } from './shards.js';

export interface LowdbCollectionOptions<T> {
  /** Directory holding this collection's shard files. */
  dir: string;
  /** Used in error and corruption reports. */
  name: string;
  schema: z.ZodType<T>;
  shards: number;
  corruption: CorruptionCounter;
  /** Throws when the store has been closed. */
  assertOpen: () => void;
  /**
   * Fields `findBy` answers from an in-memory index rather than a scan: string fields, and arrays
   * of strings (a record is found by any of its elements).
   */
  indexes?: readonly (keyof T & string)[];
  /** The store's journal: changes are journaled (group commit) and shards rewritten at checkpoints. */
  journal?: JournaledShards;
  /**
   * Keep the records on disk (DiskShard, with the journal), with at most this many recent ones
   * in memory besides those changed since the last checkpoint; indexes stay in memory. Scans
   * (`query`, `count`, `findBy` on a field without an index) then read the shard files.
   */
  cached?: number;
}

interface Candidate {
  key: string;
  id: string;
  shard: number;
  record?: unknown;
  packed?: number;
}

/** What the collection needs of a shard: ShardFile (everything in memory) or DiskShard. */
interface Shard {
  readonly file: string;
  get(key: string): unknown;
  set(key: string, value: unknown, json?: string): void;
  delete(key: string): boolean;
  entries(): Iterable<[string, unknown]>;
  save(keys: string[]): Promise<void>;
  load(onRecord?: (key: string, record: unknown) => void): Promise<void>;
  reloadIfChanged(onRecord?: (key: string, record: unknown) => void): Promise<boolean>;
  flush(): Promise<void>;
}

/**
 * A collection kept in memory and persisted to `shards` JSON files chosen by a hash of the id, so a
 * write rewrites about 1/shards of the collection. Every shard is loaded and validated at open;
 * records failing the schema stay on disk but are invisible (and counted). Indexed fields map each
 * value to the ids holding it, kept with every write, so a look-up costs what it finds.
 */
export class LowdbCollection<T extends { id: string }> implements Collection<T> {
  readonly #shards: Shard[];
  readonly #corrupt = new Set<string>();
  /** Per indexed field, each value's id (one) or ids: most values belong to one record. */
  readonly #indexes = new Map<string, Map<string, string | Set<string>>>();

  private constructor(private readonly options: LowdbCollectionOptions<T>) {
    const codec = mapCodec((record) => record.id);
    const { journal, cached } = options;
    const cache: RecordCache | undefined =
      journal && cached !== undefined ? new LRUCache({ max: Math.max(1, cached) }) : undefined;
    this.#shards = Array.from({ length: options.shards }, (_, i): Shard => {
      const file = path.join(options.dir, shardFileName(i, options.shards));
      return cache ? new DiskShard(file, (record) => record.id, cache, journal!) : new ShardFile(file, codec, new Map(), journal);
    });
    for (const field of options.indexes ?? []) this.#indexes.set(field, new Map());
  }

  static async open<T extends { id: string }>(options: LowdbCollectionOptions<T>): Promise<LowdbCollection<T>> {
    await mkdir(options.dir, { recursive: true });
    const collection = new LowdbCollection(options);
    await loadShards(collection.#shards, collection.#take);
    return collection;
  }

  async get(id: string): Promise<T | undefined> {
    const record = this.#current(id);
    return record && structuredClone(record);
  }

  async findBy(field: keyof T & string, value: string): Promise<T[]> {
    const where = { [field]: value } as Where<never>;
    const index = this.#indexes.get(field);
    if (index) {
      const found: T[] = [];
      const ids = index.get(value);
      for (const id of typeof ids === 'string' ? [ids] : (ids ?? [])) {
        const record = this.#current(id);
        if (record && matchesWhere(record, where)) found.push(structuredClone(record));
      }
      return found;
    }
    return [...this.#records()].filter((record) => matchesWhere(record, where)).map((r) => structuredClone(r));
  }

  async put(record: T): Promise<void> {
    this.options.assertOpen();
    const checked = this.#check(record);
    await this.#store(checked, JSON.stringify(checked));
  }

  async update(id: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    this.options.assertOpen();
    // Read, change and store without awaiting in between: that alone serializes updates of one id.
    const current = this.#current(id);
    const next = change(current && structuredClone(current));
    if (next === undefined) return current && structuredClone(current);
    if (next.id !== id) throw new ValidationError(`${this.options.name}: update must keep the id "${id}"`);
    const checked = this.#check(next);
    // An update that changes nothing is no write: the record is already as asked.
    const json = JSON.stringify(checked);
    if (current && JSON.stringify(current) === json) return structuredClone(checked);
    await this.#store(checked, json);
    return structuredClone(checked);
  }

  async delete(id: string): Promise<boolean> {
    this.options.assertOpen();
    const shard = this.#shardOf(id);
    const old = shard.get(id);
    if (!shard.delete(id)) return false;
    this.#unindex(id, old);
    this.#corrupt.delete(id);
    await shard.save([id]);
    return true;
  }

  async query(query: Query<T> = {}): Promise<Page<T>> {
    if (query.orderBy && this.#shards[0] instanceof DiskShard) return this.#queryOnDisk(query, query.orderBy);
    const page = queryRecords(this.#records(), query);
    return { ...page, items: page.items.map((r) => structuredClone(r)) };
  }

  async count(where?: Where<T>): Promise<number> {
    if (!where || Object.values(where).every((v) => v === undefined)) {
      let all = 0;
      for (const shard of this.#shards) if (shard instanceof DiskShard) all += shard.size;
      if (this.#shards[0] instanceof DiskShard) return all - this.#corrupt.size;
    }
    let count = 0;
    for (const record of this.#records()) if (matchesWhere(record, where as Where<never>)) count += 1;
    return count;
  }

  /**
   * A query ordered by a field, over records on disk: each record's sort key is read from its
   * line where it shows there plainly (a string field named once in the line), so only the
   * records in range are parsed, in order, until the page is full — not every record on disk.
   * The same results as queryRecords.
   */
  #queryOnDisk(query: Query<T>, orderBy: keyof T & string): Page<T> {
    const { from, to } = query;
    const limit = checkLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const direction = query.descending ? -1 : 1;
    const quick = this.#required(orderBy) ? orderBy : undefined;
    const keyOf = (record: unknown): string => sortKey((record as Record<string, unknown>)[orderBy]);
    const order = (a: Candidate, b: Candidate): number =>
      (a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.id === b.id ? 0 : a.id < b.id ? -1 : 1) * direction;
    const candidates: Candidate[] = [];
    this.#shards.forEach((shard, n) => {
      for (const row of (shard as DiskShard).rows(quick)) {
        if (this.#corrupt.has(row.key)) continue;
        let record = row.value;
        let key = row.field;
        if (key === undefined) {
          record ??= (shard as DiskShard).read(row.packed!);
          key = keyOf(record);
        }
        if (from !== undefined && key < from) continue;
        if (to !== undefined && key >= to) continue;
        const candidate: Candidate = { key, id: row.key, shard: n, record, packed: row.packed };
        if (after && order(candidate, { key: after.key, id: after.id, shard: -1 }) <= 0) continue;
        candidates.push(candidate);
      }
    });
    candidates.sort(order);
    const where = query.where as Where<never> | undefined;
    const items: T[] = [];
    for (const candidate of candidates) {
      const record = (candidate.record ?? (this.#shards[candidate.shard] as DiskShard).read(candidate.packed!)) as T;
      if (!matchesWhere(record, where)) continue;
      items.push(record === candidate.record ? structuredClone(record) : record);
      if (limit !== undefined && items.length > limit) break;
    }
    if (limit === undefined || items.length <= limit) return { items };
    const page = items.slice(0, limit);
    const last = page[page.length - 1]!;
    return { items: page, next: encodeCursor({ key: keyOf(last), id: last.id }) };
  }

  /** True when the schema requires the top-level field (so every valid record names it at the top). */
  #required(field: string): boolean {
    const shape = (this.options.schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
    return shape?.[field] !== undefined && !shape[field].safeParse(undefined).success;
  }

  /** Takes in changes another process (the staff command line) made to the files since they were read. */
  async refresh(): Promise<void> {
    const changed = await Promise.all(this.#shards.map((shard) => shard.reloadIfChanged()));
    if (!changed.some(Boolean)) return;
    this.#corrupt.clear();
    for (const index of this.#indexes.values()) index.clear();
    for (const shard of this.#shards) for (const [id, record] of shard.entries()) this.#take(id, record);
  }

  /** Waits for every pending write of this collection. */
  async flush(): Promise<void> {
    await Promise.all(this.#shards.map((shard) => shard.flush()));
  }

  #shardOf(id: string): Shard {
    return this.#shards[shardIndex(id, this.#shards.length)]!;
  }

  #current(id: string): T | undefined {
    if (this.#corrupt.has(id)) return undefined;
    return this.#shardOf(id).get(id) as T | undefined;
  }

  *#records(): Iterable<T> {
    for (const shard of this.#shards) {
      for (const [id, record] of shard.entries()) if (!this.#corrupt.has(id)) yield record as T;
    }
  }

  #check(record: T): T {
    const result = this.options.schema.safeParse(record);
    if (!result.success) {
      const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new ValidationError(`${this.options.name}: invalid record "${String(record?.id)}"`, issues);
    }
    // The parsed copy strips unknown keys; cloning detaches nested unknown values from the caller.
    return structuredClone(result.data);
  }

  #store(record: T, json: string): Promise<void> {
    const shard = this.#shardOf(record.id);
    if (this.#indexes.size > 0) this.#unindex(record.id, shard.get(record.id));
    shard.set(record.id, record, json);
    this.#corrupt.delete(record.id);
    this.#index(record.id, record);
    return shard.save([record.id]);
  }

  /** The string values of `field` in a record: itself, or the strings of an array. */
  static #valuesOf(record: unknown, field: string): string[] {
    const value = record && typeof record === 'object' ? (record as Record<string, unknown>)[field] : undefined;
    if (typeof value === 'string') return [value];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }

  #index(id: string, record: unknown): void {
    for (const [field, index] of this.#indexes) {
      for (const value of LowdbCollection.#valuesOf(record, field)) {
        const ids = index.get(value);
        if (ids === undefined || ids === id) index.set(value, id);
        else if (typeof ids === 'string') index.set(value, new Set([ids, id]));
        else ids.add(id);
      }
    }
  }

  #unindex(id: string, record: unknown): void {
    if (record === undefined) return;
    for (const [field, index] of this.#indexes) {
      for (const value of LowdbCollection.#valuesOf(record, field)) {
        const ids = index.get(value);
        if (ids === id) index.delete(value);
        else if (typeof ids === 'object') {
          ids.delete(id);
          if (ids.size === 1) index.set(value, ids.values().next().value!);
        }
      }
    }
  }

  /** A record as loaded: validated (a failing one is hidden and counted) and indexed. */
  readonly #take = (id: string, record: unknown): void => {
    const result = this.options.schema.safeParse(record);
    if (!result.success) {
      this.#corrupt.add(id);
      this.options.corruption.report(this.options.name, id, `${this.#shardOf(id).file}: ${result.error.message}`);
    }
    this.#index(id, record);
  };
}
