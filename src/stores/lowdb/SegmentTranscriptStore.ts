import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { type TranscriptEntry, TranscriptEntrySchema } from '../../domain/model.js';
import type { TranscriptStore } from '../../domain/ports.js';
import type { CorruptionCounter } from '../StoreOptions.js';
import { isCode, syncDirectory, tempFileOf } from './DurableFileAdapter.js';
import type { JournalEntry } from './Journal.js';
import type { JournaledShards, JournalParticipant } from './JournaledShards.js';
import { shardIndex } from './shards.js';

type SegmentEntry = Extract<JournalEntry, { segment: string }>;

/**
 * Transcripts in a fixed number of append-only segment files (`segment-NN.jsonl`, chosen by a hash
 * of the conversation id), not one file per conversation. An append is a line in the store's
 * journal, so it shares the fsync of the turn's other changes (group commit); lines reach their
 * segment at the journal's checkpoints and are held in memory until then. A line is
 * `{"c":<conversation>,"n":<line id>,"s":<entry, slimmed>,"o":<what was left out>}` (earlier lines:
 * `"e":<entry>`): readers take their conversation's lines by
 * prefix, and drop a line id seen twice (a crash between a checkpoint's append and the journal's
 * removal replays it). Deleting a conversation rewrites its segment without it and journals the
 * erasure, then checkpoints, so no copy of the text is left in the journal.
 *
 * Transcripts of the earlier layout (`<sha256 of the id>.jsonl`, one per conversation) are still
 * read, before the segment's lines, and removed with the conversation.
 */
export class SegmentTranscriptStore implements TranscriptStore, JournalParticipant {
  /** Lines journaled but not yet appended to their segment file, per segment. */
  readonly #unsaved = new Map<string, string[]>();
  /** Lines of a running process's journal (the server, seen from the staff command line): read, never written here. */
  readonly #foreign = new Map<string, string[]>();
  /** Conversations erased by earlier journals, per segment, to remove from the files at the first checkpoint. */
  readonly #erased = new Map<string, Set<string>>();
  /** Segments whose file may end in a torn line (the next append starts a fresh line). */
  readonly #torn = new Set<string>();
  readonly #token = randomBytes(4).toString('hex');
  #lines = 0;
  /** Erasures waiting for their segment's rewrite. */
  readonly #toErase = new Map<string, { ids: Set<string>; done: Promise<void> }>();
  /** Serializes segment file writes (checkpoint appends and erasure rewrites). */
  #fileWork: Promise<void> = Promise.resolve();
  /** Characters of the lines in `#unsaved`. */
  #unsavedChars = 0;
  /** An append of the unsaved lines to their segments, started and not done yet. */
  #appending: Promise<void> | undefined;
  /**
   * Conversations with lines in the journal's current file, and in its finished files not yet
   * discarded: an erasure of one of them checkpoints, so no copy of its text stays in a journal.
   */
  #inJournal = new Set<string>();
  #inFinishedJournals = new Set<string>();

  private constructor(
    private readonly dir: string,
    private readonly journal: JournaledShards,
    private readonly corruption: CorruptionCounter,
    private readonly assertOpen: () => void,
    private readonly segments: number,
    private readonly appendChars: number,
  ) {}

  static async open(
    dir: string,
    journal: JournaledShards,
    corruption: CorruptionCounter,
    assertOpen: () => void,
    segments = 64,
    /**
     * Journaled lines are held in memory until they are appended to their segment: at the
     * journal's checkpoint, or sooner once they reach this many characters (they stay in the
     * journal until its checkpoint; a line replayed twice is read once).
     */
    appendChars = 1024 * 1024,
  ): Promise<SegmentTranscriptStore> {
    await mkdir(dir, { recursive: true });
    const store = new SegmentTranscriptStore(dir, journal, corruption, assertOpen, segments, appendChars);
    for (const name of (await readdir(dir)).filter((n) => n.startsWith('segment-') && n.endsWith('.jsonl'))) {
      const handle = await open(path.join(dir, name), 'r');
      try {
        const { size } = await handle.stat();
        const last = Buffer.alloc(1);
        if (size > 0) await handle.read(last, 0, 1, size - 1);
        if (size > 0 && last[0] !== 0x0a) {
          store.#torn.add(name);
          corruption.report('transcripts', name, 'ends in a torn line');
        }
      } finally {
        await handle.close();
      }
    }
    journal.attachParticipant(store);
    return store;
  }

