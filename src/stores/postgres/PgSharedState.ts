/**
 * What several bot instances on one PostgreSQL share besides the records:
 * - turn locks: a session advisory lock per conversation (a 64-bit hash of schema and key), taken
 *   on a client of a pool of its own, so a turn holding a lock never starves the queries it makes;
 *   turns of one conversation in this process queue in memory first and take one client at a time.
 *   The wait is bounded by `lock_timeout`; a dropped connection frees its locks.
 * - processed activities, attempt times and the embedded Direct Line's conversations in tables,
 *   each bounded and expired by a sweep that runs at most once a minute.
 * Every query has a deadline (statement_timeout); a failing database is StoreUnavailableError.
 */
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { AppError, LockTimeoutError, StoreUnavailableError } from '../../domain/errors.js';
import { KeyedMutex } from '../../domain/keyedMutex.js';
import {
  DEFAULT_DIRECTLINE_LIMITS,
  type ActivityLedger,
  type AttemptLog,
  type DirectLineConversation,
  type DirectLineLimits,
  type DirectLineStore,
  type SharedState,
  type TurnLocks,
  type WireActivity,
} from '../../domain/sharedState.js';
import { DEFAULT_ACTIVITY_TTL_MS, DEFAULT_LOCK_WAIT_MS } from '../memory/memorySharedState.js';
import { CorruptionCounter } from '../StoreOptions.js';
import { migrate } from './migrate.js';
import { PgContext } from './PgContext.js';

export interface PgSharedStateOptions {
  schema?: string;
  /** How long a turn waits for its conversation's lock. */
  lockWaitMs?: number;
  /** Turns holding a lock at once in this process (each holds one connection). Default 20. */
  lockConnections?: number;
  /** Deadline of one query. Default 3 s. */
  timeoutMs?: number;
  activityTtlMs?: number;
  /** The Direct Line's bounds; by default as in memory but 100,000 conversations. */
  directLine?: Partial<DirectLineLimits>;
}

const SWEEP_EVERY_MS = 60_000;
const ignore = (): void => undefined;
const LOCK_NOT_AVAILABLE = '55P03';

export async function openPgSharedState(connectionString: string, options: PgSharedStateOptions = {}): Promise<SharedState> {
  const schema = options.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new AppError('config', `invalid schema name "${schema}"`);
  const timeoutMs = options.timeoutMs ?? 3_000;
  const lockWaitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  // Deadlines on both sides: the server's statement_timeout, and the client's own for a frozen server.
  const pool = new pg.Pool({
    connectionString,
    max: 5,
    statement_timeout: timeoutMs,
    query_timeout: timeoutMs + 500,
    connectionTimeoutMillis: timeoutMs,
  });
  const lockConnections = options.lockConnections ?? 20;
  const lockPool = new pg.Pool({
    connectionString,
    max: lockConnections,
    // A database that does not answer is trouble after the store deadline, not after the lock wait.
    query_timeout: timeoutMs,
    connectionTimeoutMillis: Math.min(lockWaitMs, timeoutMs),
  });
  for (const p of [pool, lockPool]) p.on('error', () => undefined);
  const context = new PgContext(pool, schema, new CorruptionCounter());
  try {
    await migrate(context);
  } catch (cause) {
    await Promise.allSettled([pool.end(), lockPool.end()]);
    throw new AppError('storage_unavailable', `cannot prepare PostgreSQL schema "${schema}"`, { cause });
  }
  const t = (name: string): string => context.table(name);
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> => {
    try {
      return await context.run(() => pool.query<R>(sql, params));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new StoreUnavailableError('shared state', { cause: error });
    }
  };
  const sweeper = (work: () => Promise<unknown>): (() => void) => {
    let last = 0;
    return () => {
      if (Date.now() - last < SWEEP_EVERY_MS) return;
      last = Date.now();
      void work().catch(() => undefined);
    };
  };

  const turnLocks = pgTurnLocks(lockPool, { schema, lockWaitMs, timeoutMs, lockConnections });
  // Keys and scopes are stored hashed: a conversation id may carry a phone number, an address is personal.
  const hashed = (key: string): string => createHash('sha256').update(key).digest('base64url');

  const activityTtl = options.activityTtlMs ?? DEFAULT_ACTIVITY_TTL_MS;
  const sweepActivities = sweeper(() =>
    query(`DELETE FROM ${t('processed_activities')} WHERE at < now() - make_interval(secs => $1)`, [activityTtl / 1000]),
  );
  const activities: ActivityLedger = {
    async claim(scope, id) {
      sweepActivities();
      // New, or left in progress by a process that died mid-turn (the caller holds the turn lock,
      // so nobody else is on it), or past its time to live: claimed. Completed: a duplicate.
      const { rowCount } = await query(
        `INSERT INTO ${t('processed_activities')} AS p (scope, activity_id) VALUES ($1, $2)
         ON CONFLICT (scope, activity_id) DO UPDATE SET at = now(), done = false
         WHERE NOT p.done OR p.at < now() - make_interval(secs => $3)`,
        [hashed(scope), id, activityTtl / 1000],
      );
      return Boolean(rowCount);
    },
    async complete(scope, id) {
      await query(`UPDATE ${t('processed_activities')} SET done = true WHERE scope = $1 AND activity_id = $2`, [
        hashed(scope),
        id,
      ]);
    },
    async release(scope, id) {
      await query(`DELETE FROM ${t('processed_activities')} WHERE scope = $1 AND activity_id = $2`, [hashed(scope), id]);
    },
  };

  // Expired by the clock the limits are counted on (the one `add` is given).
  let sweepBefore = 0;
  const sweepAttempts = sweeper(() => query(`DELETE FROM ${t('attempts')} WHERE expires < $1`, [sweepBefore]));
  const attempts: AttemptLog = {
    async recent(key, now, windowMs) {
      const { rows } = await query<{ at: string }>(
        `SELECT at FROM ${t('attempts')} WHERE key = $1 AND at > $2 AND at <= $3 ORDER BY at LIMIT 1000`,
        [hashed(key), now.getTime() - windowMs, now.getTime()],
      );
      return rows.map((r) => Number(r.at));
    },
    async add(key, now, windowMs) {
      sweepBefore = now.getTime();
      sweepAttempts();
      await query(`INSERT INTO ${t('attempts')} (key, at, expires) VALUES ($1, $2, $3)`, [
        hashed(key),
        now.getTime(),
        now.getTime() + windowMs,
      ]);
    },
    async clear(key) {
      await query(`DELETE FROM ${t('attempts')} WHERE key = $1`, [hashed(key)]);
    },
  };

  const directLine = pgDirectLine(context, query, sweeper, {
    ...DEFAULT_DIRECTLINE_LIMITS,
    maxConversations: 100_000,
    ...options.directLine,
  });

  return {
    turnLocks,
    activities,
    attempts,
    directLine,
    async close() {
      await context.close();
      await lockPool.end();
    },
  };
}

