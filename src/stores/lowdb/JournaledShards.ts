import path from 'node:path';
import { Journal, type JournalEntry } from './Journal.js';

/** What the journal needs of a shard file (ShardFile, DiskShard). */
interface JournaledShard {
  readonly file: string;
  /** Writes the whole file durably. */
  commit(): Promise<void>;
}

/** A record's change as the journal writes it: its JSON, or undefined for its removal. */
export interface RecordChange {
  key: string;
  json: string | undefined;
}

type MapShard = JournaledShard;

/** Something besides shard files whose changes go through the journal (the transcript segments). */
export interface JournalParticipant {
  /** Applies an earlier journal's entry at open; `live`: its process still runs and saves it itself. */
  replay(entry: Extract<JournalEntry, { segment: string }>, live: boolean): void;
  /** Makes everything journaled so far durable in its own files (called at each checkpoint). */
  checkpoint(): Promise<void>;
  /** The journal switched files: what was journaled before is gone from the journal once this checkpoint ends. */
  rotated?(): void;
  /** The journal's finished files were removed: nothing journaled before the last switch is left. */
  discarded?(): void;
}

/**
 * Persistence of one embedded store through its journal: a change costs one JSON line in the
 * journal (and shares its fsync with every change around it), and the shard files are rewritten
 * only at a checkpoint — when the journal has grown past `checkpointBytes`, and at open and close.
 * A checkpoint switches to a new journal file, writes every shard changed since the last one
 * (durably, as before) and only then removes the old journal files, so a crash at any point leaves
 * shards plus journals that replay to every acknowledged change.
 */
export class JournaledShards {
  readonly #shards = new Map<string, MapShard>();
  readonly #dirty = new Set<MapShard>();
  /** Earlier journals' changes per shard, applied as each shard loads. */
  readonly #replay = new Map<string, { entry: Extract<JournalEntry, { shard: string }>; live: boolean }[]>();
  readonly #segmentEntries: { entry: Extract<JournalEntry, { segment: string }>; live: boolean }[] = [];
  #participant: JournalParticipant | undefined;
  /** Journal files to remove once a checkpoint has written what they hold. */
  readonly #finished: string[] = [];
  #checkpointing: Promise<void> | undefined;
  #soon: Promise<void> | undefined;

  private constructor(
    private readonly dir: string,
    private readonly journal: Journal,
    private readonly checkpointBytes: number,
  ) {}

  static async open(
    dir: string,
    options: { checkpointBytes?: number; onTorn: (file: string, line: number) => void },
  ): Promise<JournaledShards> {
    const { journal, earlier, entries } = await Journal.open(dir, options.onTorn);
    const store = new JournaledShards(dir, journal, options.checkpointBytes ?? 32 * 1024 * 1024);
    store.#finished.push(...earlier);
    for (const { entry, live } of entries) {
      if ('segment' in entry) {
        store.#segmentEntries.push({ entry, live });
        continue;
      }
      const list = store.#replay.get(entry.shard) ?? [];
      list.push({ entry, live });
      store.#replay.set(entry.shard, list);
    }
    return store;
  }

  /** Registers a shard; its `load` then applies what the journals hold for it. */
  attach(shard: MapShard): string {
    const name = path.relative(this.dir, shard.file).split(path.sep).join('/');
    this.#shards.set(name, shard);
    return name;
  }

  /** Registers the segment store, handing it what earlier journals hold for it. */
  attachParticipant(participant: JournalParticipant): void {
    this.#participant = participant;
    for (const { entry, live } of this.#segmentEntries.splice(0)) participant.replay(entry, live);
  }

  /** Journals entries of the participant; resolves once durable. */
  async append(entries: JournalEntry[]): Promise<void> {
    await this.appendLines(entries.map((entry) => `${JSON.stringify(entry)}\n`));
  }

  /** Journals entries of the participant already written as lines; resolves once durable. */
  async appendLines(lines: string[]): Promise<void> {
    await this.journal.appendLines(lines);
    if (this.journal.size > this.checkpointBytes) void this.checkpoint().catch(() => undefined);
  }

  /**
   * Earlier journals' changes of a shard (taken once). The shard is saved at the next checkpoint
   * only for changes of ended processes: a running one's are its own to save.
   */
  replayOf(name: string, shard: MapShard): Extract<JournalEntry, { shard: string }>[] {
    const entries = this.#replay.get(name) ?? [];
    this.#replay.delete(name);
    if (entries.some((e) => !e.live)) this.#dirty.add(shard);
    return entries.map((e) => e.entry);
  }

  /**
   * Journals changes of the shard (each record's JSON, made once by the caller, goes into the line
   * as it is); resolves once durable.
   */
  async record(shard: MapShard, name: string, changes: RecordChange[]): Promise<void> {
    const head = `{"shard":${JSON.stringify(name)},"key":`;
    const lines = changes.map(({ key, json }) =>
      json === undefined ? `${head}${JSON.stringify(key)},"deleted":true}\n` : `${head}${JSON.stringify(key)},"value":${json}}\n`,
    );
    this.#dirty.add(shard);
    await this.journal.appendLines(lines);
    if (this.journal.size > this.checkpointBytes) void this.checkpoint().catch(() => undefined);
  }

  /** The shard must be written at the next checkpoint (it holds changes the journal does not). */
  markDirty(shard: MapShard): void {
    this.#dirty.add(shard);
  }

  /** Writes every changed shard and drops the journal files they now cover; one at a time. */
  checkpoint(): Promise<void> {
    this.#checkpointing ??= this.#checkpoint().finally(() => (this.#checkpointing = undefined));
    return this.#checkpointing;
  }

  /**
   * A checkpoint that starts after this call, shortly: calls within `delayMs` of each other share
   * one (each checkpoint rewrites every changed shard, so a burst of deletions must not make many).
   */
  checkpointSoon(delayMs = 50): Promise<void> {
    this.#soon ??= new Promise<void>((resolve) => setTimeout(resolve, delayMs)).then(() => {
      this.#soon = undefined;
      return this.checkpointAfter();
    });
    return this.#soon;
  }

  /** A checkpoint that starts after this call (one in progress may have missed what came just before). */
  async checkpointAfter(): Promise<void> {
    await this.#checkpointing?.catch(() => undefined);
    await this.checkpoint();
  }

  async #checkpoint(): Promise<void> {
    this.#finished.push(...(await this.journal.rotate(() => this.#participant?.rotated?.())));
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    try {
      // A few shards at a time: each write stringifies its whole file at once, so all of them
      // together would hold the event loop (and every turn) for as long as they take.
      let next = 0;
      const writer = async (): Promise<void> => {
        while (next < dirty.length) await dirty[next++]!.commit();
      };
      await Promise.all([...Array.from({ length: Math.min(4, dirty.length) }, writer), this.#participant?.checkpoint()]);
    } catch (error) {
      for (const shard of dirty) this.#dirty.add(shard);
      throw error;
    }
    const files = this.#finished.splice(0);
    await this.journal.discard(files);
    this.#participant?.discarded?.();
  }

  /** Waits for everything journaled and any checkpoint in progress. */
  async flush(): Promise<void> {
    await this.journal.flush();
    await this.#checkpointing?.catch(() => undefined);
  }

  /** A last checkpoint, so the shard files alone hold everything, then the journal closes. */
  async close(): Promise<void> {
    await this.journal.flush();
    await this.checkpoint();
    await this.journal.close();
  }
}