  async append(entry: TranscriptEntry): Promise<void> {
    this.assertOpen();
    const segment = this.#segmentOf(entry.conversationId);
    // Serialised once: the segment line, and the journal line holds it as JSON (not re-escaped).
    const text = `{"c":${JSON.stringify(entry.conversationId)},"n":"${this.#token}.${++this.#lines}",${slimmed(entry)}}`;
    this.#pending(segment).push(`${text}\n`);
    this.#unsavedChars += text.length + 1;
    this.#inJournal.add(entry.conversationId);
    await this.journal.appendLines([`{"segment":"${segment}","text":${text}}\n`]);
    // The lines are durable in the journal: past the bound, move them to their segments.
    if (this.#unsavedChars > this.appendChars && !this.#appending) {
      // Until under the bound: lines journaled while an append runs are not left waiting.
      this.#appending = this.#inFileOrder(async () => {
        while (this.#unsavedChars > this.appendChars && (await this.#appendUnsaved()) > 0);
      }).finally(() => (this.#appending = undefined));
      this.#appending.catch(() => undefined);
    }
  }

  async read(conversationId: string): Promise<TranscriptEntry[]> {
    const segment = this.#segmentOf(conversationId);
    const entries: TranscriptEntry[] = [];
    const accept = (parsed: unknown, where: string): void => {
      const result = TranscriptEntrySchema.safeParse(parsed);
      if (result.success) entries.push(result.data);
      else this.corruption.report('transcripts', where, result.error.message);
    };
    // The earlier layout: bare entries, one file per conversation.
    const legacy = await readIfExists(this.#legacyFileOf(conversationId));
    legacy?.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      const parsed = tryParse(line);
      if (parsed === undefined) this.corruption.report('transcripts', `${conversationId}#${index}`, 'not JSON (a torn write?)');
      else accept(parsed, `${conversationId}#${index}`);
    });
    const prefix = `{"c":${JSON.stringify(conversationId)},`;
    const seen = new Set<string>();
    const take = (line: string, where: string): void => {
      if (!line.startsWith(prefix)) return;
      const parsed = tryParse(line) as { n?: unknown; e?: unknown; s?: unknown; o?: unknown } | undefined;
      if (parsed === undefined) return this.corruption.report('transcripts', where, 'not JSON (a torn write?)');
      if (typeof parsed.n === 'string') {
        if (seen.has(parsed.n)) return;
        seen.add(parsed.n);
      }
      accept(parsed.s === undefined ? parsed.e : restored(conversationId, parsed.s, parsed.o), where);
    };
    const text = (await readIfExists(path.join(this.dir, segment))) ?? '';
    text.split('\n').forEach((line, index) => take(line, `${segment}#${index}`));
    for (const line of [...(this.#foreign.get(segment) ?? []), ...(this.#unsaved.get(segment) ?? [])])
      take(line.slice(0, -1), `${segment} (journal)`);
    return entries;
  }

  async delete(conversationId: string): Promise<boolean> {
    this.assertOpen();
    const segment = this.#segmentOf(conversationId);
    const existed = (await this.read(conversationId)).length > 0;
    // Journal the erasure first, so a crash before the rewrite still ends with the lines gone.
    await this.journal.append([{ segment, erase: conversationId }]);
    // Lines since the last checkpoint are still in the journal too.
    const inJournal =
      this.#inJournal.has(conversationId) ||
      this.#inFinishedJournals.has(conversationId) ||
      (this.#unsaved.get(segment) ?? []).some((line) => line.startsWith(lineStart(conversationId)));
    await this.#erase(segment, conversationId);
    try {
      await rm(this.#legacyFileOf(conversationId));
      await syncDirectory(this.dir);
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
    // No copy of the text stays in the journal: a checkpoint shared by deletions close together.
    if (inJournal) await this.journal.checkpointSoon();
    return existed;
  }

  /**
   * Rewrites the segment without the conversation; deletions of one segment that queue up while a
   * rewrite runs share the next one (retention deletes many at once).
   */
  #erase(segment: string, conversationId: string): Promise<void> {
    let queued = this.#toErase.get(segment);
    if (!queued) {
      const ids = new Set<string>();
      const done = this.#inFileOrder(async () => {
        this.#toErase.delete(segment);
        for (const id of ids) this.#dropPending(segment, id);
        await this.#rewriteWithout(segment, ids);
      });
      queued = { ids, done };
      this.#toErase.set(segment, queued);
    }
    queued.ids.add(conversationId);
    return queued.done;
  }

  /** Appends are durable once acknowledged (the journal); nothing else to wait for here. */
  async flush(): Promise<void> {
    await this.#fileWork;
  }

  replay(journaled: SegmentEntry, live: boolean): void {
    const entry = 'text' in journaled ? { segment: journaled.segment, line: `${JSON.stringify(journaled.text)}\n` } : journaled;
    if (live) {
      const foreign = this.#foreign.get(entry.segment) ?? [];
      this.#foreign.set(entry.segment, foreign);
      if ('line' in entry) foreign.push(entry.line);
      else {
        const prefix = `{"c":${JSON.stringify(entry.erase)},`;
        this.#foreign.set(
          entry.segment,
          foreign.filter((line) => !line.startsWith(prefix)),
        );
      }
      return;
    }
    if ('line' in entry) {
      this.#pending(entry.segment).push(entry.line);
      this.#unsavedChars += entry.line.length;
      return;
    }
    this.#dropPending(entry.segment, entry.erase);
    const erased = this.#erased.get(entry.segment) ?? new Set<string>();
    erased.add(entry.erase);
    this.#erased.set(entry.segment, erased);
  }

  /** Forgets a conversation's lines not yet in its segment (only in file order, or at open). */
  #dropPending(segment: string, conversationId: string): void {
    const prefix = `{"c":${JSON.stringify(conversationId)},`;
    const pending = this.#unsaved.get(segment);
    if (!pending) return;
    const kept = pending.filter((line) => !line.startsWith(prefix));
    for (const line of pending) if (line.startsWith(prefix)) this.#unsavedChars -= line.length;
    this.#unsaved.set(segment, kept);
  }

  rotated(): void {
    for (const id of this.#inJournal) this.#inFinishedJournals.add(id);
    this.#inJournal = new Set();
  }

  discarded(): void {
    this.#inFinishedJournals = new Set();
  }

  checkpoint(): Promise<void> {
    return this.#inFileOrder(async () => {
      // What replay brought in: erasures the files may not have had applied yet.
      const erased = [...this.#erased];
      this.#erased.clear();
      for (const [segment, ids] of erased) await this.#rewriteWithout(segment, ids);
      await this.#appendUnsaved();
    });
  }

  /** Appends the unsaved lines to their segments (in file order); resolves with how many. */
  async #appendUnsaved(): Promise<number> {
    const batches = [...this.#unsaved].filter(([, lines]) => lines.length > 0);
    if (batches.length === 0) this.#unsavedChars = 0;
    await Promise.all(
      batches.map(async ([segment, lines]) => {
        const taken = lines.length;
        const handle = await open(path.join(this.dir, segment), 'a');
        try {
          const lead = this.#torn.delete(segment) ? '\n' : '';
          await handle.write(lead + lines.slice(0, taken).join(''));
          await handle.datasync();
        } finally {
          await handle.close();
        }
        // Lines added while this ran stay for the next time.
        const now = this.#unsaved.get(segment) ?? [];
        for (const line of now.slice(0, taken)) this.#unsavedChars -= line.length;
        this.#unsaved.set(segment, now.slice(taken));
      }),
    );
    if (batches.length > 0) await syncDirectory(this.dir);
    return batches.reduce((sum, [, lines]) => sum + lines.length, 0);
  }

  #inFileOrder(work: () => Promise<void>): Promise<void> {
    const run = this.#fileWork.then(work);
    this.#fileWork = run.catch(() => undefined);
    return run;
  }

