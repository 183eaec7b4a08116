/**
 * Issue 14, item 1: two real bot processes on one PostgreSQL schema behind a round-robin loopback
 * proxy, as behind a load balancer. Web Chat (in Chromium), Direct Line and /api/messages
 * conversations are driven across both; every reply arrives, nothing is booked twice, nobody becomes
 * two customers, and either instance shows the same transcript. An activity delivered to both
 * instances at once, and ten "yes" raced across them, book once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { systemClock } from '../../src/domain/clock.js';
import { openPgStores } from '../../src/stores/postgres/openPgStores.js';
import { openPgSharedState } from '../../src/stores/postgres/PgSharedState.js';
import { createStaffAccountsFor } from '../../src/staffServices.js';
import { hasChromium, launchChromium } from '../support/browser.js';
import { ChannelStub, type ReplyActivity } from '../support/channelStub.js';
import { roundRobin, startInstance, stopInstance, type Instance } from '../support/botInstances.js';

const url = process.env.DATABASE_URL ?? `postgres://${process.env.PGUSER ?? 'postgres'}@127.0.0.1:5432/test`;
const schema = `t_two_${randomBytes(4).toString('hex')}`;
const SECRET = `two-instances-${randomBytes(24).toString('hex')}`;
const PASSWORD = 'correct horse battery';

const messages = (replies: ReplyActivity[]): string[] => replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');

describe('two bot instances on one PostgreSQL', () => {
  let a: Instance | undefined;
  let b: Instance | undefined;
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  let channel: ChannelStub;
  let admin: pg.Pool;
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: url, max: 2 });
    try {
      await admin.query('SELECT 1');
    } catch (error) {
      throw new Error(`PostgreSQL is not reachable at ${url} (${(error as Error).message}).`);
    }
    // Both start at once: their migrations race on the one schema.
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: schema, DIRECTLINE_SECRET: SECRET, STAFF_SIGNIN_PER_MINUTE: '1000' };
    [a, b] = await Promise.all([startInstance('a', env), startInstance('b', env)]);
    proxy = await roundRobin([a.url, b.url]);
    channel = await new ChannelStub().start();
    // A staff account, made as the staff CLI makes it, in the shared store.
    const stores = await openPgStores(url, { schema });
    const config = parseConfig({ DATABASE_URL: url, DATABASE_SCHEMA: schema });
    await createStaffAccountsFor(config, stores, systemClock).addUser('manny', 'manager', PASSWORD);
    await stores.close();
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await channel?.stop();
    await Promise.all([stopInstance(a), stopInstance(b)]);
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
    if (Object.keys(figures).length) console.info('two instances:', JSON.stringify(figures));
  });

  let seq = 0;
  /** An /api/messages conversation; `via` picks where each activity goes (the proxy by default). */
  const conversation = (channelId = 'test') => {
    const id = `two-${randomUUID()}`;
    const userId = `user-${randomUUID()}`;
    const activity = (text: string, activityId = `act-${++seq}`) => ({
      type: 'message',
      id: activityId,
      channelId,
      serviceUrl: channel.url,
      conversation: { id },
      from: { id: userId, name: 'Customer' },
      recipient: { id: 'bot', name: 'Bot' },
      timestamp: new Date().toISOString(),
      locale: 'en-AU',
      text,
    });
    const post = async (base: string, body: unknown): Promise<number> => {
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    return {
      id,
      activity,
      post,
      async say(text: string, via = proxy.url): Promise<string[]> {
        const status = await post(via, activity(text));
        if (status >= 300) throw new Error(`bot answered ${status}`);
        return messages(channel.take(id));
      },
    };
  };

  const booking = (phone: string) => `please call me back as soon as possible on ${phone} about a wedding order, I'm Dana`;
  const phoneOf = (i: number) => `0412 345 ${String(600 + i).padStart(3, '0')}`;
  const e164 = (i: number) => `+61412345${String(600 + i).padStart(3, '0')}`;

  const customersWith = async (phone: string): Promise<number> =>
    (await admin.query(`SELECT count(*)::int AS n FROM "${schema}".customers WHERE doc->'phones' ? $1`, [phone])).rows[0].n;
  const callbacksOf = async (conversationId: string): Promise<{ ref: string }[]> =>
    (await admin.query(`SELECT doc FROM "${schema}".callbacks WHERE doc->>'conversationId' = $1`, [conversationId])).rows.map(
      (r: { doc: { ref: string } }) => r.doc,
    );

  it('when /api/messages conversations alternate between the instances, then every turn is answered and each books once, as one customer', async () => {
    const before = [...proxy.served];
    const convos = Array.from({ length: 6 }, () => conversation());
    const answers = await Promise.all(
      convos.map(async (c, i) => {
        const turns = [await c.say(booking(phoneOf(i))), await c.say('yes'), await c.say('yes')];
        return turns;
      }),
    );
    for (const turns of answers) {
      for (const replies of turns) expect(replies.length).toBeGreaterThan(0);
      expect(turns[2]!.join(' ')).toMatch(/reference is [A-Z0-9]{6}/);
    }
    for (const [i, c] of convos.entries()) {
      expect(await callbacksOf(c.id)).toHaveLength(1);
      expect(await customersWith(e164(i))).toBe(1);
    }
    // Both instances took a share of the turns.
    expect(proxy.served[0]! - before[0]!).toBeGreaterThan(3);
    expect(proxy.served[1]! - before[1]!).toBeGreaterThan(3);
    figures.apiMessagesConversations = convos.length;
  }, 120_000);

  it('when one activity is delivered to both instances at once, then it is answered once and books once', async () => {
    let delivered = 0;
    let booked = 0;
    for (let i = 0; i < 5; i++) {
      const c = conversation();
      await c.say(booking(phoneOf(20 + i)));
      await c.say('yes');
      const yes = c.activity('yes', `dup-${randomUUID()}`);
      const statuses = await Promise.all([c.post(a!.url, yes), c.post(b!.url, yes), c.post(a!.url, yes), c.post(b!.url, yes)]);
      expect(statuses.every((s) => s < 300)).toBe(true);
      delivered += statuses.length;
      const callbacks = await callbacksOf(c.id);
      expect(callbacks).toHaveLength(1);
      booked += callbacks.length;
      expect(messages(channel.take(c.id)).filter((t) => t.includes(callbacks[0]!.ref))).toHaveLength(1);
    }
    figures.duplicateDeliveries = { conversations: 5, delivered, booked };
  }, 120_000);

  it('when an instance died mid-turn after claiming an activity, then the retry on the other instance is answered', async () => {
    const shared = await openPgSharedState(url, { schema });
    try {
      const c = conversation();
      const orphan = c.activity('what are your opening hours?', `orphan-${randomUUID()}`);
      // What a process killed inside the turn leaves behind: a claim never completed.
      expect(await shared.activities.claim(`test|${c.id}`, orphan.id)).toBe(true);
      expect(await c.post(b!.url, orphan)).toBeLessThan(300);
      expect(messages(channel.take(c.id)).length).toBeGreaterThan(0);
      // Completed now: the next delivery is a duplicate.
      expect(await c.post(a!.url, orphan)).toBeLessThan(300);
      expect(messages(channel.take(c.id))).toEqual([]);
    } finally {
      await shared.close();
    }
  }, 60_000);

  it('when ten "yes" race across both instances, then one callback is booked', async () => {
    const c = conversation();
    await c.say(booking(phoneOf(40)));
    await c.say('yes');
    const statuses = await Promise.all(Array.from({ length: 10 }, (_, i) => c.post(i % 2 ? a!.url : b!.url, c.activity('yes'))));
    expect(statuses.every((s) => s < 300)).toBe(true);
    expect(await callbacksOf(c.id)).toHaveLength(1);
    expect(await customersWith(e164(40))).toBe(1);
    figures.racedYes = { sent: 10, booked: (await callbacksOf(c.id)).length };
  }, 120_000);

  it('when a Direct Line conversation is served by both instances in turn, then no reply is lost and either shows the same activities', async () => {
    const dl = `${proxy.url}/v3/directline`;
    const { token, conversationId } = (await (await fetch(`${dl}/tokens/generate`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${dl}/conversations`, { method: 'POST', headers: auth })).status).toBeLessThan(300);
    const userId = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user as string;
    const activities = async (base = dl) =>
      (
        (await (await fetch(`${base}/conversations/${conversationId}/activities`, { headers: auth })).json()) as {
          activities: { id: string; replyToId?: string; from: { role?: string }; text?: string; type: string }[];
        }
      ).activities;
    const texts = ['hello', 'what are your opening hours?', booking(phoneOf(60)), 'yes', 'yes'];
    for (const text of texts) {
      const res = await fetch(`${dl}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', from: { id: userId }, text }),
      });
      expect(res.status).toBe(200);
      const { id } = (await res.json()) as { id: string };
      // The reply shows up whichever instance is polled.
      await expect
        .poll(async () => (await activities()).some((x) => x.replyToId === id && x.type === 'message'), { timeout: 20_000 })
        .toBe(true);
    }
    const fromA = await activities(`${a!.url}/v3/directline`);
    const fromB = await activities(`${b!.url}/v3/directline`);
    expect(fromA).toEqual(fromB);
    expect(fromA.filter((x) => x.from.role !== 'bot' && x.type === 'message').map((x) => x.text)).toEqual(texts);
    expect(fromA.some((x) => /reference is/.test(x.text ?? ''))).toBe(true);
    expect(await callbacksOf(conversationId)).toHaveLength(1);
    figures.directLineActivities = fromA.length;
  }, 120_000);

  it('when staff sign in through the proxy, then either instance shows the same transcript with that session', async () => {
    const c = conversation();
    await c.say('hello');
    await c.say('what are your opening hours?');
    const res = await fetch(`${proxy.url}/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'manny', password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const transcript = async (base: string) => {
      const r = await fetch(`${base}/staff/api/conversations/${encodeURIComponent(c.id)}`, { headers: { cookie } });
      if (r.status !== 200) return { status: r.status, texts: [] as string[] };
      const body = (await r.json()) as { transcript: { direction: string; text?: string }[] };
      return { status: 200, texts: body.transcript.map((e) => `${e.direction}:${e.text ?? ''}`) };
    };
    // The log is written after the reply: wait until it holds both turns in and out.
    await expect
      .poll(async () => (await transcript(a!.url)).texts.filter((t) => t.startsWith('out:')).length, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    const [fromA, fromB] = [await transcript(a!.url), await transcript(b!.url)];
    expect(fromA.status).toBe(200);
    expect(fromB).toEqual(fromA);
    expect(fromA.texts.filter((t) => t.startsWith('in:'))).toEqual(['in:hello', 'in:what are your opening hours?']);
  }, 60_000);

  it('when guesses of references and bad sign-ins alternate between the instances, then the limits count them all', async () => {
    const guesser = conversation();
    for (const guess of ['2AAAAB', '3AAAAB', '4AAAAB', '5AAAAB', '6AAAAB']) {
      expect((await guesser.say(`cancel my callback ${guess}`)).join(' ')).toMatch(/couldn't find/);
    }
    // Five misses over both instances pause the conversation on either.
    expect((await guesser.say('cancel my callback 7AAAAB', a!.url)).join(' ')).toMatch(/paused/);
    expect((await guesser.say('cancel my callback 8AAAAB', b!.url)).join(' ')).toMatch(/paused/);

    const signIn = (base: string, password: string) =>
      fetch(`${base}/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'nobody-here', password }),
      }).then(async (r) => (await r.arrayBuffer(), r.status));
    // STAFF_LOCKOUT_ATTEMPTS (5) failures, alternating: the name is locked on both instances.
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await signIn(i % 2 ? a!.url : b!.url, 'wrong password'));
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    expect(await signIn(a!.url, 'wrong password')).toBe(429);
    expect(await signIn(b!.url, 'wrong password')).toBe(429);
  }, 60_000);

  it.skipIf(!hasChromium)(
    'when Web Chat runs against the proxy, then the greeting and the answers arrive though each poll may hit either instance',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.route('**/*', (route) => (route.request().url().startsWith(proxy.url) ? route.continue() : route.abort()));
        const served = [...proxy.served];
        await page.goto(`${proxy.url}/`);
        const bubbles = page.locator('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content');
        await bubbles
          .getByText(/welcome to/i)
          .first()
          .waitFor({ timeout: 30_000 });
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        for (const [question, answer] of [
          ['what are your opening hours?', /open|hours|am|pm/i],
          ['how much is the large celebration cake?', /\$/],
        ] as const) {
          const before = await bubbles.count();
          await input.fill(question);
          await input.press('Enter');
          await expect.poll(() => bubbles.count(), { timeout: 30_000 }).toBeGreaterThan(before);
          await bubbles.getByText(answer).last().waitFor({ timeout: 30_000 });
        }
        expect(proxy.served[0]! - served[0]!).toBeGreaterThan(2);
        expect(proxy.served[1]! - served[1]!).toBeGreaterThan(2);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
