/**
 * The embedded Direct Line's conversations in this process's memory (one instance; several share
 * the PostgreSQL adapter of the same port, src/stores/postgres/PgSharedState.ts): each keeps its
 * latest activities (both sides) numbered by a watermark. Bounded in count, idle time, activities
 * and bytes per conversation; a restart forgets them (Web Chat then starts a new conversation; the
 * bot's own state and transcripts are in the store, not here). Conversations the user has not
 * written in yet are kept apart, each kind bounded on its own: a flood of new conversations (one
 * request each, unauthenticated) only pushes out other new ones, never a chat under way.
 */
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_DIRECTLINE_LIMITS,
  type DirectLineConversation,
  type DirectLineLimits,
  type DirectLineStore,
  type WireActivity,
} from '../../domain/sharedState.js';
import { BoundedMap } from '../boundedMap.js';

export type { DirectLineConversation, DirectLineLimits, WireActivity } from '../../domain/sharedState.js';
export const DEFAULT_LIMITS = DEFAULT_DIRECTLINE_LIMITS;

interface Kept extends DirectLineConversation {
  activities: { activity: WireActivity; bytes: number }[];
  bytes: number;
}

export class ConversationStore implements DirectLineStore {
  /** Conversations the user has written in. */
  private readonly live: BoundedMap<string, Kept>;
  /** Conversations opened but not written in yet (what a flood of new conversations fills). */
  private readonly fresh: BoundedMap<string, Kept>;

  constructor(
    private readonly limits: DirectLineLimits = DEFAULT_LIMITS,
    now?: () => number,
  ) {
    const bounds = { maxEntries: limits.maxConversations, ttlMs: limits.idleTtlMs, now };
    this.live = new BoundedMap(bounds);
    this.fresh = new BoundedMap(bounds);
  }

  private find(id: string): Kept | undefined {
    return this.live.get(id) ?? this.fresh.get(id);
  }

  async create(userId: string, id = randomBytes(16).toString('base64url')): Promise<DirectLineConversation> {
    const kept = this.find(id);
    if (kept) return view(kept);
    const conversation: Kept = { id, userId, started: false, activities: [], watermark: 0, bytes: 0 };
    this.fresh.set(conversation.id, conversation);
    return view(conversation);
  }

  async get(id: string): Promise<DirectLineConversation | undefined> {
    const kept = this.find(id);
    return kept && view(kept);
  }

  async start(id: string): Promise<boolean> {
    const kept = this.find(id);
    if (!kept || kept.started) return false;
    kept.started = true;
    return true;
  }

  async append(id: string, activity: object): Promise<WireActivity | undefined> {
    const conversation = this.find(id);
    if (!conversation) return undefined;
    // The user's first message makes it a chat under way.
    const { from, type } = activity as { from?: { role?: string }; type?: string };
    if (type === 'message' && from?.role !== 'bot' && this.fresh.has(id)) {
      this.fresh.delete(id);
      this.live.set(id, conversation);
    }
    conversation.watermark += 1;
    const stored: WireActivity = {
      ...activity,
      id: `${id}|${String(conversation.watermark).padStart(7, '0')}`,
      timestamp: new Date().toISOString(),
      conversation: { id },
    };
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.activities.push({ activity: stored, bytes });
    conversation.bytes += bytes;
    // Bounded in count and bytes; the newest activity always stays.
    while (
      conversation.activities.length > 1 &&
      (conversation.activities.length > this.limits.maxActivities || conversation.bytes > this.limits.maxBytes)
    ) {
      conversation.bytes -= conversation.activities.shift()!.bytes;
    }
    return stored;
  }

  async since(id: string, watermark?: string): Promise<{ activities: WireActivity[]; watermark: string } | undefined> {
    const conversation = this.find(id);
    if (!conversation) return undefined;
    const after = Number.parseInt(watermark ?? '', 10);
    const from = Number.isFinite(after) && after >= 0 ? after : 0;
    const firstKept = conversation.watermark - conversation.activities.length + 1;
    return {
      activities: conversation.activities.slice(Math.max(0, from + 1 - firstKept)).map((a) => a.activity),
      watermark: String(conversation.watermark),
    };
  }

  /** Bytes of activities kept across every conversation (for tests of the bound). */
  keptBytes(): number {
    let total = 0;
    for (const conversation of [...this.live.values(), ...this.fresh.values()]) total += conversation.bytes;
    return total;
  }
}

const view = ({ id, userId, started, watermark }: Kept): DirectLineConversation => ({ id, userId, started, watermark });
