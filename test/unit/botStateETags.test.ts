/**
 * Bot state is saved on the eTag it was read with (never botbuilder's '*'): two turns that read the
 * same state cannot both save, and the bot runs the losing turn once more on the fresh state.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityTypes, TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BotStateStorage } from '../../src/bot/botStateStorage.js';
import { CheckedConversationState } from '../../src/bot/conversationState.js';
import { SalesBot } from '../../src/bot/salesBot.js';
import { ConcurrencyError } from '../../src/domain/errors.js';
import type { Stores } from '../../src/domain/ports.js';
import type { TurnInput } from '../../src/domain/turn/turnInput.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { createAdapter } from '../../src/bot/adapter.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

let dir: string;
let stores: Stores;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'isb-etag-'));
  stores = await openLowdbStores(dir);
});
afterEach(async () => {
  await stores.close();
  await rm(dir, { recursive: true, force: true });
});

const adapter = new TestAdapter();
const contextFor = (text: string): TurnContext =>
  new TurnContext(adapter, {
    type: ActivityTypes.Message,
    text,
    channelId: 'test',
    conversation: { id: 'conv-1' },
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    serviceUrl: 'http://127.0.0.1/',
  } as Activity);

describe('bot state eTags', () => {
  it('when two turns read the same saved state, then only the first can save it', async () => {
    const state = new CheckedConversationState(new BotStateStorage(stores.state));
    const counter = state.createProperty<number>('n');
    const seed = contextFor('seed');
    await counter.set(seed, 1);
    await state.saveChanges(seed);

    const [a, b] = [contextFor('a'), contextFor('b')];
    await state.load(a);
    await state.load(b);
    await counter.set(a, 2);
    await counter.set(b, 3);
    await state.saveChanges(a);
    await expect(state.saveChanges(b)).rejects.toBeInstanceOf(ConcurrencyError);
    // The winner may save again in its turn (on the eTag its first save produced).
    await counter.set(a, 4);
    await state.saveChanges(a);
    const check = contextFor('check');
    expect(await counter.get(check)).toBe(4);
  });

  it('when two turns both read a conversation as new, then only the first creates its state', async () => {
    const state = new CheckedConversationState(new BotStateStorage(stores.state));
    const counter = state.createProperty<number>('n');
    const [a, b] = [contextFor('a'), contextFor('b')];
    await counter.set(a, 1);
    await counter.set(b, 1);
    await state.saveChanges(a);
    await expect(state.saveChanges(b)).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('when a turn loses the race to save, then the bot runs it once more on the fresh state', async () => {
    const state = new CheckedConversationState(new BotStateStorage(stores.state));
    // Both turns read the count before either saves: the second save must conflict.
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const runs: string[] = [];
    class CountDialog extends Dialog {
      override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
        return this.continueDialog(dc);
      }
      override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
        const count = state.createProperty<number>('count');
        const n = await count.get(dc.context, 0);
        runs.push(`${dc.context.activity.text}:${n}`);
        if (++arrived === 2) release();
        await bothRead;
        await count.set(dc.context, n + 1);
        return Dialog.EndOfTurn;
      }
    }
    const bot = new SalesBot({
      conversationState: state,
      mainDialog: new CountDialog('count'),
      readTurn: async () => ({}) as TurnInput,
    });
    await Promise.all([bot.run(contextFor('a')), bot.run(contextFor('b'))]);
    const check = contextFor('check');
    expect(await state.createProperty<number>('count').get(check)).toBe(2);
    expect(runs).toHaveLength(3);
    expect(runs[2]).toMatch(/:1$/);
  });

  it('when a turn loses the race twice, then it fails and the state the other turns saved is kept', async () => {
    const state = new CheckedConversationState(new BotStateStorage(stores.state));
    const count = state.createProperty<number>('count');
    const seed = contextFor('seed');
    await count.set(seed, 1);
    await state.saveChanges(seed);
    // Another instance saves between this turn's read and its save, every time.
    class RacedDialog extends Dialog {
      override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
        return this.continueDialog(dc);
      }
      override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
        const n = await count.get(dc.context, 0);
        const other = contextFor('other');
        await count.set(other, (await count.get(other, 0)) + 10);
        await state.saveChanges(other);
        await count.set(dc.context, n + 1);
        return Dialog.EndOfTurn;
      }
    }
    const bot = new SalesBot({
      conversationState: state,
      mainDialog: new RacedDialog('raced'),
      readTurn: async () => ({}) as TurnInput,
    });
    const turn = contextFor('mine');
    const error = await bot.run(turn).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    // The adapter's error handler tells the customer and keeps the conversation's state.
    const config = parseConfig({ LOG_LEVEL: 'silent' });
    const adapter = createAdapter(config, createLogger('silent'), state, { turnErrorText: 'sorry' });
    await adapter.onTurnError(turn, error as Error);
    expect(await count.get(contextFor('check'))).toBe(21);
  });
});
