/**
 * The composition root's parts: every store, domain service, staff service and the bot are built
 * here, from the configuration, and nowhere else. `src/app.ts` adds HTTP and channels; the staff CLI
 * and the tests build from the same functions.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { ConversationState, TurnContext } from 'botbuilder';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Business } from './domain/business.js';
import { systemClock, type Clock } from './domain/clock.js';
import { createConversationLog, type ConversationLog } from './domain/conversations/conversationLog.js';
import { createOfflineAnswerComposer } from './domain/knowledge/answerComposer.js';
import type { Embedder } from './domain/knowledge/embedder.js';
import type { KnowledgeIndex, KnowledgeRetriever } from './domain/knowledge/passage.js';
import { createOfflineLamaWriter } from './domain/consulting/lamaWriter.js';
import type { Stores } from './domain/ports.js';
import type { ChannelFacts } from './domain/turn/turnInput.js';
import { createOfflineRecognizer } from './domain/understanding/offlineRecognizer.js';
import type { Recognizer } from './domain/understanding/types.js';
import { loadOrBuildIndex } from './knowledge/indexCache.js';
import { loadKnowledge } from './knowledge/markdownLoader.js';
import { createEmbedder } from './knowledge/embeddings/createEmbedder.js';
import { inBackground, withEmbeddingBudget } from './knowledge/embeddings/embeddingBudget.js';
import { GeneralEnglish } from './knowledge/generalEnglish.js';
import { HybridRetriever } from './knowledge/hybridRetriever.js';
import { lexicalMinConfidence } from './knowledge/refusalModel.js';
import { createLanguageModel, type LanguageModel } from './llm/languageModel.js';
import { openStores } from './stores/openStores.js';
import { guardStores } from './stores/guardStores.js';
import { memorySharedState } from './stores/memory/memorySharedState.js';
import { openPgSharedState } from './stores/postgres/PgSharedState.js';
import type { SharedState } from './domain/sharedState.js';
import { withModelBudget } from './llm/modelBudget.js';
import { BotStateStorage } from './bot/botStateStorage.js';
import { CheckedConversationState } from './bot/conversationState.js';
import { SalesBot } from './bot/salesBot.js';
import { createTurnReader, type TurnReader } from './bot/turnReader.js';
import { MainDialog } from '../dialogs/mainDialog.js';
import type { DialogServices } from '../dialogs/services.js';
import { createSessions, type Session } from '../dialogs/session.js';
import { SKIP_TRANSCRIPT } from './bot/turnFlags.js';
import { createStaffServices, type StaffServices } from './staffServices.js';
import { createDomainServices, type DomainServices } from './domainServices.js';

export type { StaffServices } from './staffServices.js';

export interface CoreOverrides {
  stores?: Stores;
  /** What instances share (locks, processed activities, limits, Direct Line); by DATABASE_URL by default. */
  shared?: SharedState;
  recognizer?: Recognizer;
  now?: () => Date;
  newId?: () => string;
}

/** The business, its knowledge, the stores and the domain services: everything but the bot and HTTP. */
export interface Core {
  config: Config;
  business: Business;
  knowledge: KnowledgeIndex;
  /** Lexical retrieval, fused with the sentence model once it is ready. */
  retriever: KnowledgeRetriever;
  /** Resolves once the sentence model answers with the passages embedded (true), or will not (false: off or failed). */
  sentenceModel: Promise<boolean>;
  stores: Stores;
  /** What several instances must share: in PostgreSQL with DATABASE_URL, else in this process. */
  shared: SharedState;
  clock: Clock;
  newId: () => string;
  conversationLog: ConversationLog;
  model?: LanguageModel;
  recognizer: Recognizer;
  /** The domain services, built once: the dialogs and the staff side share them. */
  services: DomainServices;
  staff: StaffServices;
  /** Flushes the conversation log and releases the stores. */
  close(): Promise<void>;
}

