/**
 * The embedded Direct Line's conversations, in memory: each keeps its latest activities (both sides)
 * numbered by a watermark. Bounded in count, idle time and length; a restart forgets them (Web Chat
 * then starts a new conversation; the bot's own state and transcripts are in the store, not here).
 */
import { randomBytes } from 'node:crypto';
import { BoundedMap } from '../boundedMap.js';

export interface DirectLineLimits {
  /** Conversations kept at once; past it the least recently used is forgotten. */
  maxConversations: number;
  /** A conversation unused this long is forgotten. */
  idleTtlMs: number;
  /** Activities kept per conversation; older ones can no longer be fetched. */
  maxActivities: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = { maxConversations: 1_000, idleTtlMs: 2 * 60 * 60_000, maxActivities: 500 };

/** An activity as the Direct Line sends it: JSON, with the id and timestamp the service assigned. */
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
  activities: WireActivity[];
  /** Watermark of the last activity (0 = none yet). */
  watermark: number;
}

export class ConversationStore {
  private readonly conversations: BoundedMap<string, DirectLineConversation>;

  constructor(
    private readonly limits: DirectLineLimits = DEFAULT_LIMITS,
    now?: () => number,
  ) {
    this.conversations = new BoundedMap({ maxEntries: limits.maxConversations, ttlMs: limits.idleTtlMs, now });
  }

  /** A new conversation; with `id`, one that a valid token names but this process has forgotten. */
  create(userId: string, id = randomBytes(16).toString('base64url')): DirectLineConversation {
    const conversation = { id, userId, started: false, activities: [], watermark: 0 };
    this.conversations.set(conversation.id, conversation);
    return conversation;
  }

  get(id: string): DirectLineConversation | undefined {
    return this.conversations.get(id);
  }

  /** Adds an activity with the next id and watermark; undefined when the conversation is gone. */
  append(id: string, activity: object): WireActivity | undefined {
    const conversation = this.get(id);
    if (!conversation) return undefined;
    conversation.watermark += 1;
    const stored = {
      ...activity,
      id: `${id}|${String(conversation.watermark).padStart(7, '0')}`,
      timestamp: new Date().toISOString(),
      conversation: { id },
    };
    conversation.activities.push(stored);
    if (conversation.activities.length > this.limits.maxActivities) conversation.activities.shift();
    return stored;
  }

  /** Activities after `watermark` (all kept ones when it is absent or unreadable), and the new watermark. */
  since(id: string, watermark?: string): { activities: WireActivity[]; watermark: string } | undefined {
    const conversation = this.get(id);
    if (!conversation) return undefined;
    const after = Number.parseInt(watermark ?? '', 10);
    const from = Number.isFinite(after) && after >= 0 ? after : 0;
    const firstKept = conversation.watermark - conversation.activities.length + 1;
    return {
      activities: conversation.activities.slice(Math.max(0, from + 1 - firstKept)),
      watermark: String(conversation.watermark),
    };
  }
}
