/**
 * The composition root: builds every adapter and service from the configuration and wires them.
 * Nothing else in the code base creates a store, a logger or a server.
 */
import { resolve } from 'node:path';
import { ConversationState } from 'botbuilder';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Stores } from './domain/ports.js';
import type { Business } from './domain/business.js';
import type { KnowledgeIndex } from './domain/knowledge/passage.js';
import { createConversationLog } from './domain/conversations/conversationLog.js';
import { createOfflineRecognizer } from './domain/understanding/offlineRecognizer.js';
import type { Recognizer } from './domain/understanding/types.js';
import { loadKnowledge } from './knowledge/markdownLoader.js';
import { createLanguageModel } from './llm/languageModel.js';
import { Bm25KnowledgeIndex } from './knowledge/bm25KnowledgeIndex.js';
import { openStores } from './stores/openStores.js';
import { guardStores } from './stores/guardStores.js';
import { healthCheck } from './healthCheck.js';
import { createAdapter } from './bot/adapter.js';
import { BotStateStorage } from './bot/botStateStorage.js';
import { SalesBot } from './bot/salesBot.js';
import { transcriptMiddleware } from './bot/transcriptMiddleware.js';
import { createServer, isLoopback, type BotServer } from './server.js';
import { installChannels } from './channels/installChannels.js';
import { registerStaffRoutes } from './staff/staffRoutes.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import { createDialogServices } from '../dialogs/services.js';
import { createSessions, type Session } from '../dialogs/session.js';
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from './domain/clock.js';
import { SKIP_TRANSCRIPT } from './bot/turnFlags.js';

export interface App {
  config: Config;
  business: Business;
  knowledge: KnowledgeIndex;
  stores: Stores;
  http: BotServer;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, finishes in-flight turns, flushes the store. */
  close(): Promise<void>;
}

export interface AppOverrides {
  stores?: Stores;
  recognizer?: Recognizer;
  now?: () => Date;
}

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const { passages, business } = await loadKnowledge(resolve(config.KNOWLEDGE_DIR));
  const knowledge = new Bm25KnowledgeIndex(passages);
  logger.info({ passages: knowledge.size, business: business.name }, 'knowledge loaded');

  const stores = guardStores(
    overrides.stores ??
      (await openStores(config, (store, id, problem) => logger.warn({ store, id, problem }, 'corrupt record skipped'))),
    {
      timeoutMs: config.STORE_TIMEOUT_MS,
      breakAfter: config.STORE_BREAK_AFTER,
      onBreak: () => logger.error({ code: 'store_circuit_open' }, 'store failing; circuit open'),
    },
  );
  const storage = new BotStateStorage(stores.state);
  const conversationState = new ConversationState(storage);

  const conversationLog = createConversationLog({
    conversations: stores.conversations,
    transcripts: stores.transcripts,
    onError: (err, conversationId) => logger.error({ err, conversationId }, 'transcript write failed'),
  });

  const adapter = createAdapter(config, logger, conversationState, business.staffPhone);
  adapter.use(transcriptMiddleware(conversationLog));

  const clock: Clock = overrides.now ? { now: overrides.now } : systemClock;
  const sessions = createSessions(conversationState.createProperty<Session>('session'));
  // With OPENAI_API_KEY, a language model words answers and advice; offline adapters otherwise.
  const offlineRecognizer = createOfflineRecognizer();
  const model = createLanguageModel(config, { business, offlineRecognizer, log: logger.child({ component: 'llm' }) });
  if (model)
    logger.info({ model: config.OPENAI_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'OpenAI' }, 'language model configured');
  const services = createDialogServices({
    business,
    knowledge,
    minConfidence: config.ANSWER_MIN_CONFIDENCE,
    stores,
    conversationLog,
    sessions,
    clock,
    newId: () => randomUUID(),
    answerComposer: model?.answerComposer,
    lamaWriter: model?.lamaWriter,
  });
  const mainDialog = new MainDialog(services, async (context) => {
    // After "forget me" the conversation's state goes too, and this turn's replies are not recorded.
    context.turnState.set(SKIP_TRANSCRIPT, true);
    await conversationState.delete(context);
  });
  const bot = new SalesBot({
    conversationState,
    mainDialog,
    recognizer: overrides.recognizer ?? model?.recognizer ?? offlineRecognizer,
    business,
    clock,
    customers: services.customers,
    modelBudgetMs: model ? config.OPENAI_TIMEOUT_MS : undefined,
  });

  const authenticated = Boolean(config.MicrosoftAppId);
  const http = createServer({
    adapter,
    bot,
    logger,
    healthy: healthCheck({ stores, dataDir: config.DATA_DIR, minFreeMb: config.HEALTH_MIN_FREE_MB }),
    allowServiceUrl: (url) => authenticated || isLoopback(url),
  });
  const channels = installChannels({ adapter, server: http.server, bot, logger, business, config });
  registerStaffRoutes(http.server, {
    stores,
    logger,
    sessionHours: config.STAFF_SESSION_HOURS,
    lockoutAttempts: config.STAFF_LOCKOUT_ATTEMPTS,
    lockoutMinutes: config.STAFF_LOCKOUT_MINUTES,
    signInsPerMinute: config.STAFF_SIGNIN_PER_MINUTE,
    cookieSecure: config.STAFF_COOKIE_SECURE,
    clock: overrides.now ? { now: overrides.now } : undefined,
  });

  let closed = false;
  return {
    config,
    business,
    knowledge,
    stores,
    http,
    listen: () =>
      new Promise((resolveListen, reject) => {
        http.server.once('error', reject);
        http.server.listen(config.PORT, config.HOST, () => {
          const address = http.server.address();
          resolveListen(typeof address === 'object' && address ? address.port : config.PORT);
        });
      }),
    async close() {
      if (closed) return;
      closed = true;
      await channels.close();
      await new Promise<void>((done) => {
        http.server.close(() => done());
        http.server.server.closeIdleConnections?.();
      });
      await http.drained();
      await conversationLog.flush();
      await stores.close();
    },
  };
}
