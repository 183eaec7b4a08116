import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './DurableFileAdapter.js';
import { GroupCommit } from './groupCommit.js';

/**
 * One change: `value` set under `key` in the shard file `shard` (or the key removed); or, for an
 * append-only segment file `segment`, a line added or a conversation's lines erased.
 */
export type JournalEntry =
  | {
      /** The shard file, relative to the store directory (e.g. `customers/07.json`). */
      shard: string;
      key: string;
      value?: unknown;
      deleted?: true;
    }
  | { segment: string; line: string }
  /** A segment line as the parsed object (written as its JSON, not as an escaped string). */
  | { segment: string; text: object }
  | { segment: string; erase: string };

const PREFIX = 'journal-';

/**
 * The embedded store's write-ahead log, with group commit. A change is appended as one JSON line;
 * every change that arrives while an fsync is running waits for the next one, so a burst of turns
 * shares one write and one fsync, and each change is acknowledged only once that fsync is done.
 * Shard files are rewritten only at a checkpoint (`rotate` then the dirty shards, then `discard`),
 * not on every change. A crash can leave a torn last line: replay skips it (it was never
 * acknowledged). Files are named `journal-<process token>-<sequence>.jsonl` and replayed in order.
 */
export class Journal {
  #handle: FileHandle | undefined;
  #file: string;
  #sequence = 0;
  /** Files this journal wrote to, the current one included. */
  readonly #files = new Set<string>();
  readonly #commits = new GroupCommit<string[]>(
    () => [],
    (lines) => this.#write(lines.join('')),
  );
  /** Bytes in the current file. */
  size = 0;

  private constructor(
    private readonly dir: string,
    private readonly token: string,
  ) {
    this.#file = this.#name();
  }

  /**
   * Opens a journal in `dir`, returning it, what earlier journals there hold (oldest first), and
   * those of them whose process has ended (to discard after a checkpoint; a running process's
   * journal is read but left to it).
   */
  static async open(
    dir: string,
    onTorn: (file: string, line: number) => void,
  ): Promise<{ journal: Journal; earlier: string[]; entries: { entry: JournalEntry; live: boolean }[] }> {
    const names = (await readdir(dir)).filter((name) => name.startsWith(PREFIX) && name.endsWith('.jsonl')).sort();
    // The pid in a name tells whether its writer may still be running (the server beside the
    // staff command line): such a journal is read, but its changes are left to that process to save.
    const live = new Set(names.filter((name) => isAlive(Number(name.split('-')[2]))));
    const entries: { entry: JournalEntry; live: boolean }[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        if (!line) return;
        try {
          entries.push({ entry: JSON.parse(line) as JournalEntry, live: live.has(name) });
        } catch {
          // A live journal's last line may be a write in progress, not a torn one.
          if (!live.has(name) || index < lines.length - 1) onTorn(file, index);
        }
      });
    }
    // A time-ordered token, so a later process's files sort after an earlier one's.
    const token = `${Date.now().toString(36).padStart(9, '0')}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const earlier = names.filter((name) => !live.has(name)).map((name) => path.join(dir, name));
    return { journal: new Journal(dir, token), earlier, entries };
  }

  /** Appends changes; resolves once they are durable. */
  append(entries: JournalEntry[]): Promise<void> {
    return this.appendLines(entries.map((entry) => `${JSON.stringify(entry)}\n`));
  }

  /** Appends changes already written as journal lines (each one JSON entry ending in a newline). */
  appendLines(lines: string[]): Promise<void> {
    return this.#commits.submit((batch) => {
      for (const line of lines) batch.push(line);
    });
  }

  /**
   * Starts a new file for later changes (once what is queued is written) and returns the finished
   * ones, to be discarded once the shards hold everything in them. `onSwitch` runs at the moment
   * of the switch: what is appended after it goes to the new file.
   */
  async rotate(onSwitch?: () => void): Promise<string[]> {
    await this.flush();
    // Switch files in the same step as the flush ends, before another write can start on the old one.
    onSwitch?.();
    const old = this.#handle;
    this.#handle = undefined;
    const finished = [...this.#files];
    this.#files.clear();
    this.#sequence++;
    this.#file = this.#name();
    this.size = 0;
    await old?.close();
    return finished;
  }

  /** Removes journal files whose changes the shard files now hold. */
  async discard(files: string[]): Promise<void> {
    if (files.length === 0) return;
    await Promise.all(files.map((file) => rm(file, { force: true })));
    await syncDirectory(this.dir);
  }

  /** Waits until everything appended is durable (or failed). */
  async flush(): Promise<void> {
    await this.#commits.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #name(): string {
    return path.join(this.dir, `${PREFIX}${this.token}-${String(this.#sequence).padStart(6, '0')}.jsonl`);
  }

  /** One write of a batch of lines, made durable before it returns. */
  async #write(text: string): Promise<void> {
    try {
      let created = false;
      if (!this.#handle) {
        this.#handle = await open(this.#file, 'a');
        this.#files.add(this.#file);
        created = true;
      }
      await this.#handle.write(text);
      await this.#handle.datasync();
      if (created) await syncDirectory(this.dir);
      this.size += Buffer.byteLength(text);
    } catch (error) {
      // The file may now end in a torn line: start a fresh one so later lines are whole.
      await this.#handle?.close().catch(() => undefined);
      this.#handle = undefined;
      this.#sequence++;
      this.#file = this.#name();
      throw error;
    }
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
