/**
 * The Bot Framework adapter: CloudAdapter with configuration-based authentication. With no app id it
 * accepts unauthenticated requests (local development, the built-in chat page); with one it
 * validates every channel's token, as on Azure Bot Service.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConversationState, type TurnContext } from 'botbuilder';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

export interface AdapterOptions {
  /** What the customer hears when a turn fails (the dialogs' copy, passed in by the composition root). */
  turnErrorText: string;
}

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
    logger.error(
      { err: error, conversationId: context.activity.conversation?.id, channelId: context.activity.channelId },
      'turn failed',
    );
    try {
      // The customer hears about it first, even when the store is what failed…
      await context.sendActivity(options.turnErrorText);
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
    try {
      // …then a conversation whose state broke the turn starts clean rather than failing again.
      await conversationState.delete(context);
    } catch (deleteError) {
      logger.error({ err: deleteError }, 'could not reset the failed conversation');
    }
  };
  return adapter;
}
