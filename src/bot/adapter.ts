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

export function createAdapter(config: Config, logger: Logger, conversationState: ConversationState): CloudAdapter {
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
    try {
      // A conversation whose state broke the turn starts clean rather than failing again.
      await conversationState.delete(context);
      await context.sendActivity(copy.turnError());
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the customer about the failed turn');
    }
  };
  return adapter;
}
