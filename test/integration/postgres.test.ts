/**
 * The whole bot on PostgreSQL, switched by one variable: a booking made over HTTP lands in the
 * database and a restarted bot still knows the customer.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBot, texts } from '../support/testBot.js';

const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
const schema = `bot_${randomBytes(6).toString('hex')}`;
const MONDAY_10AM = new Date('2026-11-23T10:00:00+11:00');

describe('the bot on PostgreSQL', () => {
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  it('when DATABASE_URL is set, then bookings are stored in PostgreSQL and survive a restart', async () => {
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema };
    const first = await startTestBot({ env, overrides: { now: () => MONDAY_10AM } });
    try {
      const convo = first.conversation({ userId: 'pg-user' });
      await convo.say("call me tomorrow at 3pm on 0412 345 678 about a wedding cake, I'm Dana");
      await convo.say('yes');
      const [done] = texts(await convo.say('yes'));
      expect(done).toMatch(/reference is/);
    } finally {
      await first.stop();
    }

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT doc FROM ${schema}.callbacks`);
      expect(rows.map((r: { doc: { phone: string; status: string } }) => [r.doc.phone, r.doc.status])).toEqual([
        ['+61412345678', 'open'],
      ]);
    } finally {
      await client.end();
    }

    const second = await startTestBot({ env, overrides: { now: () => MONDAY_10AM } });
    try {
      const [greeting] = texts(await second.conversation({ userId: 'pg-user' }).join());
      expect(greeting).toMatch(/Welcome back, Dana/);
    } finally {
      await second.stop();
    }
  });
});
