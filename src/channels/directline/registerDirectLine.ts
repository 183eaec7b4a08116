/**
 * An embedded, single-process Direct Line 3.0 endpoint on the bot's own server, so the chat page
 * works on a fresh install without Azure: tokens, start and reconnect, post and poll activities
 * (no WebSocket stream: clients poll, as Web Chat does with `webSocket: false`). It is not a
 * replacement for Azure's Direct Line: there are no uploads. Conversations live in a DirectLineStore,
 * bounded by DirectLineLimits: this process's memory by default, PostgreSQL when several instances
 * serve one chat (every instance must then share DIRECTLINE_SECRET, which signs the tokens).
 */
import { randomBytes } from 'node:crypto';
import type { Activity, CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../../logger.js';
import { authorize, isDenied, type Caller } from './authorize.js';
import { ConversationStore, DEFAULT_LIMITS, type DirectLineConversation, type DirectLineLimits } from './conversationStore.js';
import type { DirectLineStore } from '../../domain/sharedState.js';
import { StoreUnavailableError } from '../../domain/errors.js';
import { registerLoopbackConnector } from './loopbackConnector.js';
import { PostActivitySchema, StartBodySchema } from './schemas.js';
import { createTokenService } from './tokens.js';

export interface DirectLineDeps {
  adapter: CloudAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  /** DIRECTLINE_SECRET. Unset: a random one per start, so tokens do not survive a restart. */
  secret?: string;
  /** The bot's account in conversations. */
  botAccount: { id: string; name: string };
  /** The bot's Microsoft app id, when it has one. */
  appId?: string;
  limits?: Partial<DirectLineLimits>;
  /** Where conversations live; this process's memory (bounded by `limits`) by default. */
  store?: DirectLineStore;
  tokenTtlSeconds?: number;
  /** Largest activity a client may post, in bytes. */
  maxActivityBytes?: number;
  /**
   * New conversations a network address may start (DIRECTLINE_STARTS_PER_MINUTE): false when over
   * its limit, answered 429. Unlimited when unset.
   */
  startLimit?: { take(address: string): Promise<boolean> };
}

export interface DirectLine {
  conversations: DirectLineStore;
  /** Refuses new activities and waits for the turns in progress. */
  close(): Promise<void>;
}

const PREFIX = '/v3/directline';

export function registerDirectLine(server: restify.Server, deps: DirectLineDeps): DirectLine {
  const secret = deps.secret ?? randomBytes(32).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const tokens = createTokenService({ secret, ttlSeconds: deps.tokenTtlSeconds });
  const store = deps.store ?? new ConversationStore({ ...DEFAULT_LIMITS, ...deps.limits });
  const connector = registerLoopbackConnector(server, store, { appId: deps.appId });
  const maxBytes = deps.maxActivityBytes ?? 64 * 1024;
  const turns = new Set<Promise<void>>();
  let closing = false;

  const fail = (res: restify.Response, status: number, code: string, message: string): void => {
    res.send(status, { error: { code, message } });
  };
  /** False (answered 429) when the caller's address has started too many conversations this minute. */
  const mayStart = async (req: restify.Request, res: restify.Response): Promise<boolean> => {
    if (!deps.startLimit || (await deps.startLimit.take(req.socket.remoteAddress ?? 'unknown'))) return true;
    res.header('Retry-After', '60');
    fail(res, 429, 'TooManyRequests', 'too many new conversations from this address; try again in a minute');
    return false;
  };
  /** A route whose store did not answer says so (503), as the Direct Line service would. */
  const answered =
    (route: (req: restify.Request, res: restify.Response) => Promise<void>) =>
    async (req: restify.Request, res: restify.Response): Promise<void> => {
      try {
        await route(req, res);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError)) throw error;
        deps.logger.warn({ code: error.code }, 'direct line store unavailable');
        if (!res.headersSent) fail(res, 503, 'ServiceUnavailable', 'the conversation store is not answering; try again');
      }
    };
  const caller = (req: restify.Request, res: restify.Response, conversationId?: string): Caller | undefined => {
    const c = authorize(req.header('authorization'), tokens, secretBytes, conversationId);
    if (!isDenied(c)) return c;
    fail(res, c.status, c.code, c.message);
    return undefined;
  };
  const conversationFor = async (c: Caller, id: string): Promise<DirectLineConversation | undefined> =>
    (await store.get(id)) ?? (c.kind === 'token' ? store.create(c.claims.user, id) : undefined);
  const session = (conversation: DirectLineConversation) => {
    const { token, expiresIn } = tokens.issue(conversation.id, conversation.userId);
    return { conversationId: conversation.id, token, expires_in: expiresIn };
  };
  const selfUrl = (): string => {
    const address = server.address();
    const host: string =
      !address.address || address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}/`;
  };

  /** Runs a turn for an activity, tracked so shutdown can wait for it. */
  const run = (activity: Partial<Activity>): Promise<void> => {
    const turn = deps.adapter
      .processActivityDirect(connector.authentication(), activity as Activity, (context) => deps.bot.run(context))
      .catch((error: unknown) =>
        deps.logger.error({ err: error, conversationId: activity.conversation?.id }, 'direct line turn failed'),
      );
    turns.add(turn);
    void turn.finally(() => turns.delete(turn));
    return turn;
  };
  const base = (conversation: DirectLineConversation, name?: string): Partial<Activity> => ({
    channelId: 'directline',
    serviceUrl: selfUrl(),
    conversation: { id: conversation.id } as Activity['conversation'],
    from: { id: conversation.userId, name: name ?? '', role: 'user' },
    recipient: { ...deps.botAccount, role: 'bot' },
  });
  /** Tells the bot the user joined, once per conversation whichever instance is asked. */
  const start = async (conversation: DirectLineConversation, locale?: string): Promise<void> => {
    if (conversation.started || !(await store.start(conversation.id))) return;
    void run({
      ...base(conversation),
      type: 'conversationUpdate',
      id: randomBytes(8).toString('hex'),
      timestamp: new Date(),
      locale,
      membersAdded: [{ ...deps.botAccount }, { id: conversation.userId, name: '' }],
    });
  };

  // Any site may embed the chat: tokens travel in a header, never in cookies.
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    if (!req.path().startsWith(`${PREFIX}/`)) return next();
    res.header('access-control-allow-origin', '*');
    res.header('access-control-allow-headers', 'authorization, content-type, x-ms-bot-agent');
    res.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.header('access-control-max-age', '600');
    if (req.method === 'OPTIONS') {
      res.send(204);
      return next(false);
    }
    return next();
  });

  server.post(
    `${PREFIX}/tokens/generate`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const body = StartBodySchema.safeParse(req.body ?? undefined);
      if (!body.success) return fail(res, 400, 'BadArgument', body.error.issues[0]?.message ?? 'invalid body');
      // Choosing the user id takes the secret: otherwise anyone could read another visitor's user state.
      const trusted = req.header('authorization') ? caller(req, res) : undefined;
      if (req.header('authorization') && !trusted) return;
      // A site's back end holding the secret asks for all its visitors: only anonymous starts are limited.
      if (!trusted && !(await mayStart(req, res))) return;
      const userId = (trusted?.kind === 'secret' && body.data?.user?.id) || `dl_${randomBytes(12).toString('base64url')}`;
      res.send(200, session(await store.create(userId)));
    }),
  );

  server.post(
    `${PREFIX}/tokens/refresh`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const c = caller(req, res);
      if (!c) return;
      if (c.kind !== 'token') return fail(res, 400, 'BadArgument', 'refresh takes a token');
      const conversation = (await conversationFor(c, c.claims.conv))!;
      res.send(200, session(conversation));
    }),
  );

  server.post(
    `${PREFIX}/conversations`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const c = caller(req, res);
      if (!c) return;
      const body = StartBodySchema.safeParse(req.body ?? undefined);
      if (!body.success) return fail(res, 400, 'BadArgument', body.error.issues[0]?.message ?? 'invalid body');
      const conversation =
        c.kind === 'token'
          ? (await conversationFor(c, c.claims.conv))!
          : await store.create(body.data?.user?.id ?? `dl_${randomBytes(12).toString('base64url')}`);
      const isNew = !conversation.started;
      await start(conversation, body.data?.locale);
      res.send(isNew ? 201 : 200, session(conversation));
    }),
  );

  server.get(
    `${PREFIX}/conversations/:conversationId`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const id = String(req.params.conversationId);
      const c = caller(req, res, id);
      if (!c) return;
      const conversation = await conversationFor(c, id);
      if (!conversation) return fail(res, 404, 'NotFound', 'unknown conversation');
      res.send(200, session(conversation));
    }),
  );

  server.get(
    `${PREFIX}/conversations/:conversationId/activities`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const id = String(req.params.conversationId);
      const c = caller(req, res, id);
      if (!c) return;
      const conversation = await conversationFor(c, id);
      const page =
        conversation &&
        (await store.since(id, new URL(req.url ?? '', 'http://local').searchParams.get('watermark') ?? undefined));
      if (!page) return fail(res, 404, 'NotFound', 'unknown conversation');
      res.send(200, page);
    }),
  );

  server.post(
    `${PREFIX}/conversations/:conversationId/activities`,
    answered(async (req: restify.Request, res: restify.Response) => {
      const id = String(req.params.conversationId);
      const c = caller(req, res, id);
      if (!c) return;
      if (closing) return fail(res, 503, 'ServiceUnavailable', 'the bot is shutting down');
      if (Number(req.header('content-length') ?? 0) > maxBytes || JSON.stringify(req.body ?? null).length > maxBytes) {
        return fail(res, 413, 'MessageSizeTooBig', `activities are limited to ${maxBytes} bytes`);
      }
      const parsed = PostActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        return fail(
          res,
          400,
          'BadArgument',
          parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
        );
      }
      const conversation = await conversationFor(c, id);
      if (!conversation) return fail(res, 404, 'NotFound', 'unknown conversation');
      const { from, entities, ...fields } = parsed.data;
      // Keypad entities only come from the phone channel.
      const safeEntities = entities?.filter((e) => !/^(dtmf|dtmfinput)$/i.test(e.type));
      const stored = await store.append(id, {
        ...fields,
        entities: safeEntities,
        ...base(conversation, from?.name),
        serviceUrl: undefined,
      });
      if (!stored) return fail(res, 404, 'NotFound', 'unknown conversation');
      await run({ ...(stored as unknown as Partial<Activity>), serviceUrl: selfUrl() });
      res.send(200, { id: stored.id });
    }),
  );

  return {
    conversations: store,
    async close() {
      closing = true;
      await Promise.allSettled([...turns]);
    },
  };
}
