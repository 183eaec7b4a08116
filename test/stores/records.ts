/** Valid sample records for store tests. */
import type { Callback, Conversation, Customer, Lead, TranscriptEntry } from '../../src/domain/model.js';

const at = (minute: number): string => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

export function customer(id: string, overrides: Partial<Customer> = {}): Customer {
  return {
    id,
    name: `Customer ${id}`,
    phones: [],
    emails: [],
    channelAccounts: [],
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function conversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    channelId: 'webchat',
    startedAt: at(0),
    lastActivityAt: at(0),
    activityCount: 0,
    outcomes: [],
    unanswered: [],
    tags: [],
    reviewed: false,
    ...overrides,
  };
}

export function entry(conversationId: string, text: string, direction: 'in' | 'out' = 'in'): TranscriptEntry {
  return {
    conversationId,
    direction,
    at: at(1),
    type: 'message',
    text,
    activity: { type: 'message', text, channelData: { nested: [1, 2, 3] } },
  };
}

export function callback(id: string, overrides: Partial<Callback> = {}): Callback {
  return {
    id,
    ref: 'K7M2QD',
    channelId: 'webchat',
    name: 'Dana',
    phone: '+61412345678',
    dueAt: at(30),
    asap: false,
    topic: 'an order',
    status: 'open',
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export function lead(id: string, overrides: Partial<Lead> = {}): Lead {
  return {
    id,
    conversationId: `conv-${id}`,
    channelId: 'webchat',
    stage: 'interest',
    facts: {},
    productInterest: [],
    createdAt: at(0),
    updatedAt: at(0),
    ...overrides,
  };
}

export { at };