  async #rewriteWithout(segment: string, ids: Set<string>): Promise<void> {
    const file = path.join(this.dir, segment);
    const text = await readIfExists(file);
    if (text === undefined) return;
    const prefixes = [...ids].map(lineStart);
    if (!prefixes.some((p) => text.includes(`\n${p}`) || text.startsWith(p))) return;
    const kept = text.split('\n').filter((line) => line && !prefixes.some((p) => line.startsWith(p)));
    const temp = tempFileOf(file);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(kept.length ? `${kept.join('\n')}\n` : '', 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    this.#torn.delete(segment);
    await syncDirectory(this.dir);
  }

  #pending(segment: string): string[] {
    let lines = this.#unsaved.get(segment);
    if (!lines) this.#unsaved.set(segment, (lines = []));
    return lines;
  }

  #segmentOf(conversationId: string): string {
    const n = shardIndex(conversationId, this.segments);
    return `segment-${String(n).padStart(String(this.segments - 1).length, '0')}.jsonl`;
  }

  #legacyFileOf(conversationId: string): string {
    const name = createHash('sha256').update(conversationId, 'utf8').digest('hex');
    return path.join(this.dir, `${name}.jsonl`);
  }
}

/** What a slimmed line left out of the entry's activity, as it repeated the entry. */
const SAME_TYPE = 1;
const SAME_CONVERSATION = 2;
const SAME_TEXT = 4;

