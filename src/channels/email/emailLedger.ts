/**
 * What the e-mail channel must not forget across a crash or restart, kept in the bot's state store
 * (lowdb or PostgreSQL, like conversation state): every letter seen by Message-ID and what became of
 * it, the reply composed for it before it is sent, which conversation each message of a thread
 * belongs to, letters kept for staff, and recent answers per sender for the rate limit.
 * All changes go through one queue: the channel runs in one process (see the README's limits).
 */
import type { StateStore } from '../../domain/ports.js';

/** A reply as it will be handed to SMTP, kept whole so a retry sends exactly the same letter. */
export interface OutgoingLetter {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  inReplyTo: string;
  references: string[];
}

export type LetterStatus =
  /** Received, not yet answered: the turns run (again, after a crash) from `raw`. */
  | 'received'
  /** Answered: the reply is recorded and waits to be sent (again, after a crash). */
  | 'replying'
  | 'sent'
  /** Deliberately not answered (automatic, list, own address, empty after quoting). */
  | 'ignored'
  /** Kept for staff: unreadable, rate-limited, or the reply could not be composed. */
  | 'held';

export interface LetterRecord {
  messageId: string;
  status: LetterStatus;
  via: string;
  receivedAt: string;
  from?: string;
  subject?: string;
  conversationId?: string;
  reason?: string;
  /** The raw source (base64) while it may still be needed, and for held letters. */
  raw?: string;
  reply?: OutgoingLetter;
  attempts?: number;
  sentAt?: string;
}

const LETTER = 'email/letter/';
const THREAD = 'email/thread/';
const RATE = 'email/rate/';
const OPEN = 'email/open';
const HELD = 'email/held';

export interface EmailLedger {
  letter(messageId: string): Promise<LetterRecord | undefined>;
  /** Saves the record; letters received or replying are listed as open, held ones as held. */
  save(record: LetterRecord): Promise<void>;
  /** Letters not finished (received or replying), oldest first. */
  open(): Promise<LetterRecord[]>;
  held(): Promise<LetterRecord[]>;
  /** The conversation a message (a customer's or one of the bot's replies) belongs to. */
  threadOf(messageIds: readonly string[]): Promise<string | undefined>;
  link(messageIds: readonly string[], conversationId: string): Promise<void>;
  /** Counts an answer to this sender; false (and nothing counted) when the hour's allowance is used. */
  takeAllowance(sender: string, perHour: number, now: Date): Promise<boolean>;
}

export function createEmailLedger(state: StateStore): EmailLedger {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };
  const get = async (key: string): Promise<Record<string, unknown> | undefined> => (await state.read([key]))[key]?.value;
  const ids = async (key: string): Promise<string[]> => ((await get(key))?.ids as string[] | undefined) ?? [];
  const letters = async (key: string): Promise<LetterRecord[]> => {
    const list = await ids(key);
    const found = await state.read(list.map((id) => LETTER + id));
    return list.map((id) => found[LETTER + id]?.value as LetterRecord | undefined).filter((r): r is LetterRecord => !!r);
  };

  return {
    letter: (messageId) => serial(async () => (await get(LETTER + messageId)) as LetterRecord | undefined),
    save: (record) =>
      serial(async () => {
        const open = (await ids(OPEN)).filter((id) => id !== record.messageId);
        if (record.status === 'received' || record.status === 'replying') open.push(record.messageId);
        const held = (await ids(HELD)).filter((id) => id !== record.messageId);
        if (record.status === 'held') held.push(record.messageId);
        // One write: the record and both lists change together or not at all.
        await state.write([
          { key: LETTER + record.messageId, value: { ...record } },
          { key: OPEN, value: { ids: open } },
          { key: HELD, value: { ids: held.slice(-1000) } },
        ]);
      }),
    open: () => serial(() => letters(OPEN)),
    held: () => serial(() => letters(HELD)),
    threadOf: (messageIds) =>
      serial(async () => {
        const found = await state.read(messageIds.map((id) => THREAD + id));
        for (const id of messageIds) {
          const conversationId = found[THREAD + id]?.value.conversationId;
          if (typeof conversationId === 'string') return conversationId;
        }
        return undefined;
      }),
    link: (messageIds, conversationId) =>
      serial(async () => void (await state.write(messageIds.map((id) => ({ key: THREAD + id, value: { conversationId } }))))),
    takeAllowance: (sender, perHour, now) =>
      serial(async () => {
        const since = now.getTime() - 3_600_000;
        const times = (((await get(RATE + sender))?.times as number[] | undefined) ?? []).filter((t) => t > since);
        if (times.length >= perHour) return false;
        await state.write([{ key: RATE + sender, value: { times: [...times, now.getTime()] } }]);
        return true;
      }),
  };
}
