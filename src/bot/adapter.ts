/**
 * The Bot Framework adapter: CloudAdapter with configuration-based authentication. With no app id it
 * accepts unauthenticated requests (local development, the built-in chat page); with one it
 * validates every channel's token, as on Azure Bot Service.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
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
