import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/domain/ports.js';
import { openPgStores } from '../../src/stores/postgres/openPgStores.js';
import { describeStoresContract } from './contract.js';
import { customer } from './records.js';

const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
/** Every schema this file creates starts with this prefix and is dropped in afterAll. */
const prefix = `t_${randomBytes(4).toString('hex')}`;
let schemas = 0;
const admin = new pg.Pool({ connectionString: url, max: 2 });

beforeAll(async () => {
  try {
    await admin.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${url} (${(error as Error).message}). ` +
        'Start it, or point DATABASE_URL at a database these tests may create schemas in.',
    );
  }
});

afterAll(async () => {
  const { rows } = await admin.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [
    `${prefix}%`,
  ]);
  for (const { name } of rows) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
  await admin.end();
});

describeStoresContract('postgres', async () => {
  const schema = `${prefix}_${++schemas}`;
  const open = () => openPgStores(url, { schema, poolSize: 20 });
  let current: Stores = await open();
  return {
    stores: current,
    reopen: async () => (current = await open()),
    cleanup: async () => {
      await current.close().catch(() => undefined);
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
});

describe('postgres schema', () => {
  it('when several instances open one schema at once, then migrations run once without errors', async () => {
    const schema = `${prefix}_race`;
    const opened = await Promise.all(Array.from({ length: 4 }, () => openPgStores(url, { schema })));
    await opened[0]!.customers.put(customer('c1'));
    expect(await opened[3]!.customers.get('c1')).toBeDefined();
    const { rows } = await admin.query(`SELECT version FROM "${schema}".migrations`);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }, { version: 4 }, { version: 5 }]);
    await Promise.all(opened.map((stores) => stores.close()));
  });

  it('when a row fails its schema, then it is skipped and counted', async () => {
    const schema = `${prefix}_corrupt`;
    const stores = await openPgStores(url, { schema });
    await stores.customers.put(customer('good'));
    await admin.query(`INSERT INTO "${schema}".customers (id, doc) VALUES ('bad', '{"id":"bad","phones":1}')`);
    expect((await stores.customers.query()).items.map((c) => c.id)).toEqual(['good']);
    expect(await stores.customers.get('bad')).toBeUndefined();
    expect(stores.corruptRecords()).toBe(2);
    await stores.close();
  });

  it('when the database is unreachable, then opening fails with a clear error', async () => {
    await expect(openPgStores('postgres://nobody@127.0.0.1:1/none')).rejects.toThrow(/cannot prepare PostgreSQL/);
  });
});
