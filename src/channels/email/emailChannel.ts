/**
 * The bot's own e-mail inbox: takes raw letters (from IMAP or its SMTP server), decides whether to
 * answer, finds the thread's conversation, runs the letter through the adapter as an `email`
 * activity (letterMiddleware answers it), and sends the reply through the outbox — exactly once
 * per letter, as far as a crash allows:
 *
 * - the letter (with its source) is recorded before any turn runs, so a crash before the reply is
 *   composed runs it again at start-up (its turns may run twice; nothing was sent);
 * - the composed reply is recorded before it is sent, so a crash or an SMTP failure retries the same
 *   reply (same Message-ID) until it goes; a crash between the relay's "250" and the record of it is
 *   the one case where a letter is answered twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Activity, CloudAdapter } from 'botbuilder';
import { AuthenticationConstants, ClaimsIdentity, ConnectorClient, type AuthenticateRequestResult } from 'botframework-connector';
import type { Logger } from '../../logger.js';
import { whyNoReply } from './automatic.js';
import type { EmailLedger, LetterRecord, LetterStatus, OutgoingLetter } from './emailLedger.js';
import { isUnreadable, readLetter, type Letter } from './letter.js';
import type { EmailChannelData, LetterSink } from './letterMiddleware.js';

export interface Outbox {
  send(letter: OutgoingLetter): Promise<void>;
}

export interface EmailChannelDeps {
  adapter: CloudAdapter;
  logger: Logger;
  ledger: EmailLedger;
  outbox: Outbox;
  /** Where letterMiddleware hands the reply of a letter taken here. */
  sinks: Map<string, LetterSink>;
  /** The bot's address (replies come from it) and every address it takes letters for. */
  address: string;
  ownAddresses: readonly string[];
  ratePerHour: number;
  botAccount: { id: string; name: string };
  appId?: string;
  now?: () => Date;
  /** Delay before the n-th retry of a reply that could not be sent. */
  retryDelayMs?: (attempt: number) => number;
}

export interface EmailChannel {
  /**
   * Takes one raw letter and resolves with what became of it. `onRecorded` is called once the
   * letter is safely recorded (the SMTP server answers "250" then).
   */
  receive(raw: Buffer, via: string, onRecorded?: () => void): Promise<LetterStatus>;
  /** Finishes letters a previous run left open: answers the unanswered, sends the unsent. */
  resume(): Promise<void>;
  /** Letters kept for staff, with the reason. */
  held(): Promise<LetterRecord[]>;
  close(): Promise<void>;
}

const FINISHED: readonly LetterStatus[] = ['sent', 'ignored', 'held'];
export const isFinished = (status: LetterStatus): boolean => FINISHED.includes(status);

const defaultRetry = (attempt: number): number => Math.min(3_600_000, 30_000 * 2 ** Math.min(attempt - 1, 7));

