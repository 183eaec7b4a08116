import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open, readFile, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LRUCache } from 'lru-cache';
import { AppError } from '../../domain/errors.js';
import { isCode, syncDirectory, tempFileOf } from './DurableFileAdapter.js';
import type { JournaledShards } from './JournaledShards.js';
import { GroupCommit } from './groupCommit.js';

/**
 * Where a record's JSON is in its file, as one number. Most records (under 2 KB, in the first
 * 1 MB of their file) as offset × 2^11 + length: under 2^31, so V8 keeps it inside the index's
 * slot (a small integer) rather than as a heap number of its own — 16 bytes less per record, 6 MB
 * at 200,000 conversations with their bot state. The others as −(offset × 2^24 + length) − 1
 * (records under 16 MB, shard files under 512 MB).
 */
const SMALL = 2 ** 11;
const SPAN = 2 ** 24;
const pack = (offset: number, length: number): number => {
  if (length < SMALL && offset < 2 ** 20) return offset * SMALL + length;
  if (length >= SPAN || offset >= 2 ** 29)
    throw new AppError('storage_limit', 'a record or shard file is too large for its index');
  return -(offset * SPAN + length) - 1;
};
const offsetOf = (packed: number): number => (packed >= 0 ? Math.floor(packed / SMALL) : Math.floor((-packed - 1) / SPAN));
const lengthOf = (packed: number): number => (packed >= 0 ? packed % SMALL : (-packed - 1) % SPAN);

/** Recently used records of one store (all its shards), by key. */
export type RecordCache = LRUCache<string, { value: unknown }>;

interface Unsaved {
  /** undefined: removed. */
  value: unknown;
  /** Its JSON, made once (for the journal line and again for the file). */
  json: string | undefined;
  seq: number;
}

/**
 * One shard file whose records stay on disk. The file is a JSON array with one record per line
 * (`[\n{…},\n{…}\n]\n`), so any JSON reader still reads it; in memory are only where each record's
 * line is (key → offset and length), the records changed since the last checkpoint (they are in
 * the journal, not yet in the file), and a bounded cache of recent records shared by the store's
 * shards. A record is read from the file on first use (one positioned read of its line).
 *
 * The file is rewritten at the journal's checkpoints: the unchanged records' lines are copied
 * byte for byte from the old file, the changed ones written from their JSON, into a temporary file
 * that is fsynced and renamed over the old one. During a rewrite, reads go through a descriptor
 * of the old file until the index describing the new one is swapped in, in the same tick.
 *
 * A file written whole by the earlier layout (`[{…},{…}]` on one line) is read whole once and its
 * records kept as changes, so the next checkpoint rewrites it in this layout.
 */
