import { createHash } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type TranscriptEntry, TranscriptEntrySchema } from '../../domain/model.js';
import type { TranscriptStore } from '../../domain/ports.js';
import { KeyedMutex } from '../KeyedMutex.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import { syncDirectory, tempFileOf } from './DurableFileAdapter.js';
import { ShardFile } from './ShardFile.js';

interface TranscriptDoc {
  conversationId: string;
  entries: unknown[];
}

interface Cached {
  file: ShardFile<TranscriptDoc>;
  /** Positions of entries that failed the schema at load: kept on disk, never returned. */
  invalid: Set<number>;
}

const codec = {
  parse(text: string): TranscriptDoc {
    const doc = JSON.parse(text) as Partial<TranscriptDoc>;
    if (typeof doc !== 'object' || doc === null || !Array.isArray(doc.entries)) {
      throw new Error('a transcript file must hold { conversationId, entries: [] }');
    }
    return doc as TranscriptDoc;
  },
  stringify: (doc: TranscriptDoc) => JSON.stringify(doc),
};

/**
 * One file per conversation, `<sha256 of the id>.json` (ids may hold any character, and hex
 * names are safe on case-insensitive file systems too). Files are loaded on first use and kept
 * in a small cache; every operation on one conversation runs under a per-conversation lock, so
 * appends keep their order and a delete cannot interleave with a load.
 */
export class LowdbTranscriptStore implements TranscriptStore {
  readonly #cache = new Map<string, Cached>();
  readonly #locks = new KeyedMutex();

  private constructor(
    private readonly dir: string,
    private readonly corruption: CorruptionCounter,
    private readonly assertOpen: () => void,
    private readonly cacheSize: number,
  ) {}

  static async open(
    dir: string,
    corruption: CorruptionCounter,
    assertOpen: () => void,
    cacheSize = 1000,
  ): Promise<LowdbTranscriptStore> {
    await mkdir(dir, { recursive: true });
    return new LowdbTranscriptStore(dir, corruption, assertOpen, cacheSize);
  }

  async append(entry: TranscriptEntry): Promise<void> {
    this.assertOpen();
    const checked = structuredClone(TranscriptEntrySchema.parse(entry));
    const committed = await this.#locks.run(entry.conversationId, async () => {
      const { file } = await this.#load(entry.conversationId);
      file.data.entries.push(checked);
      // Waiting for the write happens outside the lock, so appends of a burst share writes.
      return { done: file.commit() };
    });
    await committed.done;
  }

  async read(conversationId: string): Promise<TranscriptEntry[]> {
    return this.#locks.run(conversationId, async () => {
      const { file, invalid } = await this.#load(conversationId);
      const valid = file.data.entries.filter((_, index) => !invalid.has(index)) as TranscriptEntry[];
      return structuredClone(valid);
    });
  }

  async delete(conversationId: string): Promise<boolean> {
    this.assertOpen();
    return this.#locks.run(conversationId, async () => {
      const { file } = await this.#load(conversationId);
      const existed = file.data.entries.length > 0;
      await file.flush();
      this.#cache.delete(conversationId);
      await rm(file.file, { force: true });
      await rm(tempFileOf(file.file), { force: true });
      await syncDirectory(this.dir);
      return existed;
    });
  }

  async flush(): Promise<void> {
    await Promise.all([...this.#cache.values()].map(({ file }) => file.flush()));
  }

  fileOf(conversationId: string): string {
    const name = createHash('sha256').update(conversationId, 'utf8').digest('hex');
    return path.join(this.dir, `${name}.json`);
  }

  async #load(conversationId: string): Promise<Cached> {
    const cached = this.#cache.get(conversationId);
    if (cached) {
      // Re-insert: the Map's order is the eviction order (least recently used first).
      this.#cache.delete(conversationId);
      this.#cache.set(conversationId, cached);
      return cached;
    }
    const file = new ShardFile<TranscriptDoc>(this.fileOf(conversationId), codec, { conversationId, entries: [] });
    await file.load();
    const invalid = new Set<number>();
    file.data.entries.forEach((entry, index) => {
      const result = TranscriptEntrySchema.safeParse(entry);
      if (result.success) return;
      invalid.add(index);
      this.corruption.report('transcripts', `${conversationId}#${index}`, result.error.message);
    });
    const loaded = { file, invalid };
    this.#cache.set(conversationId, loaded);
    this.#evict();
    return loaded;
  }

  #evict(): void {
    for (const [id, { file }] of this.#cache) {
      if (this.#cache.size <= this.cacheSize) return;
      if (file.idle && !this.#locks.isLocked(id)) this.#cache.delete(id);
    }
  }
}
