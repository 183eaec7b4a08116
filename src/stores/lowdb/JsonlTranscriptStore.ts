import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { type TranscriptEntry, TranscriptEntrySchema } from '../../domain/model.js';
import type { TranscriptStore } from '../../domain/ports.js';
import { KeyedMutex } from '../../domain/keyedMutex.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import { isCode, syncDirectory } from './DurableFileAdapter.js';

/**
 * Transcripts as append-only JSON Lines, one file per conversation (`<sha256 of the id>.jsonl`:
 * ids may hold any character). An append writes only the new lines and fsyncs them, so it costs
 * what it adds, not what the conversation holds. Appends of one conversation keep their order and
 * a burst shares one write. A crash can leave at most a torn last line: readers skip it (counted
 * as corrupt) and the next append starts on a fresh line.
 */
export class JsonlTranscriptStore implements TranscriptStore {
  readonly #locks = new KeyedMutex();
  /** Lines waiting for the write in progress of their conversation. */
  readonly #pending = new Map<string, string[]>();
  /** Conversations whose file is known to end with a newline (checked once per process). */
  readonly #clean = new Set<string>();
  /** Open append handles of recently active conversations, least recently used first. */
  readonly #handles = new Map<string, FileHandle>();

  private constructor(
    private readonly dir: string,
    private readonly corruption: CorruptionCounter,
    private readonly assertOpen: () => void,
    private readonly maxOpenFiles = 64,
  ) {}

  static async open(dir: string, corruption: CorruptionCounter, assertOpen: () => void): Promise<JsonlTranscriptStore> {
    await mkdir(dir, { recursive: true });
    return new JsonlTranscriptStore(dir, corruption, assertOpen);
  }

  async append(entry: TranscriptEntry): Promise<void> {
    this.assertOpen();
    // Entries come typed from the conversation log; the schema guards what is read back from disk.
    const line = `${JSON.stringify(entry)}\n`;
    const id = entry.conversationId;
    const waiting = this.#pending.get(id);
    if (waiting) {
      // A write for this conversation is queued but not started: ride along with it.
      waiting.push(line);
      return this.#locks.run(id, async () => undefined);
    }
    this.#pending.set(id, [line]);
    return this.#locks.run(id, async () => {
      const lines = this.#pending.get(id) ?? [];
      this.#pending.delete(id);
      await this.#write(id, lines.join(''));
    });
  }

  async read(conversationId: string): Promise<TranscriptEntry[]> {
    return this.#locks.run(conversationId, async () => {
      let text: string;
      try {
        text = await readFile(this.fileOf(conversationId), 'utf8');
      } catch (error) {
        if (isCode(error, 'ENOENT')) return [];
        throw error;
      }
      const entries: TranscriptEntry[] = [];
      text.split('\n').forEach((line, index) => {
        if (!line.trim()) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          this.corruption.report('transcripts', `${conversationId}#${index}`, 'not JSON (a torn write?)');
          return;
        }
        const result = TranscriptEntrySchema.safeParse(parsed);
        if (result.success) entries.push(result.data);
        else this.corruption.report('transcripts', `${conversationId}#${index}`, result.error.message);
      });
      return entries;
    });
  }

  async delete(conversationId: string): Promise<boolean> {
    this.assertOpen();
    return this.#locks.run(conversationId, async () => {
      const file = this.fileOf(conversationId);
      let existed = true;
      try {
        await rm(file);
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error;
        existed = false;
      }
      this.#clean.delete(conversationId);
      await this.#handles.get(conversationId)?.close();
      this.#handles.delete(conversationId);
      if (existed) await syncDirectory(this.dir);
      return existed;
    });
  }

  /** Waits for every append in progress and closes the open files. */
  async flush(): Promise<void> {
    await Promise.all([...this.#pending.keys()].map((id) => this.#locks.run(id, async () => undefined)));
    const open = [...this.#handles];
    this.#handles.clear();
    await Promise.all(open.map(([id, handle]) => this.#locks.run(id, () => handle.close())));
  }

  fileOf(conversationId: string): string {
    const name = createHash('sha256').update(conversationId, 'utf8').digest('hex');
    return path.join(this.dir, `${name}.jsonl`);
  }

  async #write(conversationId: string, text: string): Promise<void> {
    let handle = this.#handles.get(conversationId);
    let created = false;
    if (handle) {
      this.#handles.delete(conversationId); // re-inserted below as the most recently used
    } else {
      handle = await open(this.fileOf(conversationId), 'a+');
      if (!this.#clean.has(conversationId)) {
        const { size } = await handle.stat();
        created = size === 0;
        if (size > 0) {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          if (last[0] !== 0x0a) text = `\n${text}`;
        }
      }
    }
    try {
      await handle.appendFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      throw error;
    }
    this.#handles.set(conversationId, handle);
    this.#clean.add(conversationId);
    if (created) await syncDirectory(this.dir);
    await this.#closeIdle();
  }

  /** Keeps at most maxOpenFiles handles, closing those of conversations with nothing in progress. */
  async #closeIdle(): Promise<void> {
    for (const [id, handle] of this.#handles) {
      if (this.#handles.size <= this.maxOpenFiles) return;
      if (this.#pending.has(id) || this.#locks.isLocked(id)) continue;
      this.#handles.delete(id);
      await handle.close();
    }
  }
}
