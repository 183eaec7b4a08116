/**
 * The few Bot Connector API routes the adapter calls to reply (POST /v3/conversations/:id/activities
 * and …/activities/:replyToId), served by the bot's own HTTP server for the embedded Direct Line:
 * replies are appended to the conversation, where Web Chat polls for them. The bot sends them through
 * its ordinary CloudAdapter and ConnectorClient and cannot tell this channel from Azure's.
 *
 * Only this process can call the routes: its ConnectorClient signs requests with a random per-process
 * key, and the routes refuse any other. Replies go to the instance that ran the turn (its own
 * address), which appends them to the conversation store every instance reads.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, type AuthenticateRequestResult } from 'botframework-connector';
import type restify from 'restify';
import { z } from 'zod';
import type { DirectLineStore } from '../../domain/sharedState.js';

type Credentials = ConstructorParameters<typeof ConnectorClient>[0];

const BotActivity = z
  .object({
    type: z.string().min(1).max(64),
    text: z.string().max(100_000).optional(),
  })
  .passthrough();

export interface LoopbackConnector {
  /** What the adapter needs to process a Direct Line activity and reply through these routes. */
  authentication(): AuthenticateRequestResult;
}

export function registerLoopbackConnector(
  server: restify.Server,
  store: DirectLineStore,
  options: { appId?: string } = {},
): LoopbackConnector {
  const key = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${key}`);
  const credentials: Credentials = {
    async signRequest(webResource) {
      webResource.headers.set('authorization', `Bearer ${key}`);
      return webResource;
    },
  };

  const reply = async (req: restify.Request, res: restify.Response): Promise<void> => {
    const given = Buffer.from(req.header('authorization') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.send(401, { error: { code: 'Unauthorized', message: 'not this bot' } });
      return;
    }
    const parsed = BotActivity.safeParse(req.body);
    if (!parsed.success) {
      res.send(400, { error: { code: 'BadArgument', message: parsed.error.issues[0]?.message ?? 'invalid activity' } });
      return;
    }
    const { serviceUrl: _internal, ...activity } = parsed.data as Record<string, unknown> & Pick<Partial<Activity>, 'from'>;
    const stored = await store.append(String(req.params.conversationId), {
      ...activity,
      from: { ...activity.from, role: 'bot' },
    });
    if (!stored) {
      res.send(404, { error: { code: 'BadArgument', message: 'unknown conversation' } });
      return;
    }
    res.send(200, { id: stored.id });
  };
  server.post('/v3/conversations/:conversationId/activities', reply);
  server.post('/v3/conversations/:conversationId/activities/:activityId', reply);

  const claims = options.appId
    ? [
        { type: AuthenticationConstants.AudienceClaim, value: options.appId },
        { type: AuthenticationConstants.AppIdClaim, value: options.appId },
      ]
    : [];
  // One client per service URL (the routes above), not a new HTTP pipeline on every turn.
  const clients = new Map<string, ConnectorClient>();
  const clientFor = (serviceUrl: string): ConnectorClient => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = new ConnectorClient(credentials, { baseUri: serviceUrl });
      if (clients.size >= 16) clients.delete(clients.keys().next().value!);
      clients.set(serviceUrl, client);
    }
    return client;
  };
  const connectorFactory = { create: async (serviceUrl: string) => clientFor(serviceUrl) };
  return {
    authentication: () => ({
      audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
      claimsIdentity: new ClaimsIdentity(claims, options.appId ? true : AuthenticationConstants.AnonymousAuthType),
      connectorFactory,
    }),
  };
}
