/**
 * The contract every storage backend passes. A backend test calls `describeStoresContract` with a
 * function that opens a fresh, empty store and can reopen the same data after `close()`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConcurrencyError, ValidationError } from '../../src/domain/errors.js';
import type { Conversation, Customer } from '../../src/domain/model.js';
import type { Stores } from '../../src/domain/ports.js';
import { at, callback, conversation, customer, entry, lead } from './records.js';
import { salesCollectionsContract } from './salesContract.js';

export interface StoresHarness {
  stores: Stores;
  /** Opens the same data again (after the caller closed `stores`). */
  reopen: () => Promise<Stores>;
  /** Closes whatever is still open and removes the data. */
  cleanup: () => Promise<void>;
}

export function describeStoresContract(name: string, open: () => Promise<StoresHarness>): void {
  describe(`${name} stores contract`, () => {
    let harness: StoresHarness;
    let stores: Stores;

    beforeEach(async () => {
      harness = await open();
      stores = harness.stores;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    /** Closes the current stores and reopens them; cleanup closes whatever is current. */
    async function reopen(): Promise<Stores> {
      await stores.close();
      stores = await harness.reopen();
      return stores;
    }

    describe('collections', () => {
      it('when a record is put, then get returns an equal copy and unknown ids return undefined', async () => {
        const record = customer('c1', { phones: ['+61400000001'] });
        await stores.customers.put(record);
        expect(await stores.customers.get('c1')).toEqual(record);
        expect(await stores.customers.get('nope')).toBeUndefined();
      });

      it('when a record is put twice with one id, then the second replaces the first', async () => {
        await stores.customers.put(customer('c1', { name: 'First' }));
        await stores.customers.put(customer('c1', { name: 'Second' }));
        expect((await stores.customers.get('c1'))?.name).toBe('Second');
        expect(await stores.customers.count()).toBe(1);
      });

      it('when a returned record is mutated, then the stored record is unchanged', async () => {
        await stores.customers.put(customer('c1', { phones: ['+61400000001'] }));
        const copy = await stores.customers.get('c1');
        copy!.phones.push('+61400000002');
        expect((await stores.customers.get('c1'))?.phones).toEqual(['+61400000001']);
      });

      it('when an invalid record is put, then it is rejected with a ValidationError', async () => {
        const bad = { ...customer('c1'), createdAt: 'yesterday' } as Customer;
        await expect(stores.customers.put(bad)).rejects.toBeInstanceOf(ValidationError);
        expect(await stores.customers.get('c1')).toBeUndefined();
      });

      it('when a record is deleted, then it is gone and delete says whether it existed', async () => {
        await stores.customers.put(customer('c1'));
        expect(await stores.customers.delete('c1')).toBe(true);
        expect(await stores.customers.get('c1')).toBeUndefined();
        expect(await stores.customers.delete('c1')).toBe(false);
      });

      it('when update meets a missing id, then change gets undefined and its result is stored', async () => {
        const seen: unknown[] = [];
        const created = await stores.customers.update('c1', (current) => {
          seen.push(current);
          return customer('c1', { name: 'New' });
        });
        expect(seen).toEqual([undefined]);
        expect(created?.name).toBe('New');
        expect((await stores.customers.get('c1'))?.name).toBe('New');
      });

      it('when update returns undefined, then nothing changes and the current record is returned', async () => {
        expect(await stores.customers.update('missing', () => undefined)).toBeUndefined();
        expect(await stores.customers.get('missing')).toBeUndefined();
        await stores.customers.put(customer('c1', { name: 'Kept' }));
        expect((await stores.customers.update('c1', () => undefined))?.name).toBe('Kept');
        expect((await stores.customers.get('c1'))?.name).toBe('Kept');
      });

      it('when change throws, then update rejects and nothing is stored', async () => {
        const failing = stores.customers.update('c1', () => {
          throw new Error('boom');
        });
        await expect(failing).rejects.toThrow('boom');
        expect(await stores.customers.get('c1')).toBeUndefined();
      });

      it('when 50 updates increment one record concurrently, then it ends 50 higher', async () => {
        await stores.conversations.put(conversation('v1', { activityCount: 7 }));
        const increment = (current: Conversation | undefined) =>
          current && { ...current, activityCount: current.activityCount + 1 };
        await Promise.all(Array.from({ length: 50 }, () => stores.conversations.update('v1', increment)));
        expect((await stores.conversations.get('v1'))?.activityCount).toBe(57);
      });

      it('when 200 different records are put concurrently, then all are there after reopen', async () => {
        const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
        await Promise.all(ids.map((id) => stores.customers.put(customer(id))));
        const reopened = await reopen();
        expect(await reopened.customers.count()).toBe(200);
        const all = await reopened.customers.query();
        expect(all.items.map((c) => c.id).sort()).toEqual([...ids].sort());
      });

      it('when findBy is asked for a scalar or an array element, then it matches equality or containment', async () => {
        await stores.customers.put(customer('c1', { name: 'Ann', phones: ['+61400000001', '+61400000002'] }));
        await stores.customers.put(customer('c2', { name: 'Bob', phones: ['+61400000002'] }));
        await stores.customers.put(customer('c3', { name: 'Ann', phones: [] }));
        const ids = (list: Customer[]) => list.map((c) => c.id).sort();
        expect(ids(await stores.customers.findBy('name', 'Ann'))).toEqual(['c1', 'c3']);
        expect(ids(await stores.customers.findBy('phones', '+61400000002'))).toEqual(['c1', 'c2']);
        expect(ids(await stores.customers.findBy('phones', '+61400000001'))).toEqual(['c1']);
        expect(await stores.customers.findBy('phones', '+6140000000')).toEqual([]);
      });
    });

    describe('role look-ups', () => {
      it('when customers are looked up by phone, e-mail or account, then only the matching ones come back', async () => {
        await stores.customers.put(
          customer('c1', { phones: ['+61400000001'], emails: ['dana@example.com'], channelAccounts: ['sms:1'] }),
        );
        await stores.customers.put(customer('c2', { phones: ['+61400000002'], channelAccounts: ['webchat:u2'] }));
        expect((await stores.customers.findByPhone('+61400000001')).map((c) => c.id)).toEqual(['c1']);
        expect((await stores.customers.findByEmail('Dana@Example.com')).map((c) => c.id)).toEqual(['c1']);
        expect((await stores.customers.findByAccount('webchat:u2')).map((c) => c.id)).toEqual(['c2']);
        expect(await stores.customers.findByPhone('+61400000009')).toEqual([]);
      });

      it('when callbacks share a reference, then findOpenByRef returns the open one only', async () => {
        await stores.callbacks.put(callback('cb1', { status: 'cancelled' }));
        expect(await stores.callbacks.findOpenByRef('K7M2QD')).toBeUndefined();
        await stores.callbacks.put(callback('cb2', { customerId: 'c1', conversationId: 'v1' }));
        expect((await stores.callbacks.findOpenByRef('K7M2QD'))?.id).toBe('cb2');
        expect((await stores.callbacks.findByRef('K7M2QD')).map((c) => c.id).sort()).toEqual(['cb1', 'cb2']);
        expect((await stores.callbacks.findByCustomer('c1')).map((c) => c.id)).toEqual(['cb2']);
        expect((await stores.callbacks.findByConversation('v1')).map((c) => c.id)).toEqual(['cb2']);
      });

      it('when leads are looked up by customer or conversation, then they are found by the link', async () => {
        await stores.leads.put(lead('l1', { customerId: 'c1', conversationId: 'v1' }));
        await stores.leads.put(lead('l2', { conversationId: 'v2' }));
        expect((await stores.leads.findByCustomer('c1')).map((l) => l.id)).toEqual(['l1']);
        expect((await stores.leads.findByConversation('v2')).map((l) => l.id)).toEqual(['l2']);
        expect(await stores.orders.findByCustomer('c1')).toEqual([]);
      });
    });

    describe('queries', () => {
      // 12 conversations: startedAt minutes 0..11 with a tie at minute 5 (ids q05a, q05b).
      const seed = async () => {
        const records: Conversation[] = [];
        for (let i = 0; i < 11; i++) {
          const ids = i === 5 ? ['q05b', 'q05a'] : [`q${String(i).padStart(2, '0')}`];
          for (const id of ids) {
            records.push(
              conversation(id, {
                startedAt: at(i),
                channelId: i % 2 === 0 ? 'webchat' : 'telegram',
                tags: i % 3 === 0 ? ['hot', 'x'] : ['x'],
                reviewed: i > 8,
                activityCount: i,
              }),
            );
          }
        }
        await Promise.all(records.map((r) => stores.conversations.put(r)));
        return records;
      };

      it('when querying without options, then every record comes back in id order with no cursor', async () => {
        const records = await seed();
        const page = await stores.conversations.query();
        expect(page.items.map((c) => c.id)).toEqual(records.map((r) => r.id).sort());
        expect(page.next).toBeUndefined();
      });

      it('when filtering with where, then scalars match by equality and arrays by containment', async () => {
        await seed();
        const ids = async (where: Parameters<Stores['conversations']['query']>[0]) =>
          (await stores.conversations.query(where)).items.map((c) => c.id);
        expect(await ids({ where: { channelId: 'telegram' } })).toEqual(['q01', 'q03', 'q05a', 'q05b', 'q07', 'q09']);
        expect(await ids({ where: { tags: 'hot' } })).toEqual(['q00', 'q03', 'q06', 'q09']);
        expect(await ids({ where: { tags: 'hot', reviewed: true } })).toEqual(['q09']);
        expect(await ids({ where: { activityCount: 4 } })).toEqual(['q04']);
        expect(await stores.conversations.count({ tags: 'x' })).toBe(12);
        expect(await stores.conversations.count({ channelId: 'webchat', reviewed: false })).toBe(5);
        expect(await stores.conversations.count()).toBe(12);
      });

      it('when ordering by a field, then ties are broken by id in both directions', async () => {
        await seed();
        const asc = await stores.conversations.query({ orderBy: 'startedAt' });
        expect(asc.items.map((c) => c.id).slice(4, 8)).toEqual(['q04', 'q05a', 'q05b', 'q06']);
        const desc = await stores.conversations.query({ orderBy: 'startedAt', descending: true });
        expect(desc.items.map((c) => c.id)).toEqual(asc.items.map((c) => c.id).reverse());
      });

      it('when from and to are given, then only records with from <= field < to come back', async () => {
        await seed();
        const page = await stores.conversations.query({ orderBy: 'startedAt', from: at(3), to: at(6) });
        expect(page.items.map((c) => c.id)).toEqual(['q03', 'q04', 'q05a', 'q05b']);
      });

      for (const descending of [false, true]) {
        it(`when paging ${descending ? 'descending' : 'ascending'} with a limit, then cursors walk three pages without gaps or repeats`, async () => {
          await seed();
          const all = await stores.conversations.query({ orderBy: 'startedAt', descending, where: { tags: 'x' } });
          const seen: string[] = [];
          let cursor: string | undefined;
          let pages = 0;
          do {
            const page = await stores.conversations.query({
              orderBy: 'startedAt',
              descending,
              where: { tags: 'x' },
              limit: 5,
              cursor,
            });
            expect(page.items.length).toBeLessThanOrEqual(5);
            seen.push(...page.items.map((c) => c.id));
            cursor = page.next;
            pages += 1;
          } while (cursor && pages < 10);
          expect(pages).toBe(3);
          expect(seen).toEqual(all.items.map((c) => c.id));
        });
      }

      it('when the limit equals the number of matches, then no cursor is returned', async () => {
        await seed();
        const page = await stores.conversations.query({ where: { reviewed: true }, limit: 2 });
        expect(page.items).toHaveLength(2);
        expect(page.next).toBeUndefined();
      });

      it('when paging by id only, then the cursor continues after the last id', async () => {
        await seed();
        const first = await stores.conversations.query({ limit: 4 });
        const second = await stores.conversations.query({ limit: 4, cursor: first.next });
        expect(first.items.map((c) => c.id)).toEqual(['q00', 'q01', 'q02', 'q03']);
        expect(second.items.map((c) => c.id)).toEqual(['q04', 'q05a', 'q05b', 'q06']);
      });

      it('when the cursor is garbage or the limit is not positive, then the query fails with a ValidationError', async () => {
        await expect(stores.conversations.query({ cursor: 'garbage!' })).rejects.toBeInstanceOf(ValidationError);
        await expect(stores.conversations.query({ limit: 0 })).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe('transcripts', () => {
      it('when entries are appended, then read returns them in append order', async () => {
        for (let i = 0; i < 5; i++) await stores.transcripts.append(entry('conv-1', `m${i}`, i % 2 ? 'out' : 'in'));
        await stores.transcripts.append(entry('conv-2', 'other'));
        expect((await stores.transcripts.read('conv-1')).map((e) => e.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
        expect(await stores.transcripts.read('conv-1')).toEqual(
          [0, 1, 2, 3, 4].map((i) => entry('conv-1', `m${i}`, i % 2 ? 'out' : 'in')),
        );
        expect(await stores.transcripts.read('unknown')).toEqual([]);
      });

      it('when appends are fired without waiting, then they still keep their order', async () => {
        await Promise.all(Array.from({ length: 20 }, (_, i) => stores.transcripts.append(entry('burst', `m${i}`))));
        expect((await stores.transcripts.read('burst')).map((e) => e.text)).toEqual(
          Array.from({ length: 20 }, (_, i) => `m${i}`),
        );
      });

      it('when ids hold odd characters, then each conversation keeps its own transcript', async () => {
        const ids = ['a/b:c?d', 'a_b:c?d', 'ÄÖ 会話 🚀', '../../etc/passwd', 'A', 'a', '.', ''];
        for (const id of ids) await stores.transcripts.append(entry(id, `for ${id}`));
        for (const id of ids) expect((await stores.transcripts.read(id)).map((e) => e.text)).toEqual([`for ${id}`]);
      });

      it('when a transcript is deleted, then it reads empty and delete says whether it existed', async () => {
        await stores.transcripts.append(entry('a/b:c?d', 'hello'));
        expect(await stores.transcripts.delete('a/b:c?d')).toBe(true);
        expect(await stores.transcripts.read('a/b:c?d')).toEqual([]);
        expect(await stores.transcripts.delete('a/b:c?d')).toBe(false);
        await stores.transcripts.append(entry('a/b:c?d', 'again'));
        expect((await stores.transcripts.read('a/b:c?d')).map((e) => e.text)).toEqual(['again']);
      });
    });

    describe('state', () => {
      it('when a key is written, then read returns its value with an eTag', async () => {
        await stores.state.write([{ key: 'conv/1', value: { step: 1, nested: { a: [1] } } }]);
        const found = await stores.state.read(['conv/1', 'missing']);
        expect(Object.keys(found)).toEqual(['conv/1']);
        expect(found['conv/1']?.value).toEqual({ step: 1, nested: { a: [1] } });
        expect(found['conv/1']?.eTag).toEqual(expect.any(String));
      });

      it('when writing with the current eTag, then it succeeds and the eTag changes', async () => {
        await stores.state.write([{ key: 'k', value: { n: 1 } }]);
        const first = (await stores.state.read(['k']))['k']!;
        await stores.state.write([{ key: 'k', value: { n: 2 }, expectedETag: first.eTag }]);
        const second = (await stores.state.read(['k']))['k']!;
        expect(second.value).toEqual({ n: 2 });
        expect(second.eTag).not.toBe(first.eTag);
      });

      it('when writing with a stale eTag, then it fails with a ConcurrencyError and nothing changes', async () => {
        await stores.state.write([{ key: 'k', value: { n: 1 } }]);
        const stale = (await stores.state.read(['k']))['k']!.eTag;
        await stores.state.write([{ key: 'k', value: { n: 2 }, expectedETag: stale }]);
        const write = stores.state.write([
          { key: 'other', value: { n: 9 } },
          { key: 'k', value: { n: 3 }, expectedETag: stale },
        ]);
        await expect(write).rejects.toBeInstanceOf(ConcurrencyError);
        const found = await stores.state.read(['k', 'other']);
        expect(found['k']?.value).toEqual({ n: 2 });
        expect(found['other']).toBeUndefined();
      });

      it("when writing with '*' or no eTag, then it overwrites unconditionally", async () => {
        await stores.state.write([{ key: 'k', value: { n: 1 } }]);
        await stores.state.write([{ key: 'k', value: { n: 2 }, expectedETag: '*' }]);
        await stores.state.write([{ key: 'k', value: { n: 3 } }]);
        await stores.state.write([{ key: 'new', value: { n: 1 }, expectedETag: '*' }]);
        const found = await stores.state.read(['k', 'new']);
        expect(found['k']?.value).toEqual({ n: 3 });
        expect(found['new']?.value).toEqual({ n: 1 });
      });

      it('when a key is deleted, then it reads as missing and an eTag for it no longer matches', async () => {
        await stores.state.write([{ key: 'k', value: { n: 1 } }]);
        const eTag = (await stores.state.read(['k']))['k']!.eTag;
        await stores.state.delete(['k', 'never-there']);
        expect(await stores.state.read(['k'])).toEqual({});
        await expect(stores.state.write([{ key: 'k', value: { n: 2 }, expectedETag: eTag }])).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
      });
      it('when a key must be new (eTag null), then it is created once and a second creator gets a ConcurrencyError', async () => {
        const eTags = await stores.state.write([{ key: 'fresh', value: { n: 1 }, expectedETag: null }]);
        expect(eTags['fresh']).toBe((await stores.state.read(['fresh']))['fresh']!.eTag);
        await expect(stores.state.write([{ key: 'fresh', value: { n: 2 }, expectedETag: null }])).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect((await stores.state.read(['fresh']))['fresh']?.value).toEqual({ n: 1 });
      });

      it('when a write succeeds, then it returns the new eTag, which the next write can use', async () => {
        const first = await stores.state.write([{ key: 'k', value: { n: 1 }, expectedETag: null }]);
        const second = await stores.state.write([{ key: 'k', value: { n: 2 }, expectedETag: first['k'] }]);
        expect(second['k']).not.toBe(first['k']);
        await stores.state.write([{ key: 'k', value: { n: 3 }, expectedETag: second['k'] }]);
        expect((await stores.state.read(['k']))['k']?.value).toEqual({ n: 3 });
      });

      it('when ten writers race with the eTag they all read, then exactly one wins', async () => {
        const { eTag } = (await stores.state.read(['race']))['race'] ?? {
          eTag: (await stores.state.write([{ key: 'race', value: { n: 0 } }]))['race'],
        };
        const results = await Promise.allSettled(
          Array.from({ length: 10 }, (_, n) => stores.state.write([{ key: 'race', value: { n: n + 1 }, expectedETag: eTag }])),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConcurrencyError);
        const newcomers = await Promise.allSettled(
          Array.from({ length: 10 }, () => stores.state.write([{ key: 'race-new', value: {}, expectedETag: null }])),
        );
        expect(newcomers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      });
    });

    describe('sales collections', () => {
      salesCollectionsContract(() => stores, reopen);
    });

    describe('lifecycle', () => {
      it('when the stores are closed and reopened, then every kind of data survives', async () => {
        await stores.customers.put(customer('c1', { phones: ['+61400000001'] }));
        await stores.callbacks.put({
          id: 'cb1',
          ref: 'K7M2QD',
          channelId: 'webchat',
          name: 'Ann',
          phone: '+61400000001',
          dueAt: at(30),
          asap: false,
          topic: 'quote',
          status: 'open',
          createdAt: at(0),
          updatedAt: at(0),
        });
        await stores.conversations.put(conversation('v1', { tags: ['t'] }));
        await stores.transcripts.append(entry('v1', 'hi'));
        await stores.state.write([{ key: 's', value: { step: 'ask-name' } }]);
        const eTag = (await stores.state.read(['s']))['s']!.eTag;

        const reopened = await reopen();
        expect((await reopened.customers.findBy('phones', '+61400000001')).map((c) => c.id)).toEqual(['c1']);
        expect((await reopened.callbacks.get('cb1'))?.ref).toBe('K7M2QD');
        expect((await reopened.conversations.get('v1'))?.tags).toEqual(['t']);
        expect((await reopened.transcripts.read('v1')).map((e) => e.text)).toEqual(['hi']);
        expect(await reopened.state.read(['s'])).toEqual({ s: { value: { step: 'ask-name' }, eTag } });
      });

      it('when asked, then healthy() is true while open', async () => {
        expect(await stores.healthy()).toBe(true);
      });

      it('when writes are pending at close, then close waits for them', async () => {
        const writes = Array.from({ length: 30 }, (_, i) => stores.customers.put(customer(`late${i}`)));
        await stores.close();
        await Promise.all(writes);
        stores = await harness.reopen();
        expect(await stores.customers.count()).toBe(30);
      });
    });
  });
}
