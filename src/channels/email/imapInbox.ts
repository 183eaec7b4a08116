/**
 * Reads the bot's mailbox over IMAP with imapflow: every unseen letter is handed to the channel,
 * and marked \Seen once it is finished (answered, deliberately not answered, or kept for staff) — a
 * letter whose reply is still waiting to be sent stays unseen and is offered again. New mail is
 * noticed through IDLE where the server has it; a poll every `pollSeconds` covers servers without
 * IDLE and anything missed. A lost connection is re-opened with a growing delay.
 */
import { ImapFlow } from 'imapflow';
import type { Logger } from '../../logger.js';
import type { LetterStatus } from './emailLedger.js';
import { isFinished } from './emailChannel.js';

export interface ImapInboxOptions {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  pollSeconds: number;
  logger: Logger;
  receive(raw: Buffer): Promise<LetterStatus>;
}

export interface ImapInbox {
  /** Resolves after the first check of the mailbox (or the first failure to connect). */
  started: Promise<void>;
  /** Checks the mailbox now. */
  check(): Promise<void>;
  close(): Promise<void>;
}

export function startImapInbox(options: ImapInboxOptions): ImapInbox {
  const { logger } = options;
  let client: ImapFlow | undefined;
  let closing = false;
  let failures = 0;
  let reconnect: NodeJS.Timeout | undefined;
  let checking: Promise<void> | undefined;
  let again = false;

  const poll = setInterval(() => void check(), options.pollSeconds * 1000);
  poll.unref();

  async function checkOnce(c: ImapFlow): Promise<void> {
    const uids = (await c.search({ seen: false }, { uid: true })) || [];
    for (const uid of uids) {
      if (closing) return;
      // fetchOne with `source` reads BODY.PEEK[]: reading does not mark the letter seen.
      const message = await c.fetchOne(String(uid), { source: true }, { uid: true });
      if (!message || !message.source) continue;
      const status = await options.receive(message.source);
      if (isFinished(status)) await c.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    }
  }

  /** One check at a time; a request during a check runs one more after it. */
  function check(): Promise<void> {
    if (checking) {
      again = true;
      return checking;
    }
    const c = client;
    if (!c?.usable) return Promise.resolve();
    checking = (async () => {
      do {
        again = false;
        try {
          await checkOnce(c);
        } catch (error) {
          logger.warn({ err: error }, 'mailbox check failed');
        }
      } while (again && !closing);
    })().finally(() => (checking = undefined));
    return checking;
  }

  async function connect(): Promise<void> {
    const c = new ImapFlow({
      host: options.host,
      port: options.port,
      secure: options.secure,
      auth: { user: options.user, pass: options.password },
      logger: false,
      // Without IDLE, imapflow keeps the connection alive with NOOP; new mail then comes by the poll.
      missingIdleCommand: 'NOOP',
      // IDLE starts this long after the last command (imapflow's default, 15 s, would miss mail meanwhile).
      autoIdleDelay: 1000,
    });
    c.on('error', (error: Error) => logger.warn({ err: error }, 'IMAP connection error'));
    c.on('exists', () => void check());
    c.on('close', () => {
      if (client === c) client = undefined;
      if (!closing) schedule();
    });
    try {
      await c.connect();
      await c.mailboxOpen(options.mailbox);
      client = c;
      failures = 0;
      logger.info({ host: options.host, mailbox: options.mailbox, idle: c.capabilities.has('IDLE') }, 'reading letters by IMAP');
      await check();
    } catch (error) {
      logger.warn({ err: error, host: options.host }, 'cannot open the mailbox; will retry');
      c.close();
    }
  }

  function schedule(): void {
    if (reconnect || closing) return;
    failures++;
    reconnect = setTimeout(
      () => {
        reconnect = undefined;
        void connect();
      },
      Math.min(60_000, 1000 * 2 ** Math.min(failures, 6)),
    );
    reconnect.unref();
  }

  const started = connect();
  return {
    started,
    check,
    async close() {
      closing = true;
      clearInterval(poll);
      if (reconnect) clearTimeout(reconnect);
      await started;
      await checking;
      if (client?.usable) await client.logout().catch(() => client?.close());
      else client?.close();
    },
  };
}
