/**
 * Dialog tests without HTTP: the real MainDialog with real domain services on real lowdb stores in
 * a temp dir, the sample bakery's knowledge, a fixed clock, and botbuilder-testing's
 * DialogTestClient. Each message is recognised once by a middleware, as SalesBot does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConversationState, MemoryStorage, type Activity, type Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { expect } from 'vitest';
import type { DialogServices } from '../../dialogs/services.js';
import type { Session } from '../../dialogs/session.js';
import { setTurnInput } from '../../dialogs/turnInput.js';
import { transcriptMiddleware } from '../../src/bot/transcriptMiddleware.js';
import { createChannelFacts } from '../../src/channels/channelFacts.js';
import { parseConfig } from '../../src/config.js';
import { createBot, createCore } from '../../src/container.js';
import type { Business } from '../../src/domain/business.js';
import type { ConversationLog } from '../../src/domain/conversations/conversationLog.js';
import { createLogger } from '../../src/logger.js';
import { openLowdbStores, type LowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';

export { ANY, says, saysOnly, saysParts, windowAt } from './says.js';

/** Monday 23 November 2026, 10:00 in Sydney: the shop is open. */
export const MONDAY_10AM = new Date('2026-11-23T10:00:00+11:00');
/** Sunday 22 November 2026, 10:00 in Sydney: the shop is closed all day. */
export const SUNDAY_10AM = new Date('2026-11-22T10:00:00+11:00');

const REPO = resolve(import.meta.dirname, '../..');

export const CONVERSATION_ID = 'Convo1';
export const USER_ID = 'user1';

export interface DialogHarness {
  client: DialogTestClient;
  stores: LowdbStores;
  services: DialogServices;
  business: Business;
  conversationLog: ConversationLog;
  /** Sends a message; resolves with the texts of every message the bot sent back. */
  say(text: string, extra?: Partial<Activity>): Promise<string[]>;
  /** Sends any activity; resolves with every activity the bot sent back. */
  send(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The conversation's session as the dialogs see it. */
  session(): Promise<Session | undefined>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  now?: Date;
  /** Share stores with an earlier harness (a second conversation with the same business). */
  stores?: LowdbStores;
  userId?: string;
  conversationId?: string;
  channelId?: string;
}

export async function createDialogHarness(options: HarnessOptions = {}): Promise<DialogHarness> {
  const now = options.now ?? MONDAY_10AM;
  const ownDir = options.stores ? undefined : await mkdtemp(join(tmpdir(), 'isb-dialogs-'));
  const stores = options.stores ?? (await openLowdbStores(ownDir!, { shards: 1 }));
  // The same core and bot as the server builds, on a fixed clock and in-memory conversation state.
  const config = parseConfig({
    DATA_DIR: ownDir ?? tmpdir(),
    KNOWLEDGE_DIR: join(REPO, 'knowledge'),
    LOG_LEVEL: 'silent',
    EMBEDDINGS: 'off',
  });
  const core = await createCore(config, createLogger('silent'), { stores, now: () => new Date(now) });
  const { business, conversationLog } = core;
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const { mainDialog, readTurn, services } = createBot(core, {
    channelFacts: createChannelFacts(business.defaultPhoneRegion),
    conversationState,
  });
  const recognition: Middleware = {
    onTurn: async (context, next) => {
      setTurnInput(context, await readTurn(context));
      await next();
    },
  };
  const client = new DialogTestClient(
    options.channelId ?? 'test',
    mainDialog,
    undefined,
    [transcriptMiddleware(conversationLog), recognition],
    conversationState,
  );
  const userId = options.userId ?? USER_ID;
  const conversationId = options.conversationId ?? CONVERSATION_ID;
  const address = (): Partial<Activity> => ({
    from: { id: userId, name: 'Customer' },
    conversation: { id: conversationId, isGroup: false, name: conversationId } as Activity['conversation'],
  });

  const send = async (activity: Partial<Activity>): Promise<Partial<Activity>[]> => {
    const first = (await client.sendActivity({ ...address(), ...activity })) as Partial<Activity> | undefined;
    const replies: Partial<Activity>[] = first ? [first] : [];
    for (let next = client.getNextReply() as Partial<Activity> | undefined; next; next = client.getNextReply()) {
      replies.push(next);
    }
    return replies;
  };

  return {
    client,
    stores,
    services,
    business,
    conversationLog,
    send,
    async say(text, extra = {}) {
      const replies = await send({ type: 'message', text, ...extra });
      return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
    },
    async session() {
      const key = `${options.channelId ?? 'test'}/conversations/${conversationId}/`;
      const state = (await storage.read([key]))[key] as { session?: Session } | undefined;
      return state?.session;
    },
    async close() {
      await conversationLog.flush();
      if (ownDir) {
        await stores.close();
        await rm(ownDir, { recursive: true, force: true });
      }
    },
  };
}

/** What one turn's replies must show: a pattern each (in order), or a check of their joined text. */
export type Expected = RegExp | RegExp[] | ((reply: string, replies: string[]) => void);

/** One row of a dialog table: what the customer says, and what the bot must answer. */
export type Turn = readonly [said: string, expected: Expected];

/**
 * Plays a table of turns in order. A single pattern must match the turn's replies joined; a list
 * must match the replies one by one (and there must be exactly that many).
 */
export async function play(h: DialogHarness, turns: readonly Turn[]): Promise<string[][]> {
  const all: string[][] = [];
  for (const [said, expected] of turns) {
    const replies = await h.say(said);
    all.push(replies);
    const joined = replies.join('\n');
    const where = `after "${said}" the bot said:\n${joined || '(nothing)'}`;
    if (expected instanceof RegExp) expect(joined, where).toMatch(expected);
    else if (Array.isArray(expected)) {
      expect(replies, where).toHaveLength(expected.length);
      expected.forEach((pattern, i) => expect(replies[i], where).toMatch(pattern));
    } else expected(joined, replies);
  }
  return all;
}
