/**
 * Issue 14, item 1, in one process (the embedded store): an activity delivered twice is answered
 * once, ten "yes" at once book once, and a turn that cannot wait for its conversation hears
 * "one moment". The same, across two processes on PostgreSQL, is twoInstances.test.ts.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copy } from '../../dialogs/copy.js';
import { MONDAY_10AM } from '../support/dialogHarness.js';
import { startTestBot, texts, type TestBot } from '../support/testBot.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';

const BOOKING = "call me tomorrow at 3pm on 0412 345 678 about a wedding order, I'm Dana";

describe('duplicate and concurrent turns in one process', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  /** A conversation at the consent question of a callback (read back and accepted): the next "yes" books. */
  async function atReadBack(b: TestBot) {
    const convo = b.conversation();
    await convo.say(BOOKING);
    await convo.say('yes');
    return convo;
  }

  it('when one activity is delivered five times at once, then it is processed once and books once', async () => {
    bot = await startTestBot({ overrides: { now: () => MONDAY_10AM } });
    const convo = await atReadBack(bot);
    const yes = {
      type: 'message',
      id: 'the-same-yes',
      channelId: 'test',
      serviceUrl: bot.channel.url,
      conversation: { id: convo.id },
      from: { id: convo.userId, name: 'Customer' },
      recipient: { id: 'bot', name: 'Bot' },
      text: 'yes',
    };
    const statuses = await Promise.all(Array.from({ length: 5 }, () => bot!.post(yes).then((r) => r.status)));
    expect(statuses.every((s) => s < 300)).toBe(true);
    const booked = await bot.app.stores.callbacks.findByConversation(convo.id);
    expect(booked).toHaveLength(1);
    const confirmations = texts(bot.channel.take(convo.id)).filter((t) => t.includes(booked[0]!.ref));
    expect(confirmations).toHaveLength(1);
  });

  it('when ten "yes" arrive at once, then one callback is booked', async () => {
    bot = await startTestBot({ overrides: { now: () => MONDAY_10AM } });
    const convo = await atReadBack(bot);
    await Promise.all(Array.from({ length: 10 }, () => convo.say('yes')));
    expect(await bot.app.stores.callbacks.findByConversation(convo.id)).toHaveLength(1);
  });

  it('when a turn cannot get its conversation within the lock wait, then it hears "one moment" and nothing else runs', async () => {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-lock-')));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const read = stores.state.read.bind(stores.state);
    stores.state.read = async (keys) => {
      if (holding) await held;
      return read(keys);
    };
    bot = await startTestBot({ env: { TURN_LOCK_WAIT_MS: '100' }, overrides: { stores, now: () => MONDAY_10AM } });
    const convo = bot.conversation();
    await convo.say('hello');
    holding = true;
    const first = convo.say('what are your opening hours?');
    // The first turn is stuck reading its state (holding the lock) until the second has its answer.
    const second = texts(await convo.say('hello again'));
    expect(second).toEqual([copy.stillWorking()]);
    holding = false;
    release();
    expect(texts(await first).join(' ')).not.toContain(copy.stillWorking());
  });

  it("when a turn's reply arrives, then its transcript lines are already stored (the next turn, anywhere, appends after them)", async () => {
    const stores = await openLowdbStores(await mkdtemp(join(tmpdir(), 'isb-settle-')));
    const append = stores.transcripts.append.bind(stores.transcripts);
    stores.transcripts.append = async (entry) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return append(entry);
    };
    bot = await startTestBot({ overrides: { stores, now: () => MONDAY_10AM } });
    const convo = bot.conversation();
    const replies = texts(await convo.say('what are your opening hours?'));
    const stored = await stores.transcripts.read(convo.id);
    expect(stored.filter((e) => e.direction === 'in').map((e) => e.text)).toEqual(['what are your opening hours?']);
    expect(stored.filter((e) => e.direction === 'out' && e.type === 'message').map((e) => e.text)).toEqual(replies);
  });
});
