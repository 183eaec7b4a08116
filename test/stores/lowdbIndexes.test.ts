import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLowdbStores, type LowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { callback, customer } from './records.js';

describe('lowdb look-ups by index', () => {
  let dir: string;
  let stores: LowdbStores;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lowdb-index-'));
    stores = await openLowdbStores(dir, { shards: 1 });
  });
  afterEach(async () => {
    await stores.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when a customer changes number, then the old number finds nobody and the new one finds them', async () => {
    await stores.customers.put(customer('c1', { phones: ['+61400000001'], emails: ['a@example.com'] }));
    await stores.customers.update('c1', (c) => c && { ...c, phones: ['+61400000002'] });
    expect(await stores.customers.findByPhone('+61400000001')).toEqual([]);
    expect((await stores.customers.findByPhone('+61400000002')).map((c) => c.id)).toEqual(['c1']);
    expect((await stores.customers.findByEmail('A@example.com')).map((c) => c.id)).toEqual(['c1']);
  });

  it('when a customer is deleted, then no look-up finds them', async () => {
    await stores.customers.put(customer('c1', { phones: ['+61400000001'], channelAccounts: ['webchat|u1'] }));
    await stores.customers.delete('c1');
    expect(await stores.customers.findByPhone('+61400000001')).toEqual([]);
    expect(await stores.customers.findByAccount('webchat|u1')).toEqual([]);
  });

  it('when two customers share a number, then the look-up finds both, and returned copies do not change the store', async () => {
    await stores.customers.put(customer('c1', { phones: ['+61400000001'] }));
    await stores.customers.put(customer('c2', { phones: ['+61400000009', '+61400000001'] }));
    const found = await stores.customers.findByPhone('+61400000001');
    expect(found.map((c) => c.id).sort()).toEqual(['c1', 'c2']);
    found[0]!.phones.push('+61499999999');
    expect(await stores.customers.findByPhone('+61499999999')).toEqual([]);
  });

  it('when the store is reopened, then the indexes are rebuilt from the files', async () => {
    await stores.callbacks.put(callback('cb1', { customerId: 'c1', ref: 'ABC123' }));
    await stores.callbacks.put(callback('cb2', { customerId: 'c1', ref: 'DEF456', status: 'done' }));
    await stores.close();
    stores = await openLowdbStores(dir);
    expect((await stores.callbacks.findByCustomer('c1')).map((c) => c.id).sort()).toEqual(['cb1', 'cb2']);
    expect((await stores.callbacks.findOpenByRef('ABC123'))?.id).toBe('cb1');
    expect(await stores.callbacks.findOpenByRef('DEF456')).toBeUndefined();
  });

  it('when another process changed the file, then refresh re-indexes what it wrote', async () => {
    await stores.customers.put(customer('c1', { phones: ['+61400000001'] }));
    await stores.close();
    const file = path.join(dir, 'customers', '0.json');
    const records = JSON.parse(await readFile(file, 'utf8')) as { phones: string[] }[];
    records[0]!.phones = ['+61400000005'];
    stores = await openLowdbStores(dir);
    // Written behind the store's back, as the staff command line does; a later mtime marks the change.
    await new Promise((done) => setTimeout(done, 20));
    await writeFile(file, JSON.stringify(records));
    await stores.customers.refresh!();
    expect(await stores.customers.findByPhone('+61400000001')).toEqual([]);
    expect((await stores.customers.findByPhone('+61400000005')).map((c) => c.id)).toEqual(['c1']);
  });
});
