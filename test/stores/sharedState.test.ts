/**
 * The shared-state ports (src/domain/sharedState.ts), the same contract in memory (the embedded
 * store, and the channel's own Direct Line store) and in PostgreSQL — where two adapters on one
 * schema stand for two instances and must see one another's locks, claims, attempts and chats.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { LockTimeoutError } from '../../src/domain/errors.js';
import type { DirectLineStore, SharedState } from '../../src/domain/sharedState.js';
import { memorySharedState } from '../../src/stores/memory/memorySharedState.js';
import { openPgSharedState } from '../../src/stores/postgres/PgSharedState.js';
import { openPgStores } from '../../src/stores/postgres/openPgStores.js';
import { ConversationStore } from '../../src/channels/directline/conversationStore.js';

const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
const prefix = `t_${randomBytes(4).toString('hex')}`;
let schemas = 0;
const admin = new pg.Pool({ connectionString: url, max: 2 });
const opened: SharedState[] = [];

afterAll(async () => {
  await Promise.allSettled(opened.map((s) => s.close()));
  const { rows } = await admin.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [
    `${prefix}%`,
  ]);
  for (const { name } of rows) await admin.query(`DROP SCHEMA "${name}" CASCADE`);
  await admin.end();
});

const LIMITS = { maxActivities: 5, maxBytes: 2_000, idleTtlMs: 60_000, maxConversations: 100 };

/** Two views of one shared state: the same object in memory, two adapters on one schema in PostgreSQL. */
type Pair = { a: SharedState; b: SharedState; directLine: [DirectLineStore, DirectLineStore] };

const backends: [string, (lockWaitMs: number) => Promise<Pair>][] = [
  [
    'memory',
    async (lockWaitMs) => {
      const shared = memorySharedState({ lockWaitMs });
      const directLine = new ConversationStore(LIMITS);
      return { a: shared, b: shared, directLine: [directLine, directLine] };
    },
  ],
  [
    'postgres',
    async (lockWaitMs) => {
      const schema = `${prefix}_${++schemas}`;
      const open = async () => {
        const s = await openPgSharedState(url, { schema, lockWaitMs, directLine: LIMITS });
        opened.push(s);
        return s;
      };
      const a = await open();
      const b = await open();
      return { a, b, directLine: [a.directLine!, b.directLine!] };
    },
  ],
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const [name, open] of backends) {
  describe(`${name} shared state`, () => {
    it('when two instances run turns of one conversation at once, then they run one at a time', async () => {
      const { a, b } = await open(5_000);
      let running = 0;
      let most = 0;
      const turn = async () => {
        running++;
        most = Math.max(most, running);
        await sleep(20);
        running--;
      };
      await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).turnLocks.run('chat|c1', turn)));
      expect(most).toBe(1);
      // Different conversations do not wait for each other.
      running = 0;
      most = 0;
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const held = a.turnLocks.run('chat|c2', () => {
        entered();
        return gate;
      });
      await inside;
      await b.turnLocks.run('chat|c3', async () => undefined);
      release();
      await held;
    });

    it('when a conversation stays busy past the lock wait, then the next turn fails with LockTimeoutError and never runs', async () => {
      const { a, b } = await open(150);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const holder = a.turnLocks.run('chat|busy', () => {
        entered();
        return gate;
      });
      await inside;
      let ran = false;
      await expect(
        b.turnLocks.run('chat|busy', async () => {
          ran = true;
        }),
      ).rejects.toBeInstanceOf(LockTimeoutError);
      release();
      await holder;
      expect(ran).toBe(false);
      // Once free, it is had again (polled: on a loaded machine a new connection can take the whole wait).
      await expect.poll(() => b.turnLocks.run('chat|busy', async () => 'ok').catch(() => 'busy')).toBe('ok');
    });

    it('when a processed activity id is claimed again, then only the first claim wins, per conversation, until released', async () => {
      const { a, b } = await open(1_000);
      expect(await a.activities.claim('chat|c1', 'act-1')).toBe(true);
      await a.activities.complete('chat|c1', 'act-1');
      expect(await b.activities.claim('chat|c1', 'act-1')).toBe(false);
      expect(await b.activities.claim('chat|c2', 'act-1')).toBe(true);
      await a.activities.release('chat|c1', 'act-1');
      expect(await b.activities.claim('chat|c1', 'act-1')).toBe(true);
      // Claims are made holding the turn lock: one at a time, each completing before the next.
      let won = 0;
      for (let i = 0; i < 6; i++) {
        const ledger = (i % 2 ? a : b).activities;
        if (await ledger.claim('chat|c3', 'x')) {
          won++;
          await ledger.complete('chat|c3', 'x');
        }
      }
      expect(won).toBe(1);
    });

    it('when a claim was never completed (its process died mid-turn), then the next turn may claim it again', async () => {
      const { a, b } = await open(1_000);
      expect(await a.activities.claim('chat|c4', 'act-9')).toBe(true);
      expect(await b.activities.claim('chat|c4', 'act-9')).toBe(true);
      await b.activities.complete('chat|c4', 'act-9');
      expect(await a.activities.claim('chat|c4', 'act-9')).toBe(false);
    });

    it('when attempts are recorded, then every instance counts them within the window, and clearing forgets them', async () => {
      const { a, b } = await open(1_000);
      const t0 = new Date('2026-12-01T10:00:00Z');
      const at = (s: number) => new Date(t0.getTime() + s * 1000);
      await a.attempts.add('signin:x', at(0), 60_000);
      await b.attempts.add('signin:x', at(30), 60_000);
      expect(await b.attempts.recent('signin:x', at(40), 60_000)).toEqual([at(0).getTime(), at(30).getTime()]);
      expect(await a.attempts.recent('signin:x', at(70), 60_000)).toEqual([at(30).getTime()]);
      expect(await a.attempts.recent('signin:y', at(40), 60_000)).toEqual([]);
      await b.attempts.clear('signin:x');
      expect(await a.attempts.recent('signin:x', at(40), 60_000)).toEqual([]);
    });

    it('when a Direct Line conversation is used from two instances, then both see one watermark and one start', async () => {
      const { directLine } = await open(1_000);
      const [a, b] = directLine;
      const created = await a.create('user-1');
      expect(await b.get(created.id)).toMatchObject({ id: created.id, userId: 'user-1', started: false, watermark: 0 });
      const starts = await Promise.all([a.start(created.id), b.start(created.id), a.start(created.id)]);
      expect(starts.filter(Boolean)).toHaveLength(1);
      const first = await a.append(created.id, { type: 'message', text: 'hi' });
      const second = await b.append(created.id, { type: 'message', text: 'hello' });
      expect(first?.id).toBe(`${created.id}|0000001`);
      expect(second?.id).toBe(`${created.id}|0000002`);
      expect((await b.since(created.id))?.activities.map((x) => x.text)).toEqual(['hi', 'hello']);
      expect(await a.since(created.id, '1')).toMatchObject({ watermark: '2', activities: [{ text: 'hello' }] });
      // A token names a conversation: creating it again keeps it (and its user).
      expect(await b.create('someone-else', created.id)).toMatchObject({ userId: 'user-1', watermark: 2 });
      expect(await a.append('unknown', { type: 'message' })).toBeUndefined();
      expect(await a.since('unknown')).toBeUndefined();
    });

    it('when a conversation keeps posting, then it keeps its latest activities within the count and byte bounds', async () => {
      const { directLine } = await open(1_000);
      const [a, b] = directLine;
      const { id } = await a.create('user-2');
      for (let i = 1; i <= 8; i++) await (i % 2 ? a : b).append(id, { type: 'message', text: `m${i}` });
      expect((await b.since(id))?.activities.map((x) => x.text)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
      const big = 'x'.repeat(800);
      for (let i = 1; i <= 4; i++) await a.append(id, { type: 'message', text: `${big}${i}` });
      const kept = (await b.since(id))!.activities;
      expect(kept.map((x) => x.text!.slice(-1))).toEqual(['3', '4']);
      expect(kept.reduce((n, x) => n + Buffer.byteLength(JSON.stringify(x)), 0)).toBeLessThanOrEqual(LIMITS.maxBytes);
      // One activity larger than the whole bound is still kept (the newest always is).
      await a.append(id, { type: 'message', text: 'y'.repeat(3_000) });
      expect((await b.since(id))!.activities).toHaveLength(1);
    });
  });
}

