import { stat } from 'node:fs/promises';
import { Low } from 'lowdb';
import { type Codec, DurableFileAdapter } from './DurableFileAdapter.js';
import type { JournaledShards } from './JournaledShards.js';
import { GroupCommit } from './groupCommit.js';

/**
 * One JSON file held in memory (lowdb's `Low`) with serialized, coalesced writes.
 *
 * Callers change `data` synchronously and then call `commit()`. Writes never overlap; changes
 * committed while a write is running are gathered into the next one, so a burst costs one or two
 * writes. Each `commit()` resolves only after a write that includes its change is durable, or
 * rejects if that write fails — the change then stays in memory and goes out with the next write
 * (its outcome is unknown, as with a database timeout).
 */
export class ShardFile<T> {
  readonly #low: Low<T>;
  readonly #commits = new GroupCommit<undefined>(
    () => undefined,
    () => this.#write(),
  );
  /** Modification time of the file as this process last read or wrote it. */
  #seen: number | undefined;
  /** With a journal: its name for this shard, and changes journaled but not yet in the file. */
  readonly #journal: { shards: JournaledShards; name: string } | undefined;
  readonly #unsaved = new Map<string, { value: unknown; seq: number }>();
  /** The JSON of records set since their last `save`, when the caller made it. */
  readonly #json = new Map<string, string>();
  #seq = 0;

  constructor(file: string, codec: Codec<T>, empty: T, journal?: JournaledShards) {
    this.#low = new Low(new DurableFileAdapter(file, codec), empty);
    if (journal) this.#journal = { shards: journal, name: journal.attach(this) };
  }

  get #map(): Map<string, unknown> {
    return this.#low.data as unknown as Map<string, unknown>;
  }

  /**
   * Makes the current values of `keys` durable (a key no longer in the map: its removal). With a
   * journal, one line each in the journal's next group commit; without, a rewrite of the file.
   */
  save(keys: string[]): Promise<void> {
    if (!this.#journal) return this.commit();
    const changes = keys.map((key) => {
      const value = this.#map.get(key);
      this.#unsaved.set(key, { value, seq: ++this.#seq });
      const json = value === undefined ? undefined : (this.#json.get(key) ?? JSON.stringify(value));
      this.#json.delete(key);
      return { key, json };
    });
    return this.#journal.shards.record(this, this.#journal.name, changes);
  }

  get data(): T {
    return this.#low.data;
  }

  get(key: string): unknown {
    return this.#map.get(key);
  }

  has(key: string): boolean {
    return this.#map.has(key);
  }

  /** Sets a record in memory (made durable by `save`); `json`: its JSON if the caller has it. */
  set(key: string, value: unknown, json?: string): void {
    this.#map.set(key, value);
    if (json !== undefined) this.#json.set(key, json);
    else this.#json.delete(key);
  }

  delete(key: string): boolean {
    this.#json.delete(key);
    return this.#map.delete(key);
  }

  entries(): Iterable<[string, unknown]> {
    return this.#map.entries();
  }

  get file(): string {
    return (this.#low.adapter as DurableFileAdapter<T>).file;
  }

  /** True when no write is running or queued. */
  get idle(): boolean {
    return this.#commits.idle;
  }

  /** Reads the file and what the journals hold for it; `onRecord` then sees every record. */
  async load(onRecord?: (key: string, record: unknown) => void): Promise<void> {
    const before = await this.#mtime();
    await this.#low.read();
    this.#seen = before;
    if (!this.#journal) return;
    for (const entry of this.#journal.shards.replayOf(this.#journal.name, this)) {
      if (entry.deleted) this.#map.delete(entry.key);
      else this.#map.set(entry.key, entry.value);
    }
    // What this process journaled since its last checkpoint is newer than the file another one wrote.
    for (const [key, { value }] of this.#unsaved) {
      if (value === undefined) this.#map.delete(key);
      else this.#map.set(key, value);
    }
    if (onRecord) for (const [key, record] of this.#map) onRecord(key, record);
  }

  /**
   * Reads the file again when another process changed it since this one last read or wrote it
   * (and nothing is waiting to be written here). Returns true when it did.
   */
  async reloadIfChanged(onRecord?: (key: string, record: unknown) => void): Promise<boolean> {
    if (!this.idle) return false;
    const now = await this.#mtime();
    if (now === this.#seen) return false;
    await this.load(onRecord);
    return true;
  }

  async #mtime(): Promise<number | undefined> {
    try {
      return (await stat(this.file)).mtimeMs;
    } catch {
      return undefined;
    }
  }

  commit(): Promise<void> {
    return this.#commits.submit();
  }

  /** Waits until every committed change has been written (or has failed to be). */
  async flush(): Promise<void> {
    await this.#commits.flush();
  }

  /** One write of the whole file; the changes it carries are then no longer unsaved. */
  async #write(): Promise<void> {
    // The file is stringified synchronously as the write starts: every change up to `upTo` is in it.
    const upTo = this.#seq;
    await this.#low.write();
    for (const [key, change] of this.#unsaved) if (change.seq <= upTo) this.#unsaved.delete(key);
    this.#seen = await this.#mtime();
  }
}

/**
 * Loads shard files a few at a time: reading them all at once holds every file's text and its
 * parse at the same moment, which sets the process's peak memory (and so its RSS) for good.
 */
export async function loadShards<O>(
  shards: readonly { load(onRecord?: O): Promise<void> }[],
  onRecord?: O,
  atOnce = 4,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < shards.length) await shards[next++]!.load(onRecord);
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, shards.length) }, worker));
}
