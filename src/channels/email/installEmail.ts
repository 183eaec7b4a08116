/**
 * The self-hosted e-mail channel, built from the EMAIL_* settings: the ledger in the state store,
 * the SMTP outbox, and whichever ways in are configured (IMAP, the bot's own SMTP server). With none
 * of them set it returns undefined and nothing starts (the mail libraries are not even loaded).
 * Letters left open by a previous run are finished first.
 */
import type { CloudAdapter } from 'botbuilder';
import type { StateStore } from '../../domain/ports.js';
import type { Logger } from '../../logger.js';
import type { EmailChannel } from './emailChannel.js';
import type { ImapInbox } from './imapInbox.js';
import type { LetterSink } from './letterMiddleware.js';
import type { SmtpOutbox } from './smtpOutbox.js';
import type { SmtpInbox } from './smtpInbox.js';

/** The EMAIL_* keys of the configuration (see src/config.ts). */
export interface EmailSettings {
  EMAIL_ADDRESS?: string;
  EMAIL_FROM_NAME?: string;
  EMAIL_RECIPIENTS?: string;
  EMAIL_IMAP_HOST?: string;
  EMAIL_IMAP_PORT: number;
  EMAIL_IMAP_TLS: boolean;
  EMAIL_IMAP_USER?: string;
  EMAIL_IMAP_PASSWORD?: string;
  EMAIL_IMAP_MAILBOX: string;
  EMAIL_POLL_SECONDS: number;
  EMAIL_INBOUND_SMTP_PORT?: number;
  EMAIL_INBOUND_SMTP_HOST: string;
  EMAIL_SMTP_HOST?: string;
  EMAIL_SMTP_PORT: number;
  EMAIL_SMTP_TLS: boolean;
  EMAIL_SMTP_USER?: string;
  EMAIL_SMTP_PASSWORD?: string;
  EMAIL_RATE_PER_HOUR: number;
}

export interface SelfHostedEmail {
  /** Resolves once the ways in are listening and open letters are finished. */
  ready: Promise<{ channel: EmailChannel; smtpPort?: number }>;
  close(): Promise<void>;
}

export function installEmail(deps: {
  settings: EmailSettings;
  adapter: CloudAdapter;
  state: StateStore;
  logger: Logger;
  sinks: Map<string, LetterSink>;
  businessName: string;
  appId?: string;
}): SelfHostedEmail | undefined {
  const s = deps.settings;
  const relay = s.EMAIL_SMTP_HOST;
  if (!s.EMAIL_ADDRESS || !relay || (!s.EMAIL_IMAP_HOST && s.EMAIL_INBOUND_SMTP_PORT === undefined)) return undefined;
  const logger = deps.logger.child({ channel: 'email' });
  const address = s.EMAIL_ADDRESS.toLowerCase();
  const recipients = [address, ...(s.EMAIL_RECIPIENTS ?? '').split(',').map((a) => a.trim().toLowerCase())].filter(Boolean);
  const fromName = s.EMAIL_FROM_NAME ?? deps.businessName;
  let imap: ImapInbox | undefined;
  let smtp: SmtpInbox | undefined;
  let outbox: SmtpOutbox | undefined;
  let channel: EmailChannel | undefined;
  const ready = (async () => {
    const [{ createEmailChannel }, { createEmailLedger }, { startImapInbox }, { createSmtpOutbox }, { startSmtpInbox }] =
      await Promise.all([
        import('./emailChannel.js'),
        import('./emailLedger.js'),
        import('./imapInbox.js'),
        import('./smtpOutbox.js'),
        import('./smtpInbox.js'),
      ]);
    outbox = createSmtpOutbox({
      host: relay,
      port: s.EMAIL_SMTP_PORT,
      secure: s.EMAIL_SMTP_TLS,
      user: s.EMAIL_SMTP_USER,
      password: s.EMAIL_SMTP_PASSWORD,
      from: { name: fromName, address },
    });
    channel = createEmailChannel({
      adapter: deps.adapter,
      logger,
      ledger: createEmailLedger(deps.state),
      outbox,
      sinks: deps.sinks,
      address,
      ownAddresses: [...new Set(recipients)],
      ratePerHour: s.EMAIL_RATE_PER_HOUR,
      botAccount: { id: address, name: fromName },
      appId: deps.appId,
    });
    const open = channel;
    await open.resume();
    if (s.EMAIL_INBOUND_SMTP_PORT !== undefined) {
      smtp = await startSmtpInbox({
        host: s.EMAIL_INBOUND_SMTP_HOST,
        port: s.EMAIL_INBOUND_SMTP_PORT,
        recipients,
        logger,
        receive: (raw, onRecorded) => open.receive(raw, 'smtp', onRecorded),
      });
      logger.info({ port: smtp.port() }, 'taking letters by SMTP');
    }
    if (s.EMAIL_IMAP_HOST) {
      imap = startImapInbox({
        host: s.EMAIL_IMAP_HOST,
        port: s.EMAIL_IMAP_PORT,
        secure: s.EMAIL_IMAP_TLS,
        user: s.EMAIL_IMAP_USER ?? '',
        password: s.EMAIL_IMAP_PASSWORD ?? '',
        mailbox: s.EMAIL_IMAP_MAILBOX,
        pollSeconds: s.EMAIL_POLL_SECONDS,
        logger,
        receive: (raw) => open.receive(raw, 'imap'),
      });
      await imap.started;
    }
    return { channel: open, smtpPort: smtp?.port() };
  })();
  ready.catch((error: unknown) => logger.error({ err: error }, 'e-mail channel did not start'));

  return {
    ready,
    async close() {
      await ready.catch(() => undefined);
      await imap?.close();
      await smtp?.close();
      await channel?.close();
      outbox?.close();
    },
  };
}
