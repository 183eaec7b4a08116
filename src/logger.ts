import { pino, type Logger } from 'pino';
import { maskText } from './domain/maskText.js';

export type { Logger };

/**
 * Paths whose values never reach the logs: contact details, secrets, and what a conversation holds
 * (dialog state, activities, message text). The transcript store has its own redaction; this keeps
 * them out of log lines too.
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
  'text',
  '*.text',
  'activity',
  '*.activity',
  'state',
  '*.state',
  'dialogContext',
  '*.dialogContext',
  'session',
  '*.session',
];

/**
 * An error as a log line shows it: its kind, code, status and (masked) message and stack, and the
 * same for its cause — never its other fields, where botbuilder keeps the whole dialog stack with
 * everything the customer said.
 */
function errorFacts(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const e = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown; error?: unknown };
  const cause = e.cause ?? e.error;
  return {
    type: e.name,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof (e.status ?? e.statusCode) === 'number' ? { status: e.status ?? e.statusCode } : {}),
    message: maskText(e.message).slice(0, 500),
    ...(e.stack ? { stack: maskText(e.stack).slice(0, 4_000) } : {}),
    ...(cause instanceof Error && depth < 3 ? { cause: errorFacts(cause, depth + 1) } : {}),
  };
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: errorFacts, sendError: errorFacts },
      base: { app: 'inbound-sales-bot' },
    },
    destination,
  );
}
