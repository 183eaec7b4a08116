/**
 * Retention: conversations whose last activity is older than the retention period are removed with
 * their transcript and bot state, so the stores (and the embedded store's memory) hold only recent
 * conversations. Consented customer records, callbacks, leads and orders follow their own rules
 * (consent, erasure requests) and are kept. Each conversation goes transcript and state first and
 * its record last, so a run cut short leaves the record behind and the next run finishes it.
 */
import type { Conversation } from '../model.js';
import type { Stores } from '../ports.js';
import type { Clock } from '../clock.js';

type RetentionStores = Pick<Stores, 'conversations' | 'transcripts' | 'state'>;

export interface RetentionOptions {
  stores: RetentionStores;
  clock: Clock;
  /** Days a conversation is kept after its last activity. */
  days: number;
  /** The bot-state keys a conversation's state is kept under (the bot layer knows the format). */
  stateKeysOf: (conversation: Conversation) => string[];
  /** Conversations removed per page (each page is one query). */
  pageSize?: number;
}

export interface RetentionReport {
  conversations: number;
  transcripts: number;
}

const DAY_MS = 86_400_000;

/** Removes everything past retention once; safe to run again, and alongside live turns. */
export async function purgeExpired(options: RetentionOptions): Promise<RetentionReport> {
  const { stores, clock, days, stateKeysOf, pageSize = 200 } = options;
  const cutoff = new Date(clock.now().getTime() - days * DAY_MS).toISOString();
  const report: RetentionReport = { conversations: 0, transcripts: 0 };
  const seen = new Set<string>();
  for (;;) {
    // Always the oldest page: what was removed is gone from it, so no cursor is needed.
    const { items } = await stores.conversations.query({ orderBy: 'lastActivityAt', to: cutoff, limit: pageSize });
    const fresh = items.filter((c) => !seen.has(c.id));
    if (fresh.length === 0) return report;
    // A page at a time, its conversations together: the stores batch what they can (one fsync,
    // one segment rewrite) for changes that arrive together.
    await Promise.all(
      fresh.map(async (conversation) => {
        seen.add(conversation.id);
        if (await stores.transcripts.delete(conversation.id)) report.transcripts++;
        await stores.state.delete(stateKeysOf(conversation));
        // A turn may have come in since the query: then the conversation is active again and stays.
        const now = await stores.conversations.get(conversation.id);
        if (now && now.lastActivityAt >= cutoff) return;
        if (await stores.conversations.delete(conversation.id)) report.conversations++;
      }),
    );
  }
}

export interface RetentionJob {
  /** Waits for a run in progress and stops the timer. */
  stop(): Promise<void>;
  /** Runs once now (also what the timer does). */
  runOnce(): Promise<RetentionReport>;
}

/** Runs purgeExpired every `everyMs` (first one interval after start), one run at a time, off the turn path. */
export function startRetentionJob(
  options: RetentionOptions & { everyMs: number; onError: (err: unknown) => void; onDone?: (r: RetentionReport) => void },
): RetentionJob {
  let running: Promise<RetentionReport> | undefined;
  let stopped = false;
  const runOnce = (): Promise<RetentionReport> => {
    running ??= purgeExpired(options).finally(() => (running = undefined));
    return running;
  };
  const tick = (): void => {
    if (stopped) return;
    runOnce().then(
      (r) => options.onDone?.(r),
      (err: unknown) => options.onError(err),
    );
  };
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
