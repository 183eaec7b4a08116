/** Opens the backend the configuration names: PostgreSQL when DATABASE_URL is set, else lowdb. */
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Stores } from '../domain/ports.js';
import { openLowdbStores } from './lowdb/openLowdbStores.js';
import { openPgStores } from './postgres/openPgStores.js';

export async function openStores(
  config: Pick<Config, 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'DATA_DIR'>,
  onCorrupt?: (store: string, id: string, problem: string) => void,
): Promise<Stores> {
  if (config.DATABASE_URL) return openPgStores(config.DATABASE_URL, { onCorrupt, schema: config.DATABASE_SCHEMA });
  return openLowdbStores(resolve(config.DATA_DIR), { onCorrupt });
}
