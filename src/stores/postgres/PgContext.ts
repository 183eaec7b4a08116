import type { Pool, PoolClient } from 'pg';
import { AppError } from '../../domain/errors.js';
import type { CorruptionCounter } from '../StoreOptions.js';

/** What every PostgreSQL store shares: the pool, the schema, corruption counting, shutdown. */
export class PgContext {
  readonly #pending = new Set<Promise<unknown>>();
  #closed = false;

  constructor(
    readonly pool: Pool,
    readonly schema: string,
    readonly corruption: CorruptionCounter,
  ) {}

  /** The schema-qualified, quoted name of a table. */
  table(name: string): string {
    return `${quoteIdent(this.schema)}.${quoteIdent(name)}`;
  }

  /** Runs an operation, refusing once closed, so `close()` can wait for the ones under way. */
  run<R>(operation: () => Promise<R>): Promise<R> {
    if (this.#closed) return Promise.reject(new AppError('store_closed', 'the PostgreSQL store is closed'));
    const promise = operation();
    this.#pending.add(promise);
    const forget = (): void => void this.#pending.delete(promise);
    promise.then(forget, forget);
    return promise;
  }

  /** Runs `work` in one transaction on one client; rolls back when it throws. */
  transaction<R>(work: (client: PoolClient) => Promise<R>): Promise<R> {
    return this.run(async () => {
      const client = await this.pool.connect();
      // A checked-out client whose connection dies emits 'error' (besides failing its query): without
      // a listener that would end the process. The query's own error is what the caller sees.
      client.on('error', ignore);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.removeListener('error', ignore);
        client.release();
      }
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.allSettled([...this.#pending]);
    await this.pool.end();
  }
}

const ignore = (): void => undefined;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
