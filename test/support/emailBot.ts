/**
 * The real application with its e-mail channel pointed at loopback mail peers: replies go to a
 * capturing smtp-server relay; letters come in by the bot's own SMTP server or by IMAP (Dovecot).
 */
import { createEmailLedger, type LetterRecord } from '../../src/channels/email/emailLedger.js';
import { connect } from 'node:net';
import { startTestBot, type TestBot } from './testBot.js';
import { freePort, type Relay } from './mailPeers.js';

export const BOT_ADDRESS = 'hello@bot.test';
/** A Monday morning in the sample business's time zone. */
export const NOW = new Date('2026-11-23T10:00:00+11:00');

export interface EmailBot extends TestBot {
  /** Port of the bot's own SMTP server (direct path), when on. */
  smtpPort?: number;
  letter(messageId: string): Promise<LetterRecord | undefined>;
  held(): Promise<LetterRecord[]>;
}

export async function startEmailBot(
  relay: Relay,
  options: { dataDir?: string; env?: Record<string, string>; direct?: boolean; imap?: { port: number } } = {},
): Promise<EmailBot> {
  const smtpPort = options.direct === false ? undefined : await freePort();
  const env: Record<string, string> = {
    EMAIL_ADDRESS: BOT_ADDRESS,
    EMAIL_SMTP_HOST: '127.0.0.1',
    EMAIL_SMTP_PORT: String(relay.port),
    ...(smtpPort ? { EMAIL_INBOUND_SMTP_PORT: String(smtpPort), EMAIL_INBOUND_SMTP_HOST: '127.0.0.1' } : {}),
    ...(options.imap
      ? {
          EMAIL_IMAP_HOST: '127.0.0.1',
          EMAIL_IMAP_PORT: String(options.imap.port),
          EMAIL_IMAP_TLS: 'false',
          EMAIL_IMAP_USER: 'bot',
          EMAIL_IMAP_PASSWORD: 'secret',
        }
      : {}),
    ...options.env,
  };
  const bot = await startTestBot({ env, dataDir: options.dataDir, overrides: { now: () => NOW } });
  const ledger = createEmailLedger(bot.app.stores.state);
  if (smtpPort) await eventually(() => accepts(smtpPort));
  return {
    ...bot,
    smtpPort,
    letter: (id) => ledger.letter(id),
    held: () => ledger.held(),
  };
}

/** Waits until `check` holds (records are written asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
