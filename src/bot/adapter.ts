/**
 * The Bot Framework adapter: CloudAdapter with configuration-based authentication. With no app id it
 * accepts unauthenticated requests (local development, the built-in chat page); with one it
 * validates every channel's token, as on Azure Bot Service.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { copy } from '../../dialogs/copy.js';
import { maskText } from '../staff/mask.js';
import { StoreUnavailableError } from '../domain/errors.js';

/** Whether the error, or one it wraps, is the store not answering. */
const isStoreTrouble = (error: unknown, depth = 0): boolean =>
  error instanceof StoreUnavailableError ||
  (depth < 4 && error instanceof Error && isStoreTrouble((error as { error?: unknown }).error ?? error.cause, depth + 1));

export function createAdapter(
  config: Config,
  logger: Logger,
  conversationState: ConversationState,
  /** The number customers may call when the bot cannot save (business.yaml's staffPhone). */
  phone?: string,
): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType,
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
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
    // The customer hears first: clearing state needs the store, which may be what failed.
    const storeTrouble = isStoreTrouble(error);
    try {
      await context.sendActivity(storeTrouble ? copy.storeTrouble(phone) : copy.turnError());
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
    // A conversation whose state broke the turn starts clean rather than failing again; when the
    // store is down the state is left as it was (nothing newer was saved).
    if (!storeTrouble) {
      await conversationState.delete(context).catch((deleteError: unknown) => {
        logger.error({ err: deleteError }, 'could not clear the state of the failed turn');
      });
    }
  };
  return adapter;
}
