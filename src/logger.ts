import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths whose values never reach the logs: contact details and secrets. The transcript store has its
 * own redaction; this keeps them out of log lines too.
 */
const REDACT = [
  'phone',
  '*.phone',
  'email',
  '*.email',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'inbound-sales-bot' } }, destination);
}
