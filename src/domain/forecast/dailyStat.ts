/**
 * The daily roll-up: one record per closed day (in the business's time zone) and per channel ×
 * source × campaign, with the counts the forecast reads. A record with channel, source and campaign
 * all `*` holds the day's totals and marks the day as rolled up, even when nothing happened.
 */
import { z } from 'zod';

const isoDate = z.iso.datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The counts kept per day and segment. */
export const DAILY_METRICS = ['conversations', 'qualified', 'callbacks', 'orders', 'won'] as const;
export type DailyMetric = (typeof DAILY_METRICS)[number];

export const ALL = '*';

export const DailyStatSchema = z.object({
  /** `day|channel|source|campaign`. */
  id: z.string(),
  day,
  channel: z.string(),
  source: z.string(),
  campaign: z.string(),
  conversations: z.number().int().nonnegative(),
  qualified: z.number().int().nonnegative(),
  callbacks: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  won: z.number().int().nonnegative(),
  rolledAt: isoDate,
});
export type DailyStat = z.infer<typeof DailyStatSchema>;

export const dailyStatId = (s: Pick<DailyStat, 'day' | 'channel' | 'source' | 'campaign'>): string =>
  [s.day, s.channel, s.source, s.campaign].join('|');

/** A plan staff enter for a month and channel (or `*` for the whole business). */
export const SalesPlanSchema = z.object({
  /** `YYYY-MM|channel`. */
  id: z.string(),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  channel: z.string().min(1),
  /** Planned enquiries (conversations) in the month. */
  conversations: z.number().int().nonnegative().optional(),
  /** Planned won sales in the month. */
  won: z.number().int().nonnegative().optional(),
  updatedBy: z.string(),
  updatedAt: isoDate,
});
export type SalesPlan = z.infer<typeof SalesPlanSchema>;
