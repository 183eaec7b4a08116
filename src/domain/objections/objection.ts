/**
 * Why an interested customer did not go on, recorded against the lead and the product (see
 * PASSIVE_SALES.md, "Objections are information").
 */
import { z } from 'zod';

const OBJECTION_KINDS = [
  'price',
  'area_not_served',
  'notice_too_short',
  'dietary_need',
  'out_of_hours',
  'wanted_person',
  'no_answer',
] as const;
export const ObjectionKind = z.enum(OBJECTION_KINDS);
export type ObjectionKind = z.infer<typeof ObjectionKind>;

export const NO_PRODUCT = '(no product named)';

export const ObjectionSchema = z.object({
  /** `conversationId|kind`: one record per conversation and kind. */
  id: z.string(),
  kind: ObjectionKind,
  conversationId: z.string(),
  leadId: z.string().optional(),
  customerId: z.string().optional(),
  product: z.string(),
  channel: z.string(),
  source: z.string(),
  campaign: z.string(),
  /** When the conversation started (ISO). */
  at: z.iso.datetime({ offset: true }),
  /** The customer's words (or the bot's failure) that show it, at most 300 characters. */
  evidence: z.string().max(300),
  /** The budget the customer stated, when they did: the value lost. Never estimated. */
  value: z.number().nonnegative().optional(),
});
export type Objection = z.infer<typeof ObjectionSchema>;