export class DiskShard {
  #index = new Map<string, number>();
  readonly #unsaved = new Map<string, Unsaved>();
  #seq = 0;
  /** During a rewrite, a descriptor of the file `#index` still describes (the old one). */
  #fd: number | undefined;
  #seen: number | undefined;
  readonly #commits = new GroupCommit<undefined>(
    () => undefined,
    () => this.#write(),
  );
  readonly #name: string;

  constructor(
    readonly file: string,
    private readonly keyOf: (record: Record<string, unknown>) => unknown,
    private readonly cache: RecordCache,
    private readonly journal: JournaledShards,
    /** Values are the records' JSON text (read from the file as it is), not parsed records. */
    private readonly raw = false,
    /**
     * Where the key of a line is in its first characters (read as Latin-1), when it shows there
     * as plain ASCII (undefined: the line is parsed). Such lines are indexed without being parsed,
     * and not handed to `onRecord` at load: the store checks them when it reads them.
     */
    private readonly keyOfLine?: (head: string) => [from: number, to: number] | undefined,
  ) {
    this.#name = journal.attach(this);
  }

  /** Records in the shard (changes included). */
  get size(): number {
    let size = this.#index.size;
    for (const [key, { value }] of this.#unsaved) {
      const onDisk = this.#index.has(key);
      if (value === undefined && onDisk) size--;
      else if (value !== undefined && !onDisk) size++;
    }
    return size;
  }

  /**
   * Reads the file's index (each record parsed once, handed to `onRecord` to validate or index,
   * then dropped) and applies what earlier journals hold for the shard. `onRecord` sees each
   * record as it now is: the file's, or the journal's when it changed it.
   */
  async load(onRecord?: (key: string, record: unknown) => void): Promise<void> {
    const before = await this.#mtime();
    for (const entry of this.journal.replayOf(this.#name, this)) {
      if (entry.deleted) this.#set(entry.key, undefined, undefined);
      else {
        const json = this.raw ? JSON.stringify(entry.value) : undefined;
        this.#set(entry.key, json ?? entry.value, json);
      }
    }
    let text: Buffer | undefined;
    try {
      text = await readFile(this.file);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    const index = new Map<string, number>();
    let legacy = false;
    if (text && text.length > 0) {
      try {
        legacy = this.#scan(text, index, (key, record, whole) => {
          // Changes journaled (or made here since the last checkpoint) are newer than the file.
          if (this.#unsaved.has(key)) return;
          if (!whole) onRecord?.(key, record);
          else {
            const json = this.raw ? JSON.stringify(record) : undefined;
            this.#set(key, json ?? record, json);
          }
        });
      } catch (cause) {
        // Refuse to open rather than overwrite a file we cannot read with the next write.
        throw new AppError('storage_corrupt', `cannot parse ${this.file}`, { cause });
      }
    }
    this.#index = legacy ? new Map() : index;
    this.#seen = before;
    // The earlier layout's records are now changes: the next checkpoint writes them line by line.
    if (legacy) this.journal.markDirty(this);
    if (onRecord) {
      for (const [key, { value }] of this.#unsaved) {
        if (value !== undefined) onRecord(key, this.raw ? JSON.parse(value as string) : value);
      }
    }
  }

  /** Indexes the file; true when it is in the earlier layout (then every record goes to `found`). */
  #scan(text: Buffer, index: Map<string, number>, found: (key: string, record: unknown, whole: boolean) => void): boolean {
    const keyed = (record: unknown, n: number): string => {
      const key = record && typeof record === 'object' ? this.keyOf(record as Record<string, unknown>) : undefined;
      // A record without a usable key is kept under a key no caller can produce, so it is
      // preserved on disk (and reported as corrupt) instead of silently dropped.
      return typeof key === 'string' ? key : `\u0000unkeyed:${n}`;
    };
    if (text[0] !== 0x5b || text[1] !== 0x0a) {
      // The earlier layout: the whole array on one line.
      const parsed: unknown = JSON.parse(text.toString('utf8'));
      if (!Array.isArray(parsed)) throw new Error('a shard file must hold a JSON array');
      parsed.forEach((record: unknown, i) => found(keyed(record, i), record, true));
      return parsed.length > 0;
    }
    let start = 2;
    let n = 0;
    while (start < text.length) {
      let end = text.indexOf(0x0a, start);
      if (end < 0) end = text.length;
      let stop = end;
      if (text[stop - 1] === 0x2c) stop--;
      if (stop > start && !(stop - start === 1 && text[start] === 0x5d)) {
        const quick = this.keyOfLine?.(text.toString('latin1', start, Math.min(stop, start + HEAD)));
        if (quick !== undefined) {
          // Its own string, not a slice of the line (which would keep the line in memory).
          index.set(text.toString('latin1', start + quick[0], start + quick[1]), pack(start, stop - start));
          n++;
          start = end + 1;
          continue;
        }
        const record: unknown = JSON.parse(text.toString('utf8', start, stop));
        const key = keyed(record, n++);
        index.set(key, pack(start, stop - start));
        found(key, record, false);
      }
      start = end + 1;
    }
    return false;
  }

  get(key: string): unknown {
    const change = this.#unsaved.get(key);
    if (change) return change.value;
    const cached = this.cache.get(key);
    if (cached) return cached.value;
    const packed = this.#index.get(key);
    if (packed === undefined) return undefined;
    const text = this.#reading((fd) => readAt(fd, packed, this.file));
    const value: unknown = this.raw ? text : JSON.parse(text);
    this.cache.set(key, { value });
    return value;
  }

  has(key: string): boolean {
    const change = this.#unsaved.get(key);
    return change ? change.value !== undefined : this.#index.has(key);
  }

  /** Sets a record in memory (made durable by `save`); `json`: its JSON if the caller has it. */
  set(key: string, value: unknown, json?: string): void {
    this.#set(key, value, this.raw ? (value as string) : json);
  }

  delete(key: string): boolean {
    if (!this.has(key)) return false;
    this.#set(key, undefined, undefined);
    return true;
  }

  /** Every record (read from the file, changes applied), for scans. */
  *entries(): Generator<[string, unknown]> {
    const text = this.#index.size > 0 ? this.#reading(readAll) : undefined;
    for (const [key, packed] of this.#index) {
      if (this.#unsaved.has(key)) continue;
      const cached = this.cache.peek(key);
      const start = offsetOf(packed);
      if (cached) yield [key, cached.value];
      else {
        const line = text!.toString('utf8', start, start + lengthOf(packed));
        yield [key, this.raw ? line : JSON.parse(line)];
      }
    }
    for (const [key, { value }] of this.#unsaved) if (value !== undefined) yield [key, value];
  }

  /**
   * Every record for a scan that may not need to parse it: a record in memory as its value, one
   * only in the file as its position (`read` parses it, while nothing has changed the shard
   * since: call it in the same tick) and, given `field` (a required top-level field), that
   * field's string value read from the line when it shows there plainly: named once in the line
   * (so not also in a nested object), without escapes.
   */
  *rows(field?: string): Generator<{ key: string; value?: unknown; packed?: number; field?: string }> {
    const text = this.#index.size > 0 ? this.#reading(readAll) : undefined;
    const head = field === undefined ? undefined : Buffer.from(`${JSON.stringify(field)}:"`);
    for (const [key, packed] of this.#index) {
      if (this.#unsaved.has(key)) continue;
      const cached = this.cache.peek(key);
      if (cached) yield { key, value: cached.value };
      else yield { key, packed, field: head && plainField(text!, offsetOf(packed), offsetOf(packed) + lengthOf(packed), head) };
    }
    for (const [key, { value }] of this.#unsaved) if (value !== undefined) yield { key, value };
  }

  /** The record at a position `rows` gave. */
  read(packed: number): unknown {
    const text = this.#reading((fd) => readAt(fd, packed, this.file));
    return this.raw ? text : JSON.parse(text);
  }

  /** Journals the current values of `keys` (absent: removed); resolves once durable. */
  save(keys: string[]): Promise<void> {
    return this.journal.record(
      this,
      this.#name,
      keys.map((key) => {
        const change = this.#unsaved.get(key);
        if (change && change.value !== undefined) change.json ??= JSON.stringify(change.value);
        return { key, json: change?.json };
      }),
    );
  }

  /** Writes the file with every change so far (the journal's checkpoint). */
  commit(): Promise<void> {
    return this.#commits.submit();
  }

  get idle(): boolean {
    return this.#commits.idle;
  }

  async flush(): Promise<void> {
    await this.#commits.flush();
  }

  /** Reads the file again when another process changed it (and nothing waits to be written here). */
  async reloadIfChanged(onRecord?: (key: string, record: unknown) => void): Promise<boolean> {
    if (!this.idle) return false;
    const now = await this.#mtime();
    if (now === this.#seen) return false;
    for (const key of this.#index.keys()) this.cache.delete(key);
    await this.load(onRecord);
    return true;
  }

  #set(key: string, value: unknown, json: string | undefined): void {
    this.#unsaved.set(key, { value, json, seq: ++this.#seq });
    this.cache.delete(key);
  }

  /** Runs a read on the file the index describes. */
  #reading<R>(read: (fd: number) => R): R {
    if (this.#fd !== undefined) return read(this.#fd);
    const fd = openSync(this.file, 'r');
    try {
      return read(fd);
    } finally {
      closeSync(fd);
    }
  }

  async #mtime(): Promise<number | undefined> {
    try {
      return (await stat(this.file)).mtimeMs;
    } catch {
      return undefined;
    }
  }

  /** One rewrite of the file: unchanged lines copied, changed ones from their JSON. */
  async #write(): Promise<void> {
    const upTo = this.#seq;
    // Hold the old file open until the index describes the new one.
    if (this.#index.size > 0) this.#fd = openSync(this.file, 'r');
    try {
      await this.#rewrite(upTo);
    } finally {
      if (this.#fd !== undefined) closeSync(this.#fd);
      this.#fd = undefined;
    }
    this.#seen = await this.#mtime();
  }

  async #rewrite(upTo: number): Promise<void> {
    const old = this.#fd === undefined ? undefined : readAll(this.#fd);
    const parts: Buffer[] = [Buffer.from('[\n')];
    const index = new Map<string, number>();
    let offset = 2;
    const add = (key: string, line: Buffer): void => {
      if (index.size > 0) {
        parts.push(COMMA);
        offset += 2;
      }
      parts.push(line);
      index.set(key, pack(offset, line.length));
      offset += line.length;
    };
    for (const [key, packed] of this.#index) {
      if (this.#unsaved.has(key)) continue;
      const start = offsetOf(packed);
      add(key, old!.subarray(start, start + lengthOf(packed)));
    }
    const written: [string, Unsaved][] = [];
    for (const [key, change] of this.#unsaved) {
      written.push([key, change]);
      if (change.value === undefined) continue;
      change.json ??= JSON.stringify(change.value);
      add(key, Buffer.from(change.json));
    }
    parts.push(Buffer.from(index.size > 0 ? '\n]\n' : ']\n'));
    const temp = tempFileOf(this.file);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(Buffer.concat(parts));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
    await syncDirectory(path.dirname(this.file));
    // From here reads open the new file: until now they used the old one's descriptor.
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    this.#index = index;
    for (const [key, change] of written) {
      if (change.seq > upTo || this.#unsaved.get(key) !== change) continue;
      this.#unsaved.delete(key);
      // A record just written is likely in use: keep it at hand.
      if (change.value !== undefined) this.cache.set(key, { value: change.value });
    }
  }
}

const COMMA = Buffer.from(',\n');
/** How much of a line `keyOfLine` sees. */
const HEAD = 512;

function readAt(fd: number, packed: number, file: string): string {
  const length = lengthOf(packed);
  const buffer = Buffer.allocUnsafe(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, offsetOf(packed) + read);
    if (n === 0) throw new AppError('storage_corrupt', `${file} is shorter than its index`);
    read += n;
  }
  return buffer.toString('utf8');
}

function readAll(fd: number): Buffer {
  const buffer = Buffer.allocUnsafe(fstatSync(fd).size);
  let read = 0;
  while (read < buffer.length) {
    const n = readSync(fd, buffer, read, buffer.length - read, read);
    if (n === 0) return buffer.subarray(0, read);
    read += n;
  }
  return buffer;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The string after `head` (`"field":"`) in text[start, end), if `head` occurs there once and the string has no escapes. */
function plainField(text: Buffer, start: number, end: number, head: Buffer): string | undefined {
  const at = text.indexOf(head, start);
  if (at < 0 || at >= end) return undefined;
  const from = at + head.length;
  let to = from;
  while (to < end && text[to] !== QUOTE) {
    if (text[to] === BACKSLASH) return undefined;
    to++;
  }
  if (to >= end) return undefined;
  // Named again later in the line (with any value): it may be nested; parse instead.
  const again = text.indexOf(head.subarray(0, head.length - 1), to);
  if (again >= 0 && again < end) return undefined;
  return text.toString('utf8', from, to);
}