/** Passages above which the sentence model's per-question scan is worth a warning in the log. */
const LARGE_FOR_SENTENCE_MODEL = 5_000;

/** How long the knowledge-gaps report may wait for the sentence model before grouping by words. */
const GAPS_EMBEDDING_MS = 10_000;

export async function createCore(config: Config, logger: Logger, overrides: CoreOverrides = {}): Promise<Core> {
  const { passages, business, lexicon } = await loadKnowledge(resolve(config.KNOWLEDGE_DIR));
  const { index: knowledge, fromCache } = await loadOrBuildIndex(passages, {
    lexicon,
    dir: config.KNOWLEDGE_INDEX_CACHE_DIR ?? join(config.DATA_DIR, 'index-cache'),
    onError: (err) => logger.warn({ err }, 'lexical index cache not used'),
  });
  const retriever = await HybridRetriever.create(knowledge, {
    general: GeneralEnglish.load(),
    onEmbedderError: (err) => logger.warn({ err }, 'sentence model failed; answering lexically'),
  });
  logger.info({ passages: knowledge.size, business: business.name, indexFromCache: fromCache }, 'knowledge loaded');
  // The sentence model (EMBEDDINGS) loads and embeds the passages in the background (slow the first
  // time, fast from the cache): until then, and if it fails, questions are answered lexically.
  const embedderReady = createEmbedder(config, logger);
  // The staff side (the knowledge-gaps report) uses it too, once ready, in the background: behind
  // customers' questions, within GAPS_EMBEDDING_MS, its vectors kept in memory only.
  let staffEmbedder: Embedder | undefined;
  const sentenceModel = embedderReady
    .then(async (embedder) => {
      if (!embedder || !(await retriever.attach(embedder))) return false;
      logger.info({ sentenceModel: embedder.id }, 'sentence model ready');
      // Each question is compared with every passage's vectors on the event loop (~4 ms per 1,000
      // passages here): on a large knowledge base that is every conversation's wait.
      if (knowledge.size > LARGE_FOR_SENTENCE_MODEL)
        logger.warn(
          { passages: knowledge.size },
          'sentence model on a large knowledge base: every question scans all passage vectors (~4 ms per 1,000); EMBEDDINGS=off answers lexically in ~1 ms',
        );
      staffEmbedder = {
        id: embedder.id,
        embed: (texts) => inBackground(GAPS_EMBEDDING_MS, () => embedder.embed(texts)),
        close: async () => undefined,
      };
      return true;
    })
    .catch((err: unknown) => {
      logger.warn({ err }, 'sentence model failed; answering lexically');
      return false;
    });

  // Every store call — role ports included — has a deadline and goes through one circuit breaker.
  const stores = guardStores(
    overrides.stores ??
      (await openStores(config, (store, id, problem) => logger.warn({ store, id, problem }, 'corrupt record skipped'))),
    {
      timeoutMs: config.STORE_TIMEOUT_MS,
      breakAfter: config.STORE_BREAK_AFTER,
      onBreak: () => logger.error({ code: 'store_circuit_open' }, 'store failing; circuit open'),
    },
  );
  const sharedOptions = { lockWaitMs: config.TURN_LOCK_WAIT_MS, timeoutMs: config.STORE_TIMEOUT_MS };
  const shared =
    overrides.shared ??
    (config.DATABASE_URL
      ? await openPgSharedState(config.DATABASE_URL, { ...sharedOptions, schema: config.DATABASE_SCHEMA })
      : memorySharedState(sharedOptions));
  const clock: Clock = overrides.now ? { now: overrides.now } : systemClock;
  const conversationLog = createConversationLog({
    conversations: stores.conversations,
    transcripts: stores.transcripts,
    onError: (err, conversationId) => logger.error({ err, conversationId }, 'transcript write failed'),
  });
  const newId = overrides.newId ?? (() => randomUUID());
  const services = createDomainServices(business, stores, clock, newId, shared.attempts);
  // With OPENAI_API_KEY, a language model words answers and advice; offline adapters otherwise.
  const offlineRecognizer = createOfflineRecognizer();
  const model = createLanguageModel(config, { business, offlineRecognizer, log: logger.child({ component: 'llm' }) });
  if (model)
    logger.info({ model: config.OPENAI_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'OpenAI' }, 'language model configured');
  return {
    config,
    business,
    knowledge,
    retriever,
    sentenceModel,
    stores,
    shared,
    clock,
    newId,
    conversationLog,
    model,
    recognizer: overrides.recognizer ?? model?.recognizer ?? offlineRecognizer,
    services,
    staff: createStaffServices(config, stores, clock, services, business, shared.attempts, {
      current: () => staffEmbedder,
      onError: (err) => logger.warn({ err }, 'sentence model failed; knowledge gaps grouped by their words'),
    }),
    async close() {
      await conversationLog.flush();
      await stores.close();
      await shared.close();
      await (await embedderReady)?.close();
    },
  };
}

