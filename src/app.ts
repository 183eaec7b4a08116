/**
 * The composition root: the core (stores, knowledge, domain and staff services) and the bot from
 * src/container.ts, plus the adapter, HTTP server, channels and staff routes. Nothing else in the
 * code base creates a store, a service, a logger or a server.
 */
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Business } from './domain/business.js';
import type { KnowledgeIndex } from './domain/knowledge/passage.js';
import type { Stores } from './domain/ports.js';
import { createAdapter } from './bot/adapter.js';
import { transcriptMiddleware } from './bot/transcriptMiddleware.js';
import { turnGuardMiddleware } from './bot/turnGuard.js';
import { createChannelFacts } from './channels/channelFacts.js';
import { installChannels } from './channels/installChannels.js';
import { registerStaffRoutes } from './staff/staffRoutes.js';
import { createServer, isLoopback, type BotServer } from './server.js';
import { healthCheck } from './healthCheck.js';
import { startRetentionJob } from './domain/retention/retentionJob.js';
import { createBot, createCore, type CoreOverrides, type StaffServices } from './container.js';
import { copy } from '../dialogs/copy.js';
import { createRateLimit } from './domain/attemptLimiter.js';

export interface App {
  config: Config;
  business: Business;
  knowledge: KnowledgeIndex;
  /** Resolves true once the sentence model answers (the passages embedded), false when it is off or failed. */
  sentenceModel: Promise<boolean>;
  stores: Stores;
  staff: StaffServices;
  http: BotServer;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, finishes in-flight turns, flushes the store. */
  close(): Promise<void>;
}

export type AppOverrides = CoreOverrides;

/** How often the retention job runs (the first run is one interval after start). */
const RETENTION_EVERY_MS = 3_600_000;

export async function createApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const core = await createCore(config, logger, overrides);
  const { bot, conversationState } = createBot(core, { channelFacts: createChannelFacts(core.business.defaultPhoneRegion) });

  const adapter = createAdapter(config, logger, conversationState, {
    turnErrorText: copy.turnError(),
    storeTroubleText: copy.storeTrouble(core.business.staffPhone),
  });
  // First: one turn at a time per conversation on every instance, each activity processed once.
  adapter.use(
    turnGuardMiddleware({
      locks: core.shared.turnLocks,
      activities: core.shared.activities,
      busyText: copy.stillWorking(),
      onDuplicate: (_scope, activityId) => logger.info({ activityId }, 'duplicate activity acknowledged'),
      onBusy: () => logger.warn({ code: 'turn_lock_timeout' }, 'conversation busy; asked to resend'),
      settle: (context) => core.conversationLog.settled(String(context.activity.conversation?.id ?? '')),
    }),
  );
  adapter.use(transcriptMiddleware(core.conversationLog));

  const authenticated = Boolean(config.MicrosoftAppId);
  const http = createServer({
    adapter,
    bot,
    logger,
    healthy: healthCheck({ stores: core.stores, dataDir: config.DATA_DIR, minFreeMb: config.HEALTH_MIN_FREE_MB }),
    allowServiceUrl: (url) => authenticated || isLoopback(url),
  });
  // Anonymous chat starts per address, counted where every instance sees them.
  const directLineStarts = createRateLimit(config.DIRECTLINE_STARTS_PER_MINUTE, 'directline-start', core.shared.attempts);
  const channels = installChannels({
    adapter,
    server: http.server,
    bot,
    logger,
    business: core.business,
    config,
    state: core.stores.state,
    directLineStore: core.shared.directLine,
    directLineStartLimit: {
      take: (address) => directLineStarts.take(`address:${address}`, core.clock.now()),
    },
  });
  registerStaffRoutes(http.server, {
    staff: core.staff,
    logger,
    sessionHours: config.STAFF_SESSION_HOURS,
    cookieSecure: config.STAFF_COOKIE_SECURE,
  });

  // Old conversations go with their transcript and bot state (the key is botbuilder's
  // ConversationState key); the server alone runs it, as the one process writing the store.
  const retention = startRetentionJob({
    stores: core.stores,
    clock: core.clock,
    days: config.RETENTION_DAYS,
    everyMs: RETENTION_EVERY_MS,
    stateKeysOf: (c) => [`${c.channelId}/conversations/${c.id}`],
    onError: (err) => logger.error({ err }, 'retention run failed'),
    onDone: (report) => {
      if (report.conversations > 0) logger.info({ ...report, days: config.RETENTION_DAYS }, 'expired conversations removed');
    },
  });

  let closed = false;
  return {
    config,
    business: core.business,
    knowledge: core.knowledge,
    sentenceModel: core.sentenceModel,
    stores: core.stores,
    staff: core.staff,
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
      await retention.stop();
      await core.close();
    },
  };
}