describe('the in-memory Direct Line store', () => {
  it('when a flood of new conversations arrives, then it pushes out only other new ones, never a chat under way', async () => {
    const store = new ConversationStore({ ...LIMITS, maxConversations: 3 });
    const chat = await store.create('customer');
    await store.append(chat.id, { type: 'message', from: { role: 'user' }, text: 'hi' });
    const flood = [];
    for (let i = 0; i < 50; i++) flood.push(await store.create(`bot-${i}`));
    expect(await store.get(chat.id)).toMatchObject({ userId: 'customer', watermark: 1 });
    expect(await store.get(flood[0]!.id)).toBeUndefined();
    expect(await store.get(flood[49]!.id)).toBeDefined();
  });
});

describe('postgres idempotency keys', () => {
  it('when two callbacks carry one idempotency key, then the database refuses the second', async () => {
    const schema = `${prefix}_idem`;
    const stores = await openPgStores(url, { schema });
    try {
      const base = {
        ref: 'ABC123',
        channelId: 'test',
        name: 'Dana',
        phone: '+61412345678',
        dueAt: '2026-12-02T15:00:00+11:00',
        asap: false,
        topic: 't',
        status: 'open' as const,
        createdAt: '2026-12-01T10:00:00+11:00',
        updatedAt: '2026-12-01T10:00:00+11:00',
        idempotencyKey: 'k',
      };
      await stores.callbacks.put({ ...base, id: 'one' });
      await expect(stores.callbacks.put({ ...base, id: 'two' })).rejects.toThrow(/unique|duplicate/i);
      await stores.callbacks.put({ ...base, id: 'three', idempotencyKey: 'other' });
      expect(await stores.callbacks.count()).toBe(2);
    } finally {
      await stores.close();
    }
  });
});
