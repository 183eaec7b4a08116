import { type TranscriptEntry, TranscriptEntrySchema } from '../../domain/model.js';
import type { TranscriptStore } from '../../domain/ports.js';
import { KeyedMutex } from '../../domain/keyedMutex.js';
import type { PgContext } from './PgContext.js';

/**
 * Transcripts as rows `(conversation_id, seq, entry)`, read back in `seq` order. Appends to one
 * conversation are serialized in this process so entries keep the order they were appended in.
 */
export class PgTranscriptStore implements TranscriptStore {
  readonly #table: string;
  readonly #locks = new KeyedMutex();

  constructor(private readonly context: PgContext) {
    this.#table = context.table('transcripts');
  }

  append(entry: TranscriptEntry): Promise<void> {
    return this.context.run(async () => {
      const checked = TranscriptEntrySchema.parse(entry);
      await this.#locks.run(checked.conversationId, async () => {
        await this.context.pool.query(`INSERT INTO ${this.#table} (conversation_id, entry) VALUES ($1, $2)`, [
          checked.conversationId,
          JSON.stringify(checked),
        ]);
      });
    });
  }

  read(conversationId: string): Promise<TranscriptEntry[]> {
    return this.context.run(async () => {
      const { rows } = await this.context.pool.query<{ seq: string; entry: unknown }>(
        `SELECT seq, entry FROM ${this.#table} WHERE conversation_id = $1 ORDER BY seq`,
        [conversationId],
      );
      const entries: TranscriptEntry[] = [];
      for (const row of rows) {
        const result = TranscriptEntrySchema.safeParse(row.entry);
        if (result.success) entries.push(result.data);
        else this.context.corruption.report('transcripts', `${conversationId}#${row.seq}`, result.error.message);
      }
      return entries;
    });
  }

  delete(conversationId: string): Promise<boolean> {
    return this.context.run(async () => {
      const result = await this.context.pool.query(`DELETE FROM ${this.#table} WHERE conversation_id = $1`, [conversationId]);
      return (result.rowCount ?? 0) > 0;
    });
  }
}
