/**
 * Counts one day's events per channel × source × campaign. Each event counts on the day it
 * happened: a conversation on the day it started, a qualified lead on the day the lead was created,
 * a callback or order request on the day it was booked, a win on the day "order placed" was
 * recorded. So a closed day never changes, and the roll-up only ever appends.
 */
import type { Callback, Conversation, Lead, OrderRequest } from '../model.js';
import { ALL, DAILY_METRICS, dailyStatId, type DailyMetric, type DailyStat } from './dailyStat.js';

const NO_SOURCE = '(direct)';
const NO_CAMPAIGN = '(none)';

export interface Origin {
  channel: string;
  source: string;
  campaign: string;
}

export interface DayEvents {
  day: string;
  conversations: Conversation[];
  leads: Lead[];
  callbacks: Callback[];
  orders: OrderRequest[];
  /** Callbacks whose outcome "order placed" was recorded that day. */
  wins: Callback[];
  /** Where a conversation came from, for events that only name their conversation or lead. */
  originOf: (ref: { conversationId?: string; leadId?: string; channelId?: string }) => Origin;
}

const QUALIFIED = new Set(['desire', 'ready', 'won']);

/** A lead is qualified once it holds facts or has reached desire (as the funnel counts it). */
const isQualified = (lead: Lead): boolean => QUALIFIED.has(lead.stage) || Object.keys(lead.facts).length > 0;

export const originOfConversation = (c: Conversation, lead?: Lead): Origin => ({
  channel: c.channelId,
  source: c.source ?? lead?.source ?? NO_SOURCE,
  campaign: c.campaign ?? lead?.campaign ?? NO_CAMPAIGN,
});

export function rollUpDay(events: DayEvents, rolledAt: string): DailyStat[] {
  const rows = new Map<string, DailyStat>();
  const total = blank({ day: events.day, channel: ALL, source: ALL, campaign: ALL }, rolledAt);
  const add = (origin: Origin, metric: DailyMetric): void => {
    const key = dailyStatId({ day: events.day, ...origin });
    let row = rows.get(key);
    if (!row) rows.set(key, (row = blank({ day: events.day, ...origin }, rolledAt)));
    row[metric] += 1;
    total[metric] += 1;
  };
  for (const c of events.conversations) add(events.originOf({ conversationId: c.id, channelId: c.channelId }), 'conversations');
  for (const lead of events.leads) {
    if (isQualified(lead))
      add(events.originOf({ conversationId: lead.conversationId, leadId: lead.id, channelId: lead.channelId }), 'qualified');
  }
  for (const cb of events.callbacks) add(events.originOf(cb), 'callbacks');
  for (const order of events.orders) add(events.originOf(order), 'orders');
  for (const cb of events.wins) add(events.originOf(cb), 'won');
  return [...rows.values(), total];
}

function blank(key: Pick<DailyStat, 'day' | 'channel' | 'source' | 'campaign'>, rolledAt: string): DailyStat {
  const counts = Object.fromEntries(DAILY_METRICS.map((m) => [m, 0])) as Record<DailyMetric, number>;
  return { id: dailyStatId(key), ...key, ...counts, rolledAt };
}
