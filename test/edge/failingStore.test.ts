import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';
import { MONDAY_10AM } from '../support/dialogHarness.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { guardStores } from '../../src/stores/guardStores.js';
import { StoreUnavailableError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/domain/ports.js';

/** Issue 14, item 4: when the store fails or freezes, the customer still gets an answer. */
const TROUBLE = /having trouble saving that right now — please try again in a minute, or call \+61291234567/;
const never = (): Promise<never> => new Promise(() => {});

describe('a failing store', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  async function start(break_: (stores: Stores) => void, env: Record<string, string> = {}): Promise<TestBot> {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-fail-')));
    break_(stores);
    bot = await startTestBot({ env: { STORE_TIMEOUT_MS: '200', ...env }, overrides: { stores, now: () => MONDAY_10AM } });
    return bot;
  }

  it('when state writes hang, then the customer hears that saving failed instead of silence', async () => {
    const b = await start((s) => {
      s.state.write = never;
    });
    expect(texts(await b.conversation().say('hello')).join(' ')).toMatch(TROUBLE);
  });

  it('when the database refuses every call, then every turn is answered with the store-failure reply', async () => {
    const b = await start((s) => {
      s.state.read = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
      s.state.write = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    });
    for (let i = 0; i < 8; i++) expect(texts(await b.conversation().say('hello')).join(' ')).toMatch(TROUBLE);
  });

  it('when saving a booking fails, then nothing is confirmed', async () => {
    const b = await start((s) => {
      // A booking is written insert-once (update) on its idempotency key; plain put for the rest.
      s.callbacks.put = never;
      s.callbacks.update = never;
    });
    const convo = b.conversation();
    await convo.say("call me tomorrow at 3pm on 0412 345 678 about cupcakes, I'm Dana");
    await convo.say('yes');
    const replies = texts(await convo.say('yes')).join(' ');
    expect(replies).toMatch(TROUBLE);
    expect(replies).not.toMatch(/reference is/);
  });

  it('when the store does not answer the health check, then /healthz says 503 within a second', async () => {
    const b = await start((s) => {
      s.healthy = never;
    });
    const res = await fetch(`${b.url}/healthz`, { signal: AbortSignal.timeout(1_500) });
    expect(res.status).toBe(503);
  });

  it('when the disk has less than the reserve free, then /healthz says 503', async () => {
    const b = await start(() => {}, { HEALTH_MIN_FREE_MB: String(1e12) });
    expect((await fetch(`${b.url}/healthz`)).status).toBe(503);
  });
});

describe('the circuit breaker', () => {
  it('when the store fails five times in a row, then further calls fail at once without reaching it', async () => {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-brk-')));
    let calls = 0;
    stores.customers.get = () => {
      calls++;
      return Promise.reject(new Error('connection terminated'));
    };
    const guarded = guardStores(stores, { timeoutMs: 200, breakAfter: 5, halfOpenAfterMs: 60_000 });
    for (let i = 0; i < 20; i++) await expect(guarded.customers.get('x')).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(calls).toBe(5);
    await stores.close();
  });

  it('when a role port hangs, then the guarded store keeps the port and gives it the same deadline', async () => {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-brk-')));
    stores.callbacks.findOpenByRef = never;
    const guarded = guardStores(stores, { timeoutMs: 200, breakAfter: 5 });
    await expect(guarded.customers.findByPhone('+61412345678')).resolves.toEqual([]);
    await expect(guarded.leads.findByConversation('c1')).resolves.toEqual([]);
    await expect(guarded.callbacks.findOpenByRef('K7M2QD')).rejects.toBeInstanceOf(StoreUnavailableError);
    await stores.close();
  });

  it('when the store answers with a refusal of the product (a lost race), then it is passed on and does not count', async () => {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-brk-')));
    const guarded = guardStores(stores, { timeoutMs: 1_000, breakAfter: 1 });
    await expect(guarded.customers.get('missing')).resolves.toBeUndefined();
    await expect(guarded.customers.get('missing')).resolves.toBeUndefined();
    await stores.close();
  });
});
