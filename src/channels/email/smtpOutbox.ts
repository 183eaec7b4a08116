/**
 * Sends reply letters through an SMTP relay with nodemailer: threaded (In-Reply-To, References),
 * an HTML body with its plain-text alternative, and `Auto-Submitted: auto-replied` (RFC 3834) so
 * other robots do not answer the bot back.
 */
import nodemailer from 'nodemailer';
import type { OutgoingLetter } from './emailLedger.js';
import type { Outbox } from './emailChannel.js';

export interface SmtpOutboxOptions {
  host: string;
  port: number;
  /** Implicit TLS; otherwise STARTTLS when the relay offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  from: { name: string; address: string };
}

export interface SmtpOutbox extends Outbox {
  close(): void;
}

const angle = (id: string): string => `<${id}>`;

export function createSmtpOutbox(options: SmtpOutboxOptions): SmtpOutbox {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    async send(letter: OutgoingLetter): Promise<void> {
      await transport.sendMail({
        from: options.from,
        to: letter.to,
        subject: letter.subject,
        text: letter.text,
        html: letter.html,
        messageId: angle(letter.messageId),
        inReplyTo: angle(letter.inReplyTo),
        references: letter.references.map(angle),
        headers: { 'Auto-Submitted': 'auto-replied' },
      });
    },
    close: () => transport.close(),
  };
}
