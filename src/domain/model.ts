/**
 * The records the business keeps. Schemas are the single source of truth: types are derived from
 * them, and every store adapter validates what it reads back from disk or a database with them.
 */
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });

/** Consent as given: the exact sentence the customer agreed to, when and where. */
const ConsentSchema = z.object({
  text: z.string(),
  at: isoDate,
  channelId: z.string(),
});
export type Consent = z.infer<typeof ConsentSchema>;

/** A user on a channel, as the channel identifies them. */
export interface ChannelAccount {
  channelId: string;
  userId: string;
}

/** How a channel account is kept on a customer: `channelId|userId`, so every backend can index it. */
export const accountKey = (a: ChannelAccount): string => `${a.channelId}|${a.userId}`;

export const CustomerSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** Phone numbers in E.164. */
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  /** Channel accounts as `accountKey` strings. */
  channelAccounts: z.array(z.string()),
  consent: ConsentSchema.optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Customer = z.infer<typeof CustomerSchema>;

export const CallbackStatus = z.enum(['open', 'done', 'no_answer', 'cancelled']);
export const CallbackOutcome = z.enum(['reached', 'order_placed', 'not_interested', 'follow_up']);

export const CallbackSchema = z.object({
  id: z.string(),
  /** Short code read back to the customer, e.g. "K7M2QD". */
  ref: z.string(),
  customerId: z.string().optional(),
  leadId: z.string().optional(),
  conversationId: z.string().optional(),
  channelId: z.string(),
  name: z.string(),
  phone: z.string(),
  /** Start of the window the customer asked for (ISO, with offset). */
  dueAt: isoDate,
  asap: z.boolean(),
  topic: z.string(),
  /** A hash of what made the booking (conversation, form and contents): one booking per key. */
  idempotencyKey: z.string().optional(),
  status: CallbackStatus,
  outcome: CallbackOutcome.optional(),
  note: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Callback = z.infer<typeof CallbackSchema>;

export const FunnelStage = z.enum(['interest', 'desire', 'ready', 'won', 'lost']);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const LeadSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  customerId: z.string().optional(),
  /** The need in the customer's own words. */
  need: z.string().optional(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  productInterest: z.array(z.string()),
  stage: FunnelStage,
  channelId: z.string(),
  source: z.string().optional(),
  campaign: z.string().optional(),
  medium: z.string().optional(),
  referrer: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type Lead = z.infer<typeof LeadSchema>;

const OrderItemSchema = z.object({
  product: z.string(),
  size: z.string().optional(),
  /** Options the customer named (e.g. a flavour), as the business lists them. */
  options: z.array(z.string()).optional(),
  quantity: z.number().int().positive(),
});

export const OrderRequestSchema = z.object({
  id: z.string(),
  ref: z.string(),
  customerId: z.string().optional(),
  leadId: z.string().optional(),
  conversationId: z.string().optional(),
  items: z.array(OrderItemSchema),
  /** The date the order is wanted for (ISO date, business time zone). */
  neededOn: z.string(),
  fulfilment: z.enum(['delivery', 'pickup']),
  address: z.string().optional(),
  status: z.enum(['requested', 'confirmed', 'cancelled']),
  callbackId: z.string().optional(),
  /** A hash of what made the request (conversation, form and contents): one request per key. */
  idempotencyKey: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
});
export type OrderRequest = z.infer<typeof OrderRequestSchema>;

export const ConversationOutcome = z.enum([
  'answered',
  'unanswered',
  'advice',
  'callback_booked',
  'order_request',
  'handed_off',
  'abandoned',
]);
export type ConversationOutcome = z.infer<typeof ConversationOutcome>;

export const ConversationSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  userId: z.string().optional(),
  customerId: z.string().optional(),
  startedAt: isoDate,
  lastActivityAt: isoDate,
  activityCount: z.number().int().nonnegative(),
  outcomes: z.array(ConversationOutcome),
  /** Questions the bot could not answer from the knowledge base, as the customer asked them. */
  unanswered: z.array(z.string()),
  source: z.string().optional(),
  campaign: z.string().optional(),
  tags: z.array(z.string()),
  note: z.string().optional(),
  rating: z.number().int().min(1).max(5).optional(),
  reviewed: z.boolean(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

/** One activity as recorded (already redacted where configured). */
export const TranscriptEntrySchema = z.object({
  conversationId: z.string(),
  direction: z.enum(['in', 'out']),
  at: isoDate,
  type: z.string(),
  text: z.string().optional(),
  /** The activity itself, as JSON; kept for review and export. */
  activity: z.record(z.string(), z.unknown()),
  failed: z.boolean().optional(),
});
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;
