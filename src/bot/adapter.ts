/**
 * The Bot Framework adapter: CloudAdapter with configuration-based authentication. With no app id it
 * accepts unauthenticated requests (local development, the built-in chat page); with one it
 * validates every channel's token, as on Azure Bot Service.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConversationState,
  type TurnContext,
  type Activity,
  type Request,
  type Response,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { LRUCache } from 'lru-cache';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { maskText } from '../domain/maskText.js';
import { ConcurrencyError, StoreUnavailableError } from '../domain/errors.js';

export interface AdapterOptions {
  /** What the customer hears when a turn fails (the dialogs' copy, passed in by the composition root). */
  turnErrorText: string;
  /**
   * What the customer hears when the store did not answer: nothing was saved, try again or call
   * (the dialogs' copy with the business's number); `turnErrorText` when unset.
   */
  storeTroubleText?: string;
}

/** Whether the error, or one it wraps, is the store not answering. */
const isStoreTrouble = (error: unknown, depth = 0): boolean =>
  error instanceof StoreUnavailableError ||
  (depth < 4 && error instanceof Error && isStoreTrouble((error as { error?: unknown }).error ?? error.cause, depth + 1));

/** Whether the error, or one it wraps, is a lost eTag race. */
const isConflict = (error: unknown, depth = 0): boolean =>
  error instanceof ConcurrencyError ||
  (depth < 4 && error instanceof Error && isConflict((error as { error?: unknown }).error ?? error.cause, depth + 1));

export function createAdapter(
  config: Config,
  logger: Logger,
  conversationState: ConversationState,
  options: AdapterOptions,
): SalesAdapter {
  const auth = new ReusingAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new SalesAdapter(auth, (err) => logger.error({ err }, 'activity not processed'));
  adapter.onTurnError = async (context: TurnContext, error: Error): Promise<void> => {
    // Ids and the error's kind and code only: no dialog state, no text (see logger.ts).
    logger.error(
      {
        err: error,
        conversationId: maskText(String(context.activity.conversation?.id ?? '')),
        activityId: context.activity.id,
        channelId: context.activity.channelId,
      },
      'turn failed',
    );
    const storeTrouble = isStoreTrouble(error);
    try {
      // The customer hears about it first, even when the store is what failed…
      await context.sendActivity(storeTrouble ? (options.storeTroubleText ?? options.turnErrorText) : options.turnErrorText);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
    // …then a conversation whose state broke the turn starts clean rather than failing again; when
    // the store is down the state is left as it was (nothing newer was saved), and when another turn
    // saved first (twice: src/bot/salesBot.ts retries once) its state is the conversation's now.
    if (storeTrouble || isConflict(error)) return;
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      logger.error({ err: deleteError }, 'could not reset the failed conversation');
    }
  };
  return adapter;
}

/**
 * CloudAdapter, with a way in for a request whose activity the HTTP edge has already checked
 * (src/inboundActivity.ts, stricter than botbuilder's own check): `process` builds and runs zod
 * schemas on every request to check again that the body is an object with a type — some
 * twenty microseconds a turn, more than the edge's own check.
 */
export class SalesAdapter extends CloudAdapter {
  /** `onError` hears what `process` would print to the console (a failed authentication, a bug). */
  constructor(
    auth: ConstructorParameters<typeof CloudAdapter>[0],
    private readonly onError: (err: unknown) => void,
  ) {
    super(auth);
  }

  /**
   * What `CloudAdapter.process` does once its checks of the request have passed, answered the same
   * way: the invoke response's status and body (200 when none), 401 when authentication fails, 500
   * for any other error. `req.body` must be an activity the edge's schema accepted.
   */
  async processChecked(
    req: Request<Record<string, unknown>>,
    res: Response,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const end = (status: number, body?: unknown): void => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    const activity = withDates(req.body as Partial<Activity> & Record<string, unknown>);
    const authHeader = req.headers.Authorization ?? req.headers.authorization ?? '';
    if (typeof authHeader !== 'string') throw new TypeError('authorization header is not a string');
    try {
      const invokeResponse = await this.processActivity(authHeader, activity as Activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      this.onError(err);
      return end(
        err instanceof AuthenticationError ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR,
        (err as Error).message ?? err,
      );
    }
  }
}

/** The timestamps as Dates, the strings kept beside them (botbuilder's validateAndFixActivity). */
function withDates(activity: Partial<Activity> & Record<string, unknown>): Partial<Activity> {
  if (typeof activity.timestamp === 'string') {
    activity.rawTimestamp = activity.timestamp;
    activity.timestamp = new Date(activity.timestamp);
  }
  if (typeof activity.expiration === 'string') {
    activity.rawExpiration = activity.expiration;
    activity.expiration = new Date(activity.expiration);
  }
  if (typeof activity.localTimestamp === 'string') {
    activity.rawLocalTimestamp = activity.localTimestamp;
    activity.localTimestamp = new Date(activity.localTimestamp);
  }
  return activity;
}

/**
 * CloudAdapter asks its authentication for a new ConnectorClient and a new UserTokenClient on every
 * turn, each building its HTTP pipeline and credentials anew (a few per cent of a turn's CPU). These
 * clients hold no per-turn state (credentials renew their own tokens), so the same one serves every
 * turn to the same service URL, audience and app id. A client whose creation failed is not kept.
 */
export class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: 256 });
  readonly #tokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: 64 });

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.#reusing(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.#reusing(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.#factory(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.#kept(this.#tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }

  #reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory
      ? { ...result, connectorFactory: this.#factory(result.connectorFactory, result.claimsIdentity) }
      : result;
  }

  #factory(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.#kept(this.#connectors, `${appId}\u0000${audience ?? ''}\u0000${serviceUrl}`, () =>
          inner.create(serviceUrl, audience),
        ),
    };
  }

  #kept<T extends object>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
    let made = cache.get(key);
    if (!made) {
      made = make();
      cache.set(key, made);
      made.catch(() => {
        if (cache.get(key) === made) cache.delete(key);
      });
    }
    return made;
  }
}

/** The app id a connector factory is made for (as botframework-connector reads it from the claims). */
const appIdOf = (claimsIdentity: ClaimsIdentity): string =>
  claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim) ??
  claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim) ??
  '';
