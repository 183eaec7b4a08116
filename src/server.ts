/**
 * The HTTP edge: restify routes for the Bot Framework messaging endpoint and health. Input is
 * validated here with zod; nothing malformed reaches the adapter, and errors become status codes
 * only here.
 */
import restify from 'restify';
import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from './logger.js';

/** The fields every activity must carry for the bot to answer it. */
export const InboundActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    channelId: z.string().min(1).max(128),
    serviceUrl: z.url().max(2048),
    conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
    from: z.object({ id: z.string().min(1).max(512) }).passthrough(),
    recipient: z
      .object({ id: z.string().min(1).max(512) })
      .passthrough()
      .optional(),
    text: z.string().optional(),
  })
  .passthrough();

export interface ServerDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  healthy: () => Promise<boolean>;
  /**
   * Whether replies may go to this serviceUrl. Without Bot Framework authentication anyone can post
   * an activity, so the bot must not be made to send requests to arbitrary hosts.
   */
  allowServiceUrl: (url: URL) => boolean;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
}

export interface BotServer {
  server: restify.Server;
  /** Turns being processed right now. */
  inFlight(): number;
  /** Resolves when no turn is in flight. */
  drained(): Promise<void>;
}

export function createServer(deps: ServerDeps): BotServer {
  const server = restify.createServer({ name: 'inbound-sales-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: deps.maxBodyBytes ?? 512 * 1024, mapParams: false }));

  let inFlight = 0;
  let waiters: (() => void)[] = [];
  const settle = (): void => {
    if (inFlight === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };

  server.post('/api/messages', async (req: restify.Request, res: restify.Response) => {
    const parsed = InboundActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, {
        error: 'invalid_activity',
        issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`),
      });
      return;
    }
    if (!deps.allowServiceUrl(new URL(parsed.data.serviceUrl))) {
      res.send(403, { error: 'service_url_not_allowed' });
      return;
    }
    inFlight++;
    try {
      await deps.adapter.process(req, res, (context) => deps.bot.run(context));
    } catch (error) {
      deps.logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal' });
    } finally {
      inFlight--;
      settle();
    }
  });

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    const ok = await deps.healthy().catch(() => false);
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
  });

  server.on(
    'restifyError',
    (req: restify.Request, res: restify.Response, err: Error & { statusCode?: number }, callback: () => void) => {
      deps.logger.warn({ status: err.statusCode, path: req.path(), msg: err.message }, 'request rejected');
      callback();
    },
  );

  return {
    server,
    inFlight: () => inFlight,
    drained: () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

/** Loopback hosts: the only reply targets allowed when the bot runs without authentication. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
