/**
 * Takes letters pointed straight at the bot (an MX record or a relay) with smtp-server: only for the
 * bot's own addresses (others get 550), at most MAX_LETTER_BYTES, and "250" only once the letter is
 * recorded — so a sender whose letter was accepted can count on an answer even across a crash.
 * No AUTH and no STARTTLS here: put a relay that does TLS in front (see the README's limits).
 */
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Logger } from '../../logger.js';
import type { LetterStatus } from './emailLedger.js';
import { MAX_LETTER_BYTES } from './letter.js';

export interface SmtpInboxOptions {
  host: string;
  port: number;
  /** Addresses the bot takes letters for (lower case). */
  recipients: readonly string[];
  logger: Logger;
  receive(raw: Buffer, onRecorded: () => void): Promise<LetterStatus>;
}

export interface SmtpInbox {
  /** The bound port (useful with port 0). */
  port(): number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string): Error => Object.assign(new Error(message), { responseCode: code });

export async function startSmtpInbox(options: SmtpInboxOptions): Promise<SmtpInbox> {
  const server = new SMTPServer({
    name: 'inbound-sales-bot',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_LETTER_BYTES,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (options.recipients.includes(address.address.toLowerCase())) return callback();
      callback(smtpError(550, 'no such recipient here'));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(smtpError(552, 'message too large'));
        let answered = false;
        const accept = (): void => {
          if (!answered) callback();
          answered = true;
        };
        options.receive(Buffer.concat(chunks), accept).then(accept, (error: unknown) => {
          options.logger.error({ err: error }, 'letter not taken');
          if (!answered) callback(smtpError(451, 'try again later'));
          answered = true;
        });
      });
    },
  });
  server.on('error', (error) => options.logger.warn({ err: error }, 'SMTP server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: () => (typeof address === 'object' && address ? address.port : options.port),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