/** What the dialogs may call: the core's domain services, the knowledge and the session. */
function createDialogServices(core: Core, sessions: DialogServices['sessions']): DialogServices {
  const { customers, leads, callbacks, orders } = core.services;
  return {
    business: core.business,
    knowledge: core.knowledge,
    retriever: core.retriever,
    answerMinConfidence: core.config.ANSWER_MIN_CONFIDENCE,
    minConfidence: lexicalMinConfidence(core.config.ANSWER_MIN_CONFIDENCE),
    conversationLog: core.conversationLog,
    customers,
    leads,
    callbacks,
    orders,
    clock: core.clock,
    sessions,
    answerComposer: core.model?.answerComposer ?? createOfflineAnswerComposer(),
    lamaWriter: core.model?.lamaWriter ?? createOfflineLamaWriter(),
  };
}

export interface Bot {
  bot: SalesBot;
  conversationState: ConversationState;
  mainDialog: MainDialog;
  readTurn: TurnReader;
  services: DialogServices;
}

export interface BotOptions {
  /** The channel layer's reading of a turn (src/channels/channelFacts.ts). */
  channelFacts: (context: TurnContext) => ChannelFacts;
  /** Where conversation state lives; the store's state port by default. */
  conversationState?: ConversationState;
}

/** The bot over the core: conversation state, sessions, the dialogs and the turn reader. */
export function createBot(core: Core, options: BotOptions): Bot {
  const conversationState = options.conversationState ?? new CheckedConversationState(new BotStateStorage(core.stores.state));
  const sessions = createSessions(conversationState.createProperty<Session>('session'));
  const services = createDialogServices(core, sessions);
  const mainDialog = new MainDialog(services, async (context) => {
    // After "forget me" the conversation's state goes too, and this turn's replies are not recorded.
    context.turnState.set(SKIP_TRANSCRIPT, true);
    await conversationState.delete(context);
  });
  const readTurn = createTurnReader({
    recognizer: core.recognizer,
    business: core.business,
    clock: core.clock,
    channelFacts: options.channelFacts,
  });
  // One budget for all of a turn's model calls: a hanging model costs a customer one deadline per turn.
  // The sentence model has its own, shorter one (it has a lexical answer to fall back on).
  const budgetMs = core.model ? core.config.OPENAI_TIMEOUT_MS : undefined;
  const embeddingMs = core.config.EMBEDDINGS === 'off' ? undefined : core.config.EMBEDDINGS_TIMEOUT_MS;
  const withBudgets = (turn: () => Promise<void>): Promise<void> => {
    const modelTurn = budgetMs ? () => withModelBudget(budgetMs, turn) : turn;
    return embeddingMs ? withEmbeddingBudget(embeddingMs, modelTurn) : modelTurn();
  };
  const bot = new SalesBot({
    conversationState,
    mainDialog,
    readTurn,
    aroundTurn: budgetMs || embeddingMs ? withBudgets : undefined,
  });
  return { bot, conversationState, mainDialog, readTurn, services };
}
