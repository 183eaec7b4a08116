/**
 * The record of every conversation: its transcript and the metadata staff filter on (channel,
 * source, outcomes, unanswered questions). Writes for one conversation keep their order; a write
 * that fails is reported to `onError` and never reaches the customer's turn.
 */
import { KeyedMutex } from '../keyedMutex.js';
import type { Conversation, ConversationOutcome, TranscriptEntry } from '../model.js';
import type { Collection, TranscriptStore } from '../ports.js';

interface ActivityRecord {
  conversationId: string;
  channelId: string;
  userId?: string;
  direction: 'in' | 'out';
  at: Date;
  type: string;
  text?: string;
  activity: Record<string, unknown>;
  failed?: boolean;
  source?: string;
  campaign?: string;
}

export interface ConversationLogDeps {
  conversations: Collection<Conversation>;
  transcripts: TranscriptStore;
  onError: (error: unknown, conversationId: string) => void;
  /**
   * How long changes to a conversation's record (activity count, outcomes…) wait to be written
   * together; default 1 s. Transcripts are written at once. 0 writes records at once too.
   */
  recordDelayMs?: number;
}

export interface ConversationLog {
  /** Queues the activity for recording (the transcript at once, the record within recordDelayMs). */
  record(entry: ActivityRecord): Promise<void>;
  addOutcome(conversationId: string, outcome: ConversationOutcome): Promise<void>;
  addUnanswered(conversationId: string, question: string): Promise<void>;
  linkCustomer(conversationId: string, customerId: string): Promise<void>;
  /** The conversation's transcript so far, including writes still queued. */
  transcript(conversationId: string): Promise<TranscriptEntry[]>;
  /** Waits until every queued write has finished. */
  flush(): Promise<void>;
  /**
   * Waits until the conversation's transcript lines queued so far are written (not the delayed
   * record counters), so the next turn — perhaps on another instance — appends after them.
   */
  settled(conversationId: string): Promise<void>;
}

export function createConversationLog(deps: ConversationLogDeps): ConversationLog {
  const queues = new KeyedMutex();

  /** Runs `work` after the conversation's earlier writes, so a transcript keeps its order. */
  function enqueue(conversationId: string, work: () => Promise<void>): Promise<void> {
    return queues.run(conversationId, work).catch((error: unknown) => deps.onError(error, conversationId));
  }

  /**
   * Changes to conversation records wait here and are applied together in one update, queued after
   * the transcript writes already waiting: a turn's activities and outcomes cost one record write.
   */
  const pending = new Map<string, ((c: Conversation | undefined) => Conversation | undefined)[]>();

  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const delay = deps.recordDelayMs ?? 1000;

  /** Queues the conversation's waiting record changes as one update. */
  function writeRecord(conversationId: string): Promise<void> {
    const timer = timers.get(conversationId);
    if (timer) clearTimeout(timer);
    timers.delete(conversationId);
    return enqueue(conversationId, async () => {
      const batch = pending.get(conversationId) ?? [];
      pending.delete(conversationId);
      if (batch.length === 0) return;
      await deps.conversations.update(conversationId, (current) => {
        let record = current;
        for (const apply of batch) record = apply(record) ?? record;
        return record;
      });
    });
  }

  function changeRecord(
    conversationId: string,
    change: (c: Conversation | undefined) => Conversation | undefined,
  ): Promise<void> {
    const changes = pending.get(conversationId);
    if (changes) {
      changes.push(change);
    } else {
      pending.set(conversationId, [change]);
      if (delay <= 0) return writeRecord(conversationId);
      const timer = setTimeout(() => void writeRecord(conversationId), delay);
      timer.unref?.();
      timers.set(conversationId, timer);
    }
    return Promise.resolve();
  }

  /**
   * Conversations whose record this process has made sure of. The first line of a conversation
   * creates its record in the same queue, before the line itself, so a crash can lag the counters
   * but never leave a transcript without its record. Bounded: a forgotten id costs one more check.
   */
  const ensured = new Set<string>();
  const MAX_ENSURED = 50_000;
  function ensureRecord(id: string, freshRecord: () => Conversation): void {
    if (ensured.has(id)) return;
    ensured.add(id);
    if (ensured.size > MAX_ENSURED) ensured.delete(ensured.values().next().value!);
    const fresh = freshRecord();
    void enqueue(fresh.id, async () => {
      if (await deps.conversations.get(fresh.id)) return;
      await deps.conversations.update(fresh.id, (current) => current ?? { ...fresh, activityCount: 0 });
    });
  }

  const touch = (conversationId: string, change: (c: Conversation) => Conversation): Promise<void> =>
    changeRecord(conversationId, (c) => (c ? change(c) : undefined));

  return {
    record(entry) {
      const at = entry.at.toISOString();
      const transcriptEntry: TranscriptEntry = {
        conversationId: entry.conversationId,
        direction: entry.direction,
        at,
        type: entry.type,
        text: entry.text,
        activity: entry.activity,
        ...(entry.failed ? { failed: true } : {}),
      };
      // Made only when needed: most activities are not a conversation's first.
      const fresh = (): Conversation => ({
        id: entry.conversationId,
        channelId: entry.channelId,
        userId: entry.userId,
        source: entry.source,
        campaign: entry.campaign,
        startedAt: at,
        lastActivityAt: at,
        activityCount: 0,
        outcomes: [],
        unanswered: [],
        tags: [],
        reviewed: false,
      });
      ensureRecord(entry.conversationId, fresh);
      void enqueue(entry.conversationId, () => deps.transcripts.append(transcriptEntry));
      return changeRecord(entry.conversationId, (current) => {
        const base: Conversation = current ?? fresh();
        return {
          ...base,
          userId: base.userId ?? entry.userId,
          source: base.source ?? entry.source,
          campaign: base.campaign ?? entry.campaign,
          lastActivityAt: at > base.lastActivityAt ? at : base.lastActivityAt,
          activityCount: base.activityCount + 1,
        };
      });
    },
    addOutcome: (conversationId, outcome) =>
      touch(conversationId, (c) => (c.outcomes.includes(outcome) ? c : { ...c, outcomes: [...c.outcomes, outcome] })),
    addUnanswered: (conversationId, question) =>
      touch(conversationId, (c) => ({ ...c, unanswered: [...c.unanswered, question.slice(0, 500)] })),
    linkCustomer: (conversationId, customerId) => touch(conversationId, (c) => ({ ...c, customerId })),
    async transcript(conversationId) {
      await queues.idle(conversationId);
      return deps.transcripts.read(conversationId);
    },
    async flush() {
      for (const conversationId of [...timers.keys()]) void writeRecord(conversationId);
      await queues.idleAll();
    },
    settled: (conversationId) => queues.idle(conversationId),
  };
}
