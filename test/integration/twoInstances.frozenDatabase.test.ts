/**
 * The shared state on PostgreSQL keeps item 4's promise: when the database stops answering (frozen
 * behind a TCP proxy that stops forwarding), the customer hears the store-trouble reply after the
 * store deadline — not silence, and not the turn lock's much longer wait.
 */
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';

const url = new URL(process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`);
const schema = `t_frozen_${randomBytes(4).toString('hex')}`;

/** A TCP proxy to PostgreSQL that can stop forwarding (both ways) and start again. */
function freezer(): Promise<{ port: number; freeze(frozen: boolean): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let frozen = false;
  const server: Server = createServer((client) => {
    const upstream = connect(Number(url.port || 5432), url.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      if (frozen) s.pause();
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        freeze(on) {
          frozen = on;
          for (const s of sockets) {
            if (on) s.pause();
            else s.resume();
          }
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    ),
  );
}

let proxy: Awaited<ReturnType<typeof freezer>>;
let bot: TestBot;

beforeAll(async () => {
  proxy = await freezer();
  const through = new URL(url);
  through.hostname = '127.0.0.1';
  through.port = String(proxy.port);
  bot = await startTestBot({
    // The lock wait is longer than the test may take: only the store deadline can answer in time.
    env: { DATABASE_URL: through.toString(), DATABASE_SCHEMA: schema, STORE_TIMEOUT_MS: '500', TURN_LOCK_WAIT_MS: '30000' },
  });
}, 60_000);

afterAll(async () => {
  proxy?.freeze(false);
  await proxy?.close();
  await bot?.stop();
  const admin = new pg.Pool({ connectionString: url.toString(), max: 1 });
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

it('when PostgreSQL freezes, then the next turn is answered with the store-trouble reply', async () => {
  const convo = bot.conversation();
  expect(texts(await convo.say('hello')).join(' ')).not.toContain('trouble');
  proxy.freeze(true);
  const replies = texts(await convo.say('what are your opening hours?')).join(' ');
  expect(replies).toContain(copy.storeTrouble(bot.app.business.staffPhone));
  // A second conversation too (a fresh lock connection cannot be made either).
  expect(texts(await bot.conversation().say('hello')).join(' ')).toContain(copy.storeTrouble(bot.app.business.staffPhone));
});