export function createEmailChannel(deps: EmailChannelDeps): EmailChannel {
  const { ledger, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const retryDelay = deps.retryDelayMs ?? defaultRetry;
  const domain = deps.address.split('@')[1] ?? 'localhost';
  const timers = new Set<NodeJS.Timeout>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  const authentication = (): AuthenticateRequestResult => ({
    audience: AuthenticationConstants.ToChannelFromBotOAuthScope,
    claimsIdentity: new ClaimsIdentity(
      deps.appId
        ? [
            { type: AuthenticationConstants.AudienceClaim, value: deps.appId },
            { type: AuthenticationConstants.AppIdClaim, value: deps.appId },
          ]
        : [],
      deps.appId ? true : AuthenticationConstants.AnonymousAuthType,
    ),
    // Replies never reach a connector: letterMiddleware hands them to the sink.
    connectorFactory: {
      create: async (serviceUrl: string) => new ConnectorClient({ signRequest: async (r) => r }, { baseUri: serviceUrl }),
    },
  });

  const save = (record: LetterRecord): Promise<LetterRecord> => ledger.save(record).then(() => record);

  async function conversationOf(letter: Letter): Promise<string> {
    const known = await ledger.threadOf([...(letter.inReplyTo ? [letter.inReplyTo] : []), ...[...letter.references].reverse()]);
    if (known) return known;
    const root = letter.references[0] ?? letter.inReplyTo ?? letter.messageId;
    return `email-${createHash('sha256').update(root).digest('hex').slice(0, 24)}`;
  }

  /** Runs the letter's turns and records the reply; undefined when no reply is due. */
  async function answer(letter: Letter, conversationId: string): Promise<Partial<Activity> | undefined> {
    const id = randomUUID();
    const activity: Partial<Activity> = {
      type: 'message',
      id,
      channelId: 'email',
      serviceUrl: 'http://127.0.0.1:9/email/',
      timestamp: letter.date ?? now(),
      conversation: { id: conversationId } as Activity['conversation'],
      from: { id: letter.from.address, name: letter.from.name ?? '', role: 'user' },
      recipient: { ...deps.botAccount, role: 'bot' },
      text: letter.text,
      channelData: { subject: letter.subject } satisfies EmailChannelData,
    };
    let reply: Partial<Activity> | undefined;
    deps.sinks.set(id, (out) => (reply = out));
    try {
      await deps.adapter.processActivityDirect(authentication(), activity as Activity, async () => undefined);
    } finally {
      deps.sinks.delete(id);
    }
    return reply;
  }

  async function deliver(record: LetterRecord): Promise<LetterStatus> {
    if (!record.reply || closed) return record.status;
    try {
      await deps.outbox.send(record.reply);
    } catch (error) {
      const attempts = (record.attempts ?? 0) + 1;
      await save({ ...record, attempts, reason: `not sent yet: ${(error as Error).message}` });
      logger.warn({ err: error, messageId: record.messageId, attempts }, 'reply to a letter not sent; will retry');
      const timer = setTimeout(() => {
        timers.delete(timer);
        void serial(async () => {
          const latest = await ledger.letter(record.messageId);
          if (latest?.status === 'replying') await deliver(latest);
        });
      }, retryDelay(attempts));
      timer.unref();
      timers.add(timer);
      return 'replying';
    }
    await save({ ...record, status: 'sent', sentAt: now().toISOString(), reason: undefined });
    logger.info({ messageId: record.messageId, conversationId: record.conversationId }, 'letter answered');
    return 'sent';
  }

  async function process(record: LetterRecord, letter: Letter): Promise<LetterStatus> {
    if (!(await ledger.takeAllowance(letter.from.address, deps.ratePerHour, now()))) {
      await save({ ...record, status: 'held', reason: `more than ${deps.ratePerHour} letters an hour from this sender` });
      return 'held';
    }
    const conversationId = await conversationOf(letter);
    await ledger.link([letter.messageId], conversationId);
    const reply = await answer(letter, conversationId);
    const data = reply?.channelData as EmailChannelData | undefined;
    if (!reply) {
      await save({ ...record, conversationId, status: 'ignored', reason: 'nothing new in it to answer', raw: undefined });
      return 'ignored';
    }
    if (reply.type === 'event') {
      await save({
        ...record,
        conversationId,
        status: 'held',
        reason: 'the bot had nothing to say (a person has the conversation)',
      });
      return 'held';
    }
    if (!data?.htmlBody) {
      // The turn failed (the adapter's error reply came instead of a letter): a person takes it.
      await save({ ...record, conversationId, status: 'held', reason: 'the bot could not answer it' });
      return 'held';
    }
    const outgoing: OutgoingLetter = {
      messageId: `${randomUUID()}@${domain}`,
      to: letter.from.address,
      subject: data.subject ?? `Re: ${letter.subject}`,
      text: reply.text ?? '',
      html: data.htmlBody,
      inReplyTo: letter.messageId,
      references: [...letter.references, letter.messageId].slice(-20),
    };
    await ledger.link([outgoing.messageId], conversationId);
    return deliver(await save({ ...record, conversationId, status: 'replying', reply: outgoing, raw: undefined }));
  }

  async function take(raw: Buffer, via: string, onRecorded?: () => void): Promise<LetterStatus> {
    const letter = await readLetter(raw);
    const existing = await ledger.letter(letter.messageId);
    if (existing && existing.status !== 'received') {
      onRecorded?.();
      return existing.status === 'replying' ? deliver(existing) : existing.status;
    }
    const base: LetterRecord = existing ?? {
      messageId: letter.messageId,
      status: 'received',
      via,
      receivedAt: now().toISOString(),
      raw: raw.toString('base64'),
    };
    if (isUnreadable(letter)) {
      await save({ ...base, status: 'held', reason: letter.reason });
      logger.warn({ messageId: letter.messageId, reason: letter.reason }, 'letter kept for staff: unreadable');
      onRecorded?.();
      return 'held';
    }
    const record: LetterRecord = { ...base, from: letter.from.address, subject: letter.subject.slice(0, 200) };
    const why = whyNoReply(letter, deps.ownAddresses);
    if (why) {
      await save({ ...record, status: 'ignored', reason: why, raw: undefined });
      logger.info({ messageId: letter.messageId, reason: why }, 'letter not answered');
      onRecorded?.();
      return 'ignored';
    }
    await save(record);
    onRecorded?.();
    return process(record, letter);
  }

  return {
    receive: (raw, via, onRecorded) => serial(() => take(raw, via, onRecorded)),
    async resume() {
      for (const record of await ledger.open()) {
        await serial(async () => {
          const latest = await ledger.letter(record.messageId);
          if (latest?.status === 'replying') await deliver(latest);
          else if (latest?.status === 'received' && latest.raw) await take(Buffer.from(latest.raw, 'base64'), latest.via);
        });
      }
    },
    held: () => ledger.held(),
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await queue;
    },
  };
}
