import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConcurrencyError } from '../../domain/errors.js';
import type { StateStore, Versioned } from '../../domain/ports.js';
import type { PgContext } from './PgContext.js';

const ValueSchema = z.record(z.string(), z.unknown());

/**
 * Bot state in `state (key, value, etag)`. A write with an expectedETag other than '*' is an
 * `UPDATE … WHERE etag = expected`; no row updated (changed or deleted meanwhile) is a
 * ConcurrencyError and the whole write rolls back.
 */
export class PgStateStore implements StateStore {
  readonly #table: string;

  constructor(private readonly context: PgContext) {
    this.#table = context.table('state');
  }

  read(keys: string[]): Promise<Record<string, Versioned>> {
    return this.context.run(async () => {
      const found: Record<string, Versioned> = {};
      if (keys.length === 0) return found;
      const { rows } = await this.context.pool.query<{ key: string; value: unknown; etag: string }>(
        `SELECT key, value, etag FROM ${this.#table} WHERE key = ANY($1::text[])`,
        [keys],
      );
      for (const row of rows) {
        const result = ValueSchema.safeParse(row.value);
        if (result.success) found[row.key] = { value: result.data, eTag: row.etag };
        else this.context.corruption.report('state', row.key, result.error.message);
      }
      return found;
    });
  }

  write(changes: { key: string; value: Record<string, unknown>; expectedETag?: string }[]): Promise<void> {
    return this.context.transaction(async (client) => {
      for (const { key, value, expectedETag } of changes) {
        const params = [key, JSON.stringify(value), randomUUID()];
        if (expectedETag === undefined || expectedETag === '*') {
          await client.query(
            `INSERT INTO ${this.#table} (key, value, etag) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag`,
            params,
          );
          continue;
        }
        const result = await client.query(`UPDATE ${this.#table} SET value = $2, etag = $3 WHERE key = $1 AND etag = $4`, [
          ...params,
          expectedETag,
        ]);
        if (result.rowCount === 0) throw new ConcurrencyError(key);
      }
    });
  }

  delete(keys: string[]): Promise<void> {
    return this.context.run(async () => {
      if (keys.length === 0) return;
      await this.context.pool.query(`DELETE FROM ${this.#table} WHERE key = ANY($1::text[])`, [keys]);
    });
  }
}
