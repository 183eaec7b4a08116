/**
 * The choices last offered as text in each conversation, so that the next reply ("2", "the second
 * one", a key on the phone) can be read as the choice. Kept in memory: a restart forgets them, and the
 * customer then simply types the answer.
 */
import type { Activity } from 'botbuilder';
import { BoundedMap } from './boundedMap.js';
import type { OfferedChoice } from './render/choices.js';

export type ChoiceMemory = BoundedMap<string, OfferedChoice[]>;

export function createChoiceMemory(options: { maxConversations?: number; ttlMs?: number } = {}): ChoiceMemory {
  return new BoundedMap({ maxEntries: options.maxConversations ?? 10_000, ttlMs: options.ttlMs ?? 30 * 60_000 });
}

/** The per-conversation key used by every channel memory. */
export function conversationKey(activity: Partial<Activity>): string {
  return `${activity.channelId ?? 'unknown'}/${activity.conversation?.id ?? ''}`;
}
