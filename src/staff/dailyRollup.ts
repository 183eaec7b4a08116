/**
 * Writes the daily roll-up as days close: every day after the last one rolled up, up to yesterday
 * in the business's time zone, is counted once (rollUpDay) and stored, with the objections read
 * from that day's conversations. Nothing is rescanned: a page view after the roll-up reads only
 * `dailyStats`. The first run starts at the day of the oldest conversation.
 */
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import { ALL } from '../domain/forecast/dailyStat.js';
import { originOfConversation, rollUpDay, type Origin } from '../domain/forecast/rollUpDay.js';
import type { Callback, Conversation, Lead } from '../domain/model.js';
import { deriveObjections } from '../domain/objections/deriveObjections.js';
import type { Stores } from '../domain/ports.js';
import { isOpen } from '../domain/schedule/openingHours.js';
import { addDays, dayOf, dayWindow } from './businessDays.js';
import { NO_CAMPAIGN, NO_SOURCE } from './computeFunnel.js';

export type RollupStores = Pick<
  Stores,
  'conversations' | 'leads' | 'callbacks' | 'orders' | 'transcripts' | 'dailyStats' | 'objections'
>;

export interface DailyRollup {
  /** Rolls up every closed day not yet rolled up; returns those days. */
  catchUp(): Promise<string[]>;
  /** The last day rolled up, if any. */
  lastDay(): Promise<string | undefined>;
}

export function createDailyRollup(deps: { stores: RollupStores; business: Business; clock: Clock }): DailyRollup {
  const { stores, business, clock } = deps;
  const tz = business.timeZone;
  let running: Promise<string[]> | undefined;

  async function lastDay(): Promise<string | undefined> {
    const page = await stores.dailyStats.query({ where: { channel: ALL }, orderBy: 'day', descending: true, limit: 1 });
    return page.items[0]?.day;
  }

  async function firstDay(): Promise<string | undefined> {
    const page = await stores.conversations.query({ orderBy: 'startedAt', limit: 1 });
    return page.items[0] && dayOf(page.items[0].startedAt, tz);
  }

  async function rollDay(day: string): Promise<void> {
    const window = dayWindow(day, tz);
    const between = { from: window.from, to: window.to };
    const [conversations, leads, callbacks, orders, wins] = await Promise.all([
      stores.conversations.query({ orderBy: 'startedAt', ...between }),
      stores.leads.query({ orderBy: 'createdAt', ...between }),
      stores.callbacks.query({ orderBy: 'createdAt', ...between }),
      stores.orders.query({ orderBy: 'createdAt', ...between }),
      stores.callbacks.query({ where: { outcome: 'order_placed' }, orderBy: 'updatedAt', ...between }),
    ]);
    const known = new Map<string, Conversation>(conversations.items.map((c) => [c.id, c]));
    const leadById = new Map<string, Lead>(leads.items.map((l) => [l.id, l]));
    // Events of this day may belong to conversations of earlier days: look those up once.
    const refs = [...callbacks.items, ...orders.items, ...wins.items];
    for (const ref of refs) {
      if (ref.leadId && !leadById.has(ref.leadId)) {
        const lead = await stores.leads.get(ref.leadId);
        if (lead) leadById.set(lead.id, lead);
      }
      const conversationId = ref.conversationId ?? (ref.leadId && leadById.get(ref.leadId)?.conversationId);
      if (conversationId && !known.has(conversationId)) {
        const c = await stores.conversations.get(conversationId);
        if (c) known.set(c.id, c);
      }
    }
    const leadOfConversation = new Map<string, Lead>([...leadById.values()].map((l) => [l.conversationId, l]));
    const originOf = (ref: { conversationId?: string; leadId?: string; channelId?: string }): Origin => {
      const lead = ref.leadId ? leadById.get(ref.leadId) : undefined;
      const conversationId = ref.conversationId ?? lead?.conversationId;
      const c = conversationId ? known.get(conversationId) : undefined;
      if (c) return originOfConversation(c, lead ?? leadOfConversation.get(c.id));
      return {
        channel: lead?.channelId ?? ref.channelId ?? 'unknown',
        source: lead?.source ?? NO_SOURCE,
        campaign: lead?.campaign ?? NO_CAMPAIGN,
      };
    };
    const rows = rollUpDay(
      {
        day,
        conversations: conversations.items,
        leads: leads.items,
        callbacks: callbacks.items,
        orders: orders.items,
        wins: wins.items,
        originOf,
      },
      clock.now().toISOString(),
    );

    for (const c of conversations.items) {
      const lead = leadOfConversation.get(c.id);
      const [ownCallbacks, ownOrders, transcript] = await Promise.all([
        stores.callbacks.findBy('conversationId', c.id),
        stores.orders.findBy('conversationId', c.id),
        stores.transcripts.read(c.id),
      ]);
      const found = deriveObjections({
        conversation: c,
        lead,
        callbacks: ownCallbacks as Callback[],
        orders: ownOrders,
        customerTexts: transcript.filter((e) => e.direction === 'in' && e.text).map((e) => e.text!),
        startedWhileOpen: isOpen(business, new Date(c.startedAt)),
        origin: originOfConversation(c, lead),
      });
      for (const objection of found) await stores.objections.put(objection);
    }
    // The totals row goes last: it marks the day done, so a crash mid-day rolls the day again.
    const total = rows.pop()!;
    for (const row of rows) await stores.dailyStats.put(row);
    await stores.dailyStats.put(total);
  }

  async function run(): Promise<string[]> {
    const yesterday = addDays(dayOf(clock.now(), tz), -1);
    const last = await lastDay();
    const start = last ? addDays(last, 1) : await firstDay();
    const rolled: string[] = [];
    if (!start) return rolled;
    for (let day = start; day <= yesterday; day = addDays(day, 1)) {
      await rollDay(day);
      rolled.push(day);
    }
    return rolled;
  }

  return {
    lastDay,
    catchUp() {
      // One catch-up at a time; callers arriving meanwhile share it.
      running ??= run().finally(() => (running = undefined));
      return running;
    },
  };
}
