/**
 * The channel layer, wired in one call from the composition root: inbound middleware (keypad input,
 * numbered-choice replies, typing), outbound rendering per channel, the embedded
 * Direct Line and the chat page. Middleware order matters and lives only here.
 */
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type restify from 'restify';
import type { Logger } from '../logger.js';
import { createChoiceMemory } from './choiceMemory.js';
import { registerDirectLine, type DirectLine } from './directline/registerDirectLine.js';
import { defaultVoice } from './render/ssml.js';
import { choiceReplyMiddleware, renderMiddleware } from './renderMiddleware.js';
import { dtmfMiddleware } from './telephony/dtmf.js';
import { typingMiddleware } from './typingMiddleware.js';
import type { StateStore } from '../domain/ports.js';
import type { DirectLineStore } from '../domain/sharedState.js';
import { installEmail, type EmailSettings, type SelfHostedEmail } from './email/installEmail.js';
import { letterMiddleware, type LetterSink } from './email/letterMiddleware.js';
import { registerWebChat } from './webchat/registerWebChat.js';

export interface ChannelDeps {
  adapter: CloudAdapter;
  server: restify.Server;
  bot: { run(context: TurnContext): Promise<void> };
  logger: Logger;
  business: { name: string; locale: string };
  config: {
    DIRECTLINE_SECRET?: string;
    SPEECH_LOCALE?: string;
    SPEECH_VOICE?: string;
    MicrosoftAppId?: string;
  } & Partial<EmailSettings>;
  /** Where the e-mail channel keeps its ledger; without it the self-hosted e-mail channel stays off. */
  state?: StateStore;
  /** Where the embedded Direct Line keeps conversations; this process's memory when unset. */
  directLineStore?: DirectLineStore;
  /** New chats an address may start per minute on the embedded Direct Line (unlimited when unset). */
  directLineStartLimit?: { take(address: string): Promise<boolean> };
  /** Typing indicator delay; tests shorten it. */
  typingDelayMs?: number;
}

export interface Channels {
  directLine: DirectLine;
  /** The self-hosted e-mail channel, when EMAIL_* is configured. */
  email?: SelfHostedEmail;
  /** Stops the embedded Direct Line taking activities and waits for its turns. */
  close(): Promise<void>;
}

export function installChannels(deps: ChannelDeps): Channels {
  const { adapter, config, business } = deps;
  const locale = config.SPEECH_LOCALE ?? business.locale;
  const choices = createChoiceMemory();

  // Outbound rendering first, so every later reply (reprompts, typing) is rendered too.
  adapter.use(renderMiddleware({ voice: { locale, voice: config.SPEECH_VOICE ?? defaultVoice(locale) }, choices }));
  adapter.use(dtmfMiddleware({ choices }));
  adapter.use(choiceReplyMiddleware(choices));
  adapter.use(
    typingMiddleware({
      delayMs: deps.typingDelayMs,
      onError: (error) => deps.logger.debug({ err: error }, 'typing indicator not sent'),
    }),
  );
  // Letters (Azure's `email` channel and the bot's own inbox): each request of a letter becomes a turn.
  const sinks = new Map<string, LetterSink>();
  adapter.use(
    letterMiddleware({ bot: deps.bot, logger: deps.logger, signature: config.EMAIL_FROM_NAME ?? business.name, sinks }),
  );
  const email =
    deps.state && config.EMAIL_ADDRESS
      ? installEmail({
          settings: config as EmailSettings,
          adapter,
          state: deps.state,
          logger: deps.logger,
          sinks,
          businessName: business.name,
          appId: config.MicrosoftAppId,
        })
      : undefined;

  const directLine = registerDirectLine(deps.server, {
    adapter,
    bot: deps.bot,
    logger: deps.logger,
    secret: config.DIRECTLINE_SECRET,
    appId: config.MicrosoftAppId,
    botAccount: { id: 'bot', name: business.name },
    store: deps.directLineStore,
    startLimit: deps.directLineStartLimit,
  });
  registerWebChat(deps.server, { businessName: business.name, locale: business.locale });
  return {
    directLine,
    email,
    async close() {
      await email?.close();
      await directLine.close();
    },
  };
}