/**
 * The entry as it goes in its line (`"s":…,"o":…`): without its conversation id (the line's `c`),
 * and its activity without the type, conversation and text where they only repeat the entry's
 * (`o` says which: about a third of a line's bytes). Lines of the earlier layout hold the whole
 * entry (`"e":…`) and are still read.
 */
function slimmed(entry: TranscriptEntry): string {
  const { conversationId, ...rest } = entry;
  const { type, conversation, text, ...activity } = entry.activity;
  let omitted = 0;
  if (type !== undefined && type === entry.type) omitted |= SAME_TYPE;
  else if (type !== undefined) activity.type = type;
  const c = conversation as { id?: unknown } | null | undefined;
  if (typeof c === 'object' && c !== null && c.id === conversationId && Object.keys(c).length === 1) omitted |= SAME_CONVERSATION;
  else if (conversation !== undefined) activity.conversation = conversation;
  if (text !== undefined && text === entry.text) omitted |= SAME_TEXT;
  else if (text !== undefined) activity.text = text;
  rest.activity = activity;
  return `"s":${JSON.stringify(rest)}${omitted ? `,"o":${omitted}` : ''}`;
}

/** The entry a slimmed line stands for (checked against the schema by the reader). */
function restored(conversationId: string, slim: unknown, omitted: unknown): unknown {
  if (typeof slim !== 'object' || slim === null) return slim;
  const entry = slim as { type?: unknown; text?: unknown; activity?: unknown };
  const bits = typeof omitted === 'number' ? omitted : 0;
  const kept = typeof entry.activity === 'object' && entry.activity !== null ? entry.activity : {};
  const activity = {
    ...(bits & SAME_TYPE ? { type: entry.type } : {}),
    ...kept,
    ...(bits & SAME_CONVERSATION ? { conversation: { id: conversationId } } : {}),
    ...(bits & SAME_TEXT ? { text: entry.text } : {}),
  };
  return { conversationId, ...entry, activity };
}

/** How a conversation's lines start. */
const lineStart = (conversationId: string): string => `{"c":${JSON.stringify(conversationId)},`;

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
