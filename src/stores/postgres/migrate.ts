import type { PoolClient } from 'pg';
import { collectionNames, salesCollectionNames, staffCollectionNames } from '../StoreOptions.js';
import type { PgContext } from './PgContext.js';

/** Schema changes in order; each runs once per schema, recorded in `migrations`. Never edit one: add. */
const migrations: ((t: (name: string) => string) => string[])[] = [
  (t) => [
    ...collectionNames.flatMap((name) => [
      `CREATE TABLE IF NOT EXISTS ${t(name)} (id text PRIMARY KEY, doc jsonb NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS "${name}_doc_gin" ON ${t(name)} USING gin (doc jsonb_path_ops)`,
    ]),
    `CREATE TABLE IF NOT EXISTS ${t('transcripts')} (
       conversation_id text NOT NULL, seq bigserial PRIMARY KEY, entry jsonb NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS "transcripts_conversation" ON ${t('transcripts')} (conversation_id, seq)`,
    `CREATE TABLE IF NOT EXISTS ${t('state')} (key text PRIMARY KEY, value jsonb NOT NULL, etag text NOT NULL)`,
  ],
  (t) => staffCollectionNames.map((name) => `CREATE TABLE IF NOT EXISTS ${t(name)} (id text PRIMARY KEY, doc jsonb NOT NULL)`),
  (t) =>
    salesCollectionNames.flatMap((name) => [
      `CREATE TABLE IF NOT EXISTS ${t(name)} (id text PRIMARY KEY, doc jsonb NOT NULL)`,
      `CREATE INDEX IF NOT EXISTS "${name}_doc_gin" ON ${t(name)} USING gin (doc jsonb_path_ops)`,
    ]),
  // Several instances on one database: what they share (src/stores/postgres/PgSharedState.ts), and
  // one booking or order request per idempotency key however often a turn is delivered or retried.
  (t) => [
    `CREATE TABLE IF NOT EXISTS ${t('processed_activities')} (
       scope text NOT NULL, activity_id text NOT NULL, at timestamptz NOT NULL DEFAULT now(),
       done boolean NOT NULL DEFAULT false, PRIMARY KEY (scope, activity_id))`,
    `CREATE INDEX IF NOT EXISTS "processed_activities_at" ON ${t('processed_activities')} (at)`,
    `CREATE TABLE IF NOT EXISTS ${t('attempts')} (key text NOT NULL, at bigint NOT NULL, expires bigint NOT NULL)`,
    `CREATE INDEX IF NOT EXISTS "attempts_key_at" ON ${t('attempts')} (key, at)`,
    `CREATE INDEX IF NOT EXISTS "attempts_expires" ON ${t('attempts')} (expires)`,
    `CREATE TABLE IF NOT EXISTS ${t('dl_conversations')} (
       id text PRIMARY KEY, user_id text NOT NULL, started boolean NOT NULL DEFAULT false,
       watermark bigint NOT NULL DEFAULT 0, last_used timestamptz NOT NULL DEFAULT now())`,
    `CREATE INDEX IF NOT EXISTS "dl_conversations_last_used" ON ${t('dl_conversations')} (last_used)`,
    `CREATE TABLE IF NOT EXISTS ${t('dl_activities')} (
       conversation_id text NOT NULL REFERENCES ${t('dl_conversations')} (id) ON DELETE CASCADE,
       watermark bigint NOT NULL, bytes int NOT NULL, activity jsonb NOT NULL,
       PRIMARY KEY (conversation_id, watermark))`,
    ...['callbacks', 'orders'].map(
      (name) =>
        `CREATE UNIQUE INDEX IF NOT EXISTS "${name}_idempotency_key" ON ${t(name)} ((doc->>'idempotencyKey'))
         WHERE doc ? 'idempotencyKey'`,
    ),
  ],
  // Look-ups by phone, e-mail, channel account, customer, conversation and reference are `doc @> …`
  // and served by the GIN indexes above. These serve the range scans: open callbacks by slot (the
  // callback queue, late callbacks: checked with EXPLAIN to be an index scan) and conversations by
  // last activity (the staff list, retention). The expressions are exactly the ones
  // PgCollection.query orders and filters by, or the planner cannot use them.
  (t) => [
    `CREATE INDEX IF NOT EXISTS "callbacks_due" ON ${t('callbacks')} ((coalesce(doc->>'dueAt', '')) COLLATE "C")`,
    `CREATE INDEX IF NOT EXISTS "conversations_last_activity" ON ${t('conversations')} ((coalesce(doc->>'lastActivityAt', '')) COLLATE "C")`,
  ],
];

/**
 * Brings the schema up to date. Idempotent; runs in one transaction under an advisory lock so
 * instances starting together do not race (CREATE ... IF NOT EXISTS alone can still collide).
 */
export async function migrate(context: PgContext): Promise<void> {
  const t = (name: string): string => context.table(name);
  await context.transaction(async (client: PoolClient) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`inbound-sales-bot:migrate:${context.schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${context.schema.replaceAll('"', '""')}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${t('migrations')} (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${t('migrations')}`);
    const applied = new Set(rows.map((row) => row.version));
    for (const [index, migration] of migrations.entries()) {
      const version = index + 1;
      if (applied.has(version)) continue;
      for (const statement of migration(t)) await client.query(statement);
      await client.query(`INSERT INTO ${t('migrations')} (version) VALUES ($1)`, [version]);
    }
  });
}