/** A signed 64-bit advisory lock id for a key (a hash: a collision only serialises two conversations). */
const lockId = (schema: string, key: string): string =>
  createHash('sha256').update(`${schema}\u0000${key}`).digest().readBigInt64BE(0).toString();

function pgTurnLocks(
  lockPool: pg.Pool,
  options: { schema: string; lockWaitMs: number; timeoutMs: number; lockConnections: number },
): TurnLocks {
  const { schema, lockWaitMs, timeoutMs } = options;
  const local = new KeyedMutex();
  const timedOut = (key: string) => new LockTimeoutError(key, lockWaitMs);
  return {
    run: (key, task) =>
      local.runWithin(
        key,
        lockWaitMs,
        async (waitedMs) => {
          const deadline = Date.now() + Math.max(1, lockWaitMs - waitedMs);
          const id = lockId(schema, key);
          let client: pg.PoolClient;
          try {
            client = await lockPool.connect();
            // The lock's connection may die while the turn runs (no query under way then): that
            // frees the lock and is noticed at unlock; it must not end the process.
            client.on('error', ignore);
          } catch (error) {
            // Every lock connection taken (that many turns running) is as busy as a lock held; a
            // connection that cannot be made is the database's trouble.
            if (lockPool.totalCount >= options.lockConnections) throw timedOut(key);
            throw new StoreUnavailableError('turn lock', { cause: error });
          }
          try {
            const waitMs = Math.max(1, deadline - Date.now());
            await client.query({ text: `SET lock_timeout = ${waitMs}`, query_timeout: timeoutMs } as pg.QueryConfig);
            // The server gives up at lock_timeout; the client waits that and the store deadline more.
            await client.query({
              text: 'SELECT pg_advisory_lock($1::bigint)',
              values: [id],
              query_timeout: waitMs + timeoutMs,
            } as pg.QueryConfig);
          } catch (error) {
            const busy = (error as { code?: string }).code === LOCK_NOT_AVAILABLE;
            client.removeListener('error', ignore);
            client.release(busy ? undefined : (error as Error));
            throw busy ? timedOut(key) : new StoreUnavailableError('turn lock', { cause: error });
          }
          try {
            return await task();
          } finally {
            // A failed unlock drops the connection, which frees the lock.
            const unlocked = await client.query('SELECT pg_advisory_unlock($1::bigint)', [id]).then(
              () => undefined,
              (error: Error) => error,
            );
            client.removeListener('error', ignore);
            client.release(unlocked);
          }
        },
        () => timedOut(key),
      ),
  };
}

