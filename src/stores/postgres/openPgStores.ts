import pg from 'pg';
import { AppError } from '../../domain/errors.js';
import { CallbackSchema, ConversationSchema, CustomerSchema, LeadSchema, OrderRequestSchema } from '../../domain/model.js';
import type { Stores } from '../../domain/ports.js';
import { callbackStore, customerStore, leadStore, orderStore } from '../roleStores.js';
import { StaffSessionSchema, StaffTokenSchema, StaffUserSchema } from '../../domain/staffModel.js';
import { DailyStatSchema, SalesPlanSchema } from '../../domain/forecast/dailyStat.js';
import { ObjectionSchema } from '../../domain/objections/objection.js';
import { CorruptionCounter, type StoreOptions } from '../StoreOptions.js';
import { migrate } from './migrate.js';
import { PgCollection } from './PgCollection.js';
import { PgContext } from './PgContext.js';
import { PgStateStore } from './PgStateStore.js';
import { PgTranscriptStore } from './PgTranscriptStore.js';

export interface PgStoreOptions extends StoreOptions {
  /** Schema holding the tables; created when missing. Default `public`. */
  schema?: string;
  /** Most connections the pool opens. Default 10 (pg's default). */
  poolSize?: number;
}

/** What the PostgreSQL backend returns: the ports plus the number of corrupt rows skipped. */
export interface PgStores extends Stores {
  corruptRecords(): number;
}

/** Connects, brings the schema up to date and returns every store on one connection pool. */
export async function openPgStores(connectionString: string, options: PgStoreOptions = {}): Promise<PgStores> {
  const schema = options.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) throw new AppError('config', `invalid schema name "${schema}"`);
  const pool = new pg.Pool({ connectionString, max: options.poolSize ?? 10 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const corruption = new CorruptionCounter(options.onCorrupt);
  const context = new PgContext(pool, schema, corruption);
  try {
    await migrate(context);
  } catch (cause) {
    await pool.end().catch(() => undefined);
    throw new AppError('storage_unavailable', `cannot prepare PostgreSQL schema "${schema}"`, { cause });
  }

  return {
    customers: customerStore(new PgCollection(context, 'customers', CustomerSchema)),
    callbacks: callbackStore(new PgCollection(context, 'callbacks', CallbackSchema)),
    leads: leadStore(new PgCollection(context, 'leads', LeadSchema)),
    orders: orderStore(new PgCollection(context, 'orders', OrderRequestSchema)),
    conversations: new PgCollection(context, 'conversations', ConversationSchema),
    transcripts: new PgTranscriptStore(context),
    state: new PgStateStore(context),
    staffUsers: new PgCollection(context, 'staffUsers', StaffUserSchema),
    staffTokens: new PgCollection(context, 'staffTokens', StaffTokenSchema),
    staffSessions: new PgCollection(context, 'staffSessions', StaffSessionSchema),
    dailyStats: new PgCollection(context, 'dailyStats', DailyStatSchema),
    salesPlans: new PgCollection(context, 'salesPlans', SalesPlanSchema),
    objections: new PgCollection(context, 'objections', ObjectionSchema),
    corruptRecords: () => corruption.count,
    async healthy() {
      if (context.closed) return false;
      try {
        const { rows } = await pool.query<{ writable: boolean }>('SELECT NOT pg_is_in_recovery() AS writable');
        return rows[0]?.writable === true;
      } catch {
        return false;
      }
    },
    close: () => context.close(),
  };
}
