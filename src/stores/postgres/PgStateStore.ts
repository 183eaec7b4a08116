import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ConcurrencyError } from '../../domain/errors.js';
import type { StateChange, StateStore, Versioned } from '../../domain/ports.js';
import type { PgContext } from './PgContext.js';

const ValueSchema = z.record(z.string(), z.unknown());

/**
 * Bot state in `state (key, value, etag)`. A write with an expectedETag other than '*' is an
 * `UPDATE … WHERE etag = expected`, one with `null` an `INSERT … ON CONFLICT DO NOTHING`; no row
 * written (changed, created or deleted meanwhile) is a ConcurrencyError and the whole write rolls
 * back, so two instances answering one conversation cannot both save.
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

  write(changes: StateChange[]): Promise<Record<string, string>> {
    return this.context.transaction(async (client) => {
      const eTags: Record<string, string> = {};
      for (const { key, value, expectedETag } of changes) {
        const eTag = randomUUID();
        const params = [key, JSON.stringify(value), eTag];
        let written: number | null;
        if (expectedETag === undefined || expectedETag === '*') {
          written = (
            await client.query(
              `INSERT INTO ${this.#table} (key, value, etag) VALUES ($1, $2, $3)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag`,
              params,
            )
          ).rowCount;
        } else if (expectedETag === null) {
          written = (
            await client.query(
              `INSERT INTO ${this.#table} (key, value, etag) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING`,
              params,
            )
          ).rowCount;
        } else {
          written = (
            await client.query(`UPDATE ${this.#table} SET value = $2, etag = $3 WHERE key = $1 AND etag = $4`, [
              ...params,
              expectedETag,
            ])
          ).rowCount;
        }
        if (!written) throw new ConcurrencyError(key);
        eTags[key] = eTag;
      }
      return eTags;
    });
  }

  delete(keys: string[]): Promise<void> {
    return this.context.run(async () => {
      if (keys.length === 0) return;
      await this.context.pool.query(`DELETE FROM ${this.#table} WHERE key = ANY($1::text[])`, [keys]);
    });
  }
}