type Query = <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => Promise<pg.QueryResult<R>>;

interface ConversationRow {
  id: string;
  user_id: string;
  started: boolean;
  watermark: string;
}

const toConversation = (row: ConversationRow): DirectLineConversation => ({
  id: row.id,
  userId: row.user_id,
  started: row.started,
  watermark: Number(row.watermark),
});

function pgDirectLine(
  context: PgContext,
  query: Query,
  sweeper: (work: () => Promise<unknown>) => () => void,
  limits: DirectLineLimits,
): DirectLineStore {
  const [conversations, activities] = [context.table('dl_conversations'), context.table('dl_activities')];
  const ttl = limits.idleTtlMs / 1000;
  const live = `last_used > now() - make_interval(secs => ${Number(ttl)})`;
  const sweep = sweeper(async () => {
    await query(`DELETE FROM ${conversations} WHERE NOT (${live})`);
    await query(`DELETE FROM ${conversations} WHERE id IN (SELECT id FROM ${conversations} ORDER BY last_used DESC OFFSET $1)`, [
      limits.maxConversations,
    ]);
  });
  const columns = 'id, user_id, started, watermark';
  const get = async (id: string): Promise<DirectLineConversation | undefined> => {
    const { rows } = await query<ConversationRow>(`SELECT ${columns} FROM ${conversations} WHERE id = $1 AND ${live}`, [id]);
    return rows[0] && toConversation(rows[0]);
  };

  return {
    async create(userId, id) {
      sweep();
      const { rows } = await query<ConversationRow>(
        `INSERT INTO ${conversations} (id, user_id) VALUES ($1, $2)
         ON CONFLICT (id) DO UPDATE SET last_used = now() RETURNING ${columns}`,
        [id ?? randomBytes(16).toString('base64url'), userId],
      );
      return toConversation(rows[0]!);
    },
    get,
    async start(id) {
      const { rowCount } = await query(`UPDATE ${conversations} SET started = true WHERE id = $1 AND NOT started`, [id]);
      return Boolean(rowCount);
    },
    async append(id, activity) {
      try {
        return await context.transaction(async (client) => {
          const { rows } = await client.query<{ watermark: string }>(
            `UPDATE ${conversations} SET watermark = watermark + 1, last_used = now() WHERE id = $1 AND ${live}
             RETURNING watermark`,
            [id],
          );
          if (!rows[0]) return undefined;
          const watermark = Number(rows[0].watermark);
          const stored: WireActivity = {
            ...activity,
            id: `${id}|${String(watermark).padStart(7, '0')}`,
            timestamp: new Date().toISOString(),
            conversation: { id },
          };
          const json = JSON.stringify(stored);
          await client.query(`INSERT INTO ${activities} (conversation_id, watermark, bytes, activity) VALUES ($1, $2, $3, $4)`, [
            id,
            watermark,
            Buffer.byteLength(json),
            json,
          ]);
          // Bounded per conversation in count and in bytes; the newest activity always stays.
          await client.query(`DELETE FROM ${activities} WHERE conversation_id = $1 AND watermark <= $2`, [
            id,
            watermark - limits.maxActivities,
          ]);
          await client.query(
            `DELETE FROM ${activities} a USING (
               SELECT watermark FROM (
                 SELECT watermark, sum(bytes) OVER (ORDER BY watermark DESC) AS total
                 FROM ${activities} WHERE conversation_id = $1) newer
               WHERE total > $2 AND watermark < $3) old
             WHERE a.conversation_id = $1 AND a.watermark = old.watermark`,
            [id, limits.maxBytes, watermark],
          );
          return stored;
        });
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new StoreUnavailableError('direct line append', { cause: error });
      }
    },
    async since(id, watermark) {
      const conversation = await get(id);
      if (!conversation) return undefined;
      const after = Number.parseInt(watermark ?? '', 10);
      const from = Number.isFinite(after) && after >= 0 ? after : 0;
      const { rows } = await query<{ activity: WireActivity }>(
        `SELECT activity FROM ${activities} WHERE conversation_id = $1 AND watermark > $2 AND watermark <= $3
         ORDER BY watermark`,
        [id, from, conversation.watermark],
      );
      return { activities: rows.map((r) => r.activity), watermark: String(conversation.watermark) };
    },
  };
}
