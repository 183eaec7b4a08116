/**
 * Configuration, read once from the environment (and an optional `.env` file) and validated.
 * Every key is documented in the README's configuration table; an invalid value stops start-up
 * with one message that lists every problem.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from './domain/errors.js';
import { DEFAULT_MIN_CONFIDENCE } from './knowledge/refusalModel.js';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const ConfigSchema = z
  .object({
    /** TCP port of the bot's HTTP server. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Interface to listen on. */
    HOST: z.string().default('0.0.0.0'),
    /** Folder of the embedded lowdb store. */
    DATA_DIR: z.string().min(1).default('./data'),
    /** Folder of the business's Markdown knowledge and business.yaml. */
    KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
    /** PostgreSQL connection string; when set, it replaces the embedded lowdb store. */
    DATABASE_URL: optionalString,
    /** PostgreSQL schema for the bot's tables (created when missing). */
    DATABASE_SCHEMA: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a plain SQL identifier')
      .default('public'),
    /** Deadline of one store call in milliseconds; past it the customer hears that saving failed. */
    STORE_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(3_000),
    /**
     * How long a turn waits for the one before it in the same conversation (on any instance);
     * past it the customer is asked to send the message again.
     */
    TURN_LOCK_WAIT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Store failures in a row that open the circuit breaker (calls then fail at once for 10 s). */
    STORE_BREAK_AFTER: z.coerce.number().int().min(1).max(1000).default(5),
    /**
     * Days a conversation's record, transcript and bot state are kept after its last activity; a
     * background job removes older ones hourly. Consented customer records, callbacks, leads and
     * orders are not affected (they follow consent and erasure requests).
     */
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Free space (MB) DATA_DIR's disk must keep; below it /healthz answers 503. */
    HEALTH_MIN_FREE_MB: z.coerce.number().min(0).default(100),
    /** Bot Framework app registration; empty = local, unauthenticated channel. */
    MicrosoftAppId: optionalString,
    MicrosoftAppPassword: optionalString,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: optionalString,
    /** pino level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * Threshold (0–1) on the refusal model's probability that the best passage answers the question;
     * below it the bot says it does not know. Default: the value chosen on the evaluation's dev split.
     */
    ANSWER_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
    /**
     * Sentence model for retrieval: `local` (shipped in the npm package, run in a worker thread),
     * `openai` (an OpenAI-compatible /embeddings endpoint, with OPENAI_API_KEY / OPENAI_BASE_URL) or
     * `off` (lexical retrieval only: ~130 MB less memory, lower accuracy on knowledge nobody tuned for).
     */
    EMBEDDINGS: z.enum(['local', 'openai', 'off']).default('local'),
    /** Embedding model name for EMBEDDINGS=openai. */
    EMBEDDINGS_MODEL: z.string().trim().min(1).default('text-embedding-3-small'),
    /** Folder of cached passage vectors; default DATA_DIR/embeddings. */
    EMBEDDINGS_CACHE_DIR: optionalString,
    /**
     * Milliseconds a customer's turn may wait on the sentence model, all its embeddings together;
     * past it the question is answered lexically.
     */
    EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(100),
    /** Folder of the persisted lexical index (the passages' analysed terms); default DATA_DIR/index-cache. */
    KNOWLEDGE_INDEX_CACHE_DIR: optionalString,
    /**
     * Signs the embedded Direct Line's tokens (at least 32 characters), and is itself accepted as a
     * Bearer secret by it (for a site's back end). Unset: a random one per start, so chat tokens do
     * not survive a restart.
     */
    DIRECTLINE_SECRET: optionalString.pipe(z.string().min(32, 'at least 32 characters').optional()),
    /** Language of the telephony channel's speech (BCP 47); default: business.yaml's locale. */
    SPEECH_LOCALE: optionalString,
    /** Azure neural voice for the telephony channel; default: one for SPEECH_LOCALE (en-AU-NatashaNeural for en-AU). */
    SPEECH_VOICE: optionalString,
    /** New chats one network address may start per minute on the built-in Direct Line (anonymous token requests). */
    DIRECTLINE_STARTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    /** Hours a staff sign-in lasts before the page asks for the password again. */
    STAFF_SESSION_HOURS: z.coerce.number().positive().max(720).default(12),
    /** Failed staff sign-ins in a row (per user name) that lock the name for STAFF_LOCKOUT_MINUTES. */
    STAFF_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    /** Minutes a staff user name stays locked after STAFF_LOCKOUT_ATTEMPTS failures. */
    STAFF_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    /** Staff sign-in attempts accepted per network address per minute, counted before the password is hashed. */
    STAFF_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    /** Mark the staff session cookie `Secure` (true/false); turn on whenever the bot is served over HTTPS. */
    STAFF_COOKIE_SECURE: z.stringbool().default(false),
    /** Minutes after its due time an open callback is flagged on the staff home page as not reached. */
    STAFF_CALLBACK_GRACE_MINUTES: z.coerce.number().int().min(0).max(10_080).default(30),
    /**
     * Key of an OpenAI or OpenAI-compatible endpoint. Set: a language model improves understanding and
     * wording (answers stay grounded in the knowledge and fall back to the offline path on any failure).
     * Unset: everything runs offline. Local servers that need no key accept any value.
     */
    OPENAI_API_KEY: optionalString,
    /** Base URL of an OpenAI-compatible server (e.g. http://localhost:11434/v1 for Ollama); unset: OpenAI. */
    OPENAI_BASE_URL: optionalString.pipe(z.url({ message: 'expected a URL' }).optional()),
    /** Chat model used for understanding, answers and consulting wording. */
    OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
    /** Deadline of one model call in milliseconds (retries included); past it the offline path answers. */
    OPENAI_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8_000),
    /**
     * The e-mail channel (see the README's "Letters" section). None of the EMAIL_* keys set: the
     * channel is off. The bot's own address, which replies come from and which it never answers.
     */
    EMAIL_ADDRESS: optionalString.pipe(z.email({ message: 'expected an e-mail address' }).optional()),
    /** Display name of replies; default: business.yaml's name. */
    EMAIL_FROM_NAME: optionalString,
    /** Addresses the bot accepts letters for (comma-separated); default: EMAIL_ADDRESS. */
    EMAIL_RECIPIENTS: optionalString,
    /** IMAP server of the bot's mailbox; set: unseen letters are read (IDLE, or polling) and marked seen once answered. */
    EMAIL_IMAP_HOST: optionalString,
    EMAIL_IMAP_PORT: z.coerce.number().int().min(1).max(65535).default(993),
    /** Implicit TLS (true, port 993) or plain with STARTTLS when the server offers it (false). */
    EMAIL_IMAP_TLS: z.stringbool().default(true),
    EMAIL_IMAP_USER: optionalString,
    EMAIL_IMAP_PASSWORD: optionalString,
    EMAIL_IMAP_MAILBOX: z.string().trim().min(1).default('INBOX'),
    /** Seconds between mailbox checks when IDLE is not available (and as a safety net beside it). */
    EMAIL_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Port of the bot's own SMTP server for mail pointed straight at it (an MX or a relay); unset: off. */
    EMAIL_INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Interface of that SMTP server. */
    EMAIL_INBOUND_SMTP_HOST: z.string().default('0.0.0.0'),
    /** SMTP relay replies are sent through (required when the channel is on). */
    EMAIL_SMTP_HOST: optionalString,
    EMAIL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    /** Implicit TLS (true, port 465) or STARTTLS when offered (false). */
    EMAIL_SMTP_TLS: z.stringbool().default(false),
    EMAIL_SMTP_USER: optionalString,
    EMAIL_SMTP_PASSWORD: optionalString,
    /** Letters one sender may have answered per hour; more are kept unanswered for staff. */
    EMAIL_RATE_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
  })
  .superRefine((c, ctx) => {
    if (c.MicrosoftAppId && !c.MicrosoftAppPassword && c.MicrosoftAppType !== 'UserAssignedMSI') {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: 'required when MicrosoftAppId is set (unless MicrosoftAppType=UserAssignedMSI)',
      });
    }
    const emailIn = Boolean(c.EMAIL_IMAP_HOST) || c.EMAIL_INBOUND_SMTP_PORT !== undefined;
    if ((emailIn || c.EMAIL_SMTP_HOST) && !c.EMAIL_ADDRESS) {
      ctx.addIssue({ code: 'custom', path: ['EMAIL_ADDRESS'], message: 'required when the e-mail channel is configured' });
    }
    if (emailIn && !c.EMAIL_SMTP_HOST) {
      ctx.addIssue({ code: 'custom', path: ['EMAIL_SMTP_HOST'], message: 'required to send replies to letters' });
    }
    if (c.EMAIL_IMAP_HOST && (!c.EMAIL_IMAP_USER || !c.EMAIL_IMAP_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: ['EMAIL_IMAP_USER'],
        message: 'EMAIL_IMAP_USER and EMAIL_IMAP_PASSWORD are required with EMAIL_IMAP_HOST',
      });
    }
    if (c.MicrosoftAppType === 'SingleTenant' && c.MicrosoftAppId && !c.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'required when MicrosoftAppType=SingleTenant' });
    }
  });
export type Config = z.infer<typeof ConfigSchema>;

/** Parses the given environment; throws a ValidationError naming every invalid key. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ValidationError(`Invalid configuration:\n  - ${issues.join('\n  - ')}`, issues);
}

/** Loads `.env` from the working directory when present (values already set in the environment win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
