/**
 * What several instances of the bot on one database must share besides the records: the lock that
 * serialises the turns of one conversation, the activities already processed, the counts behind
 * the attempt limits, and the embedded Direct Line's conversations. In memory for one process
 * (the embedded store), in PostgreSQL for several (src/stores/postgres/PgSharedState.ts); the
 * composition root picks one.
 */

/** One turn at a time per conversation, across every instance. */
export interface TurnLocks {
  /**
   * Runs `task` holding `key`'s lock. Rejects with LockTimeoutError, without running `task`, when
   * the lock is not had within the lock wait.
   */
  run<R>(key: string, task: () => Promise<R>): Promise<R>;
}

/**
 * The activities already processed, per conversation; forgotten after a while. Claimed while the
 * conversation's turn lock is held, so a claim still "in progress" when another turn looks at it
 * was left by a process that died mid-turn: it may be claimed again (the channel's retry after a
 * crash is answered), while a completed one is a duplicate.
 */
export interface ActivityLedger {
  /** Claims `activityId` in `scope`; false when it was completed already (a duplicate delivery). */
  claim(scope: string, activityId: string): Promise<boolean>;
  /** Marks a claim completed: from now on the activity is a duplicate. */
  complete(scope: string, activityId: string): Promise<void>;
  /** Forgets a claim, so a retry of an activity whose turn failed is processed again. */
  release(scope: string, activityId: string): Promise<void>;
}

/** Times of attempts per key (failed sign-ins, reference misses), kept while a window needs them. */
export interface AttemptLog {
  /** The times (epoch ms) of `key`'s attempts within `windowMs` before `now`, oldest first. */
  recent(key: string, now: Date, windowMs: number): Promise<number[]>;
  /** Records an attempt at `now`; it is kept for `windowMs`. */
  add(key: string, now: Date, windowMs: number): Promise<void>;
  /** Forgets every attempt of `key`. */
  clear(key: string): Promise<void>;
}

/** An activity as the embedded Direct Line sends it: JSON, with the id and timestamp it assigned. */
export interface WireActivity {
  id: string;
  timestamp: string;
  conversation: { id: string };
  type?: string;
  text?: string;
  [field: string]: unknown;
}

export interface DirectLineConversation {
  id: string;
  userId: string;
  /** Whether the bot has been told that the user joined. */
  started: boolean;
  /** Watermark of the last activity (0 = none yet). */
  watermark: number;
}

export interface DirectLineLimits {
  /** Conversations kept at once; past it the least recently used go. */
  maxConversations: number;
  /** A conversation unused this long is forgotten. */
  idleTtlMs: number;
  /** Activities kept per conversation; older ones can no longer be fetched. */
  maxActivities: number;
  /** Bytes of activities (as JSON) kept per conversation; past it the oldest go. */
  maxBytes: number;
}

/** The embedded Direct Line's conversations and their activities, numbered by watermark. */
export interface DirectLineStore {
  /** A new conversation; with `id`, one a valid token names (kept when it exists). */
  create(userId: string, id?: string): Promise<DirectLineConversation>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Marks the conversation started; true only for the one call that started it. */
  start(id: string): Promise<boolean>;
  /** Adds an activity with the next id and watermark; undefined when the conversation is gone. */
  append(id: string, activity: object): Promise<WireActivity | undefined>;
  /** Activities after `watermark` (all kept ones when it is absent or unreadable), and the new watermark. */
  since(id: string, watermark?: string): Promise<{ activities: WireActivity[]; watermark: string } | undefined>;
}

export const DEFAULT_DIRECTLINE_LIMITS: DirectLineLimits = {
  maxConversations: 1_000,
  idleTtlMs: 2 * 60 * 60_000,
  maxActivities: 500,
  maxBytes: 256 * 1024,
};

export interface SharedState {
  turnLocks: TurnLocks;
  activities: ActivityLedger;
  attempts: AttemptLog;
  /** The embedded Direct Line's conversations; unset: the channel keeps them in its own memory. */
  directLine?: DirectLineStore;
  close(): Promise<void>;
}
