/**
 * The HTTP edge: restify routes for the Bot Framework messaging endpoint and health. Input is
 * validated here with zod; nothing malformed reaches the adapter, and errors become status codes
 * only here.
 */
import restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { SalesAdapter } from './bot/adapter.js';
import { InboundActivitySchema } from './inboundActivity.js';
import { isIP } from 'node:net';
import type { Logger } from './logger.js';
import { decodeBody } from './decodeBody.js';
import { withRequest } from './bot/requestScope.js';

export interface ServerDeps {
  /** Takes the activity as the edge checked it (no second check by botbuilder). */
  adapter: SalesAdapter;
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
  const maxBodyBytes = deps.maxBodyBytes ?? 512 * 1024;
  server.use(decodeBody({ maxBodyBytes }));
  server.use(restify.plugins.bodyParser({ maxBodySize: maxBodyBytes, mapParams: false }));
  // After the body is read: its stream events would run outside the scope.
  server.use((req: restify.Request, _res: restify.Response, next: () => void) =>
    withRequest({ address: req.socket.remoteAddress }, next),
  );

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
    const serviceUrl = new URL(parsed.data.serviceUrl);
    if (!isHttp(serviceUrl) || !deps.allowServiceUrl(serviceUrl)) {
      res.send(403, { error: 'service_url_not_allowed' });
      return;
    }
    // The adapter reads the repaired activity, not what was sent.
    req.body = parsed.data;
    inFlight++;
    try {
      await deps.adapter.processChecked(req, res, (context) => deps.bot.run(context));
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

/** Replies go only to http(s) addresses. */
const isHttp = (url: URL): boolean => url.protocol === 'http:' || url.protocol === 'https:';

/**
 * Loopback hosts: the only reply targets allowed when the bot runs without authentication. Judged
 * on the parsed host, as a literal address (never resolved, never a prefix of a name): `localhost`,
 * an IPv4 literal in 127.0.0.0/8, or `::1`.
 */
export function isLoopback(url: URL): boolean {
  if (!isHttp(url)) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.split('.')[0] === '127';
}
