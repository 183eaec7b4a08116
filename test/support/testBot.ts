/**
 * Starts the real application (restify + CloudAdapter + dialogs + lowdb on real files) on an
 * ephemeral port, with a channel stub standing in for the channel at serviceUrl.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createApp, type App, type AppOverrides } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { ChannelStub, type ReplyActivity } from './channelStub.js';

export const REPO = resolve(import.meta.dirname, '../..');
/** The second business every behaviour is checked on: the bike-shop fixture. */
export const BIKES_KNOWLEDGE = join(REPO, 'test/fixtures/knowledge-bikes');

/**
 * The sample bakery and the bike shop, started before a describe block's tests and stopped after
 * them: `const shops = useBothShops(); … shops.bikes.conversation()`.
 */
export function useBothShops(options: { overrides?: AppOverrides } = {}): { readonly bakery: TestBot; readonly bikes: TestBot } {
  const shops = {} as { bakery: TestBot; bikes: TestBot };
  beforeAll(async () => {
    shops.bakery = await startTestBot(options);
    shops.bikes = await startTestBot({ ...options, env: { KNOWLEDGE_DIR: BIKES_KNOWLEDGE } });
  });
  afterAll(async () => {
    await shops.bakery?.stop();
    await shops.bikes?.stop();
  });
  return shops;
}

export interface TestBot {
  app: App;
  channel: ChannelStub;
  url: string;
  dataDir: string;
  /** Posts a raw body to /api/messages. */
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** A conversation on a channel, as one user. */
  conversation(options?: { channelId?: string; userId?: string; channelData?: unknown; id?: string }): TestConversation;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestConversation {
  id: string;
  userId: string;
  /** Sends a message and returns the bot's replies to it. */
  say(text: string, extra?: Record<string, unknown>): Promise<ReplyActivity[]>;
  /** Sends any activity and returns the replies. */
  send(activity: Record<string, unknown>): Promise<ReplyActivity[]>;
  /** The user joins (conversationUpdate), as channels send it first. */
  join(): Promise<ReplyActivity[]>;
}

export async function startTestBot(
  options: { env?: Record<string, string>; dataDir?: string; overrides?: AppOverrides } = {},
): Promise<TestBot> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'isb-')));
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: join(REPO, 'knowledge'),
    LOG_LEVEL: 'silent',
    // The sentence model costs a worker and ~1 s a start: tests that measure it opt in (TEST_EMBEDDINGS=local
    // runs every test bot with it, as `npm start` does).
    EMBEDDINGS: process.env.TEST_EMBEDDINGS === 'local' ? 'local' : 'off',
    // Passage vectors are keyed by model and text: every test bot (and the eval) shares one cache.
    EMBEDDINGS_CACHE_DIR: join(REPO, 'data/embeddings'),
    // The model's answers, not the machine's load: on a busy test machine a question could miss the
    // 100 ms budget and be read lexically (that fallback has tests of its own).
    EMBEDDINGS_TIMEOUT_MS: '5000',
    ...options.env,
  });
  const app = await createApp(config, createLogger(config.LOG_LEVEL), options.overrides);
  const port = await app.listen();
  // With the sentence model on, a test asks its questions once the passages are embedded.
  if (config.EMBEDDINGS !== 'off') await app.sentenceModel;
  const channel = await new ChannelStub().start();
  const url = `http://127.0.0.1:${port}`;
  let seq = 0;

  const post = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  return {
    app,
    channel,
    url,
    dataDir,
    post,
    conversation({ channelId = 'test', userId = `user-${randomUUID()}`, channelData, id } = {}) {
      const conversationId = id ?? `conv-${randomUUID()}`;
      const base = () => ({
        id: `act-${++seq}`,
        channelId,
        serviceUrl: channel.url,
        conversation: { id: conversationId },
        from: { id: userId, name: 'Customer' },
        recipient: { id: 'bot', name: 'Bot' },
        timestamp: new Date().toISOString(),
        locale: 'en-AU',
        ...(channelData ? { channelData } : {}),
      });
      const send = async (activity: Record<string, unknown>): Promise<ReplyActivity[]> => {
        const res = await post({ ...base(), ...activity });
        if (res.status >= 400) throw new Error(`bot answered ${res.status}: ${await res.text()}`);
        return channel.take(conversationId);
      };
      return {
        id: conversationId,
        userId,
        send,
        say: (text, extra = {}) => send({ type: 'message', text, ...extra }),
        join: () => send({ type: 'conversationUpdate', membersAdded: [{ id: userId }] }),
      };
    },
    async stop({ keepData = false } = {}) {
      await app.close();
      await channel.stop();
      if (!keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The texts of message replies. */
export const texts = (replies: ReplyActivity[]): string[] => replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
