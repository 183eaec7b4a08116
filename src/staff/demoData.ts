/**
 * Realistic sample data for a fresh store (`npm run staff -- demo-data`): weeks of simulated
 * conversations across channels and sources, written through the real services (conversation log,
 * leads, customers, callbacks, order requests, the staff callback queue), so every staff view has
 * something to show. The simulation has weekly seasonality (busy Fridays and Saturdays, quiet
 * Sundays), a slow upward trend, a campaign whose enquiries spike while its conversion falls, and
 * a few objection patterns. Products come from the business's own list; the words are generic.
 * Deterministic for a given seed.
 */
import { DateTime } from 'luxon';
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import { createConversationLog } from '../domain/conversations/conversationLog.js';
import type { Stores } from '../domain/ports.js';
import { createDomainServices } from '../domainServices.js';
import { addDays, dayOf } from './businessDays.js';
import { createDailyRollup } from './dailyRollup.js';
import { seededRandom } from '../domain/seededRandom.js';

export interface DemoOptions {
  weeks?: number;
  /** Mean conversations per day before weekday and trend factors. Default 20. */
  perDay?: number;
  seed?: number;
  /** The real time: the simulation ends yesterday, and nothing is recorded after now. */
  now?: Date;
}

export interface DemoSummary {
  days: number;
  conversations: number;
  leads: number;
  callbacks: number;
  orders: number;
  won: number;
  rolledDays: number;
}

const CHANNELS: [string, number][] = [
  ['webchat', 0.5],
  ['telegram', 0.2],
  ['phone', 0.2],
  ['email', 0.1],
];
const SOURCES: [string, string | undefined, number][] = [
  ['google', 'search', 0.35],
  ['instagram', undefined, 0.15],
  ['facebook', undefined, 0.1],
  ['newsletter', 'monthly', 0.1],
  ['(direct)', undefined, 0.3],
];
/** Monday … Sunday. */
const WEEKDAY = [0.85, 0.9, 1.0, 1.1, 1.35, 1.45, 0.55];
const SPIKE = { source: 'instagram', campaign: 'flash-sale', factor: 3.5 };

const OBJECTIONS: [string, number, (product: string) => string][] = [
  ['price', 0.3, (p) => `Hmm, the ${p} is too expensive for us.`],
  ['area', 0.15, () => 'Oh, so you do not deliver to Springvale? That is too far then.'],
  ['notice', 0.15, (p) => `I need the ${p} by tomorrow, is that not possible?`],
  ['dietary', 0.1, (p) => `Is the ${p} gluten free? My daughter is coeliac.`],
  ['person', 0.1, () => 'Can I speak to a real person please?'],
];
const UNANSWERED = [
  'Do you have parking nearby?',
  'Can I pay with a gift card?',
  'Do you sell vouchers?',
  'Are you open on public holidays?',
];

export async function fillDemoData(stores: Stores, business: Business, options: DemoOptions = {}): Promise<DemoSummary> {
  const realNow = options.now ?? new Date();
  const weeks = options.weeks ?? 12;
  const rand = seededRandom(options.seed ?? 16);
  const pick = <T>(items: [T, ...unknown[]][], weightAt = 1): T => {
    let r = rand();
    for (const item of items) if ((r -= item[weightAt] as number) <= 0) return item[0];
    return items[items.length - 1]![0];
  };
  const poisson = (mean: number): number => {
    // Knuth's method is fine for the small means used here.
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = rand(); p > limit; p *= rand()) k += 1;
    return k;
  };

  let simulated = realNow;
  const clock: Clock = { now: () => simulated };
  let ids = 0;
  const newId = (): string => `demo-${(ids += 1).toString(36)}`;
  const log = createConversationLog({
    ...stores,
    onError: (error) => {
      throw error;
    },
    recordDelayMs: 60_000,
  });
  // The real domain services, as the composition root builds them, on the simulated clock.
  const {
    leads: leadService,
    customers: customerService,
    callbacks: callbackService,
    orders: orderService,
  } = createDomainServices(business, stores, clock, newId);
  const products = business.products.map((p) => p.name);
  const product = (): string => (products.length ? products[Math.floor(rand() * products.length)]! : 'order');

  const today = dayOf(realNow, business.timeZone);
  const first = addDays(today, -weeks * 7);
  const days = weeks * 7;
  const summary: DemoSummary = { days, conversations: 0, leads: 0, callbacks: 0, orders: 0, won: 0, rolledDays: 0 };
  const pendingWins: { at: Date; id: string; outcome: 'order_placed' | 'not_interested' | 'reached' }[] = [];

  for (let d = 0; d < days; d += 1) {
    const day = addDays(first, d);
    const date = DateTime.fromISO(day, { zone: business.timeZone });
    const spiking = d >= days - 12 && d < days - 2;
    const base = (options.perDay ?? 20) * WEEKDAY[date.weekday - 1]! * (1 + (0.2 * d) / days);
    const count = poisson(base) + (spiking ? poisson(base * 0.1 * SPIKE.factor) : 0);
    for (let n = 0; n < count; n += 1) {
      const fromSpike = spiking && n >= count - Math.round(base * 0.1 * SPIKE.factor);
      const [source, campaign] = fromSpike
        ? [SPIKE.source, SPIKE.campaign]
        : (() => {
            const s = pick(SOURCES.map((x) => [x, x[2]] as [(typeof SOURCES)[number], number]));
            return [s[0], s[1]];
          })();
      const channelId = pick(CHANNELS);
      const minute = Math.floor(7 * 60 + rand() * 15 * 60);
      let at = date.plus({ minutes: minute }).toJSDate();
      const conversationId = `demo-${day}-${n}`;
      const say = async (direction: 'in' | 'out', text: string): Promise<void> => {
        at = new Date(at.getTime() + 20_000 + rand() * 60_000);
        simulated = at;
        const realSource = source === '(direct)' ? undefined : source;
        await log.record({
          conversationId,
          channelId,
          userId: `user-${conversationId}`,
          direction,
          at,
          type: 'message',
          text,
          activity: { type: 'message', text },
          source: realSource,
          campaign,
        });
      };
      summary.conversations += 1;
      const item = product();
      await say('in', 'Hi');
      await say('out', `Hello, this is ${business.name}. I can answer questions, help you choose, or arrange a call.`);
      if (rand() < 0.2) continue; // just looking
      await say('in', `Tell me about the ${item}?`);
      await say('out', `Here is what we know about the ${item}.`);
      await log.addOutcome(conversationId, 'answered');
      const origin = { channelId, source: source === '(direct)' ? undefined : source, campaign };
      if (rand() < 0.25) {
        const question = UNANSWERED[Math.floor(rand() * UNANSWERED.length)]!;
        await say('in', question);
        await say('out', 'I do not know that, sorry. A person can call you back about it.');
        await log.addUnanswered(conversationId, question);
        continue;
      }
      if (rand() < 0.35) continue;
      summary.leads += 1;
      const qualified = rand() < 0.7;
      const budget = Math.round(40 + rand() * 160);
      await leadService.note(conversationId, origin, {
        products: [item],
        ...(qualified ? { stage: 'desire', facts: { servings: 10 + Math.floor(rand() * 30), budget } } : {}),
      });
      const convertsWell = !fromSpike;
      if (rand() < (convertsWell ? 0.4 : 0.8)) {
        const kind = pick(OBJECTIONS.map((o) => [o, o[1]] as [(typeof OBJECTIONS)[number], number]));
        await say('in', kind[2](item));
        await say('out', 'I understand. Is there anything else I can help with?');
        if (kind[0] === 'person') await log.addOutcome(conversationId, 'handed_off');
        continue;
      }
      if (!qualified) continue;
      if (rand() < 0.15) {
        const neededOn = addDays(day, 7);
        const order = await orderService.request(
          { items: [{ product: item, quantity: 1 }], neededOn, fulfilment: 'pickup' },
          { leadId: `lead:${conversationId}`, conversationId },
        );
        await log.addOutcome(conversationId, 'order_request');
        summary.orders += 1;
        void order;
        continue;
      }
      const name = `Demo Customer ${summary.leads}`;
      const phone = `+1555${String(1_000_000 + summary.leads).slice(-7)}`;
      await say('in', `Please call me, I am ${name}.`);
      const customer = await customerService.enter({
        name,
        phone,
        account: { channelId, userId: `user-${conversationId}` },
        consent: { text: 'You may keep my details to call me back.', at: at.toISOString(), channelId },
      });
      await log.linkCustomer(conversationId, customer.id);
      const due = new Date(at.getTime() + (2 + rand() * 20) * 3_600_000);
      const callback = await callbackService.book({
        name,
        phone,
        slot: { start: due, asap: false },
        topic: `About the ${item}`,
        channelId,
        conversationId,
        customerId: customer.id,
        leadId: `lead:${conversationId}`,
      });
      await say('out', `Booked: we will call you. Your reference is ${callback.ref}.`);
      await log.addOutcome(conversationId, 'callback_booked');
      summary.callbacks += 1;
      const r = rand();
      const outcome = r < (convertsWell ? 0.6 : 0.05) ? 'order_placed' : r < 0.85 ? 'reached' : 'not_interested';
      pendingWins.push({ at: new Date(due.getTime() + rand() * 3_600_000), id: callback.id, outcome });
    }
    // Staff work the callbacks that fell due today.
    const dayEnd = date.plus({ days: 1 }).toJSDate();
    for (const w of pendingWins.filter((p) => p.at < dayEnd && p.at < realNow).sort((a, b) => +a.at - +b.at)) {
      simulated = w.at;
      await callbackService.record(w.id, { outcome: w.outcome });
      if (w.outcome === 'order_placed') summary.won += 1;
      pendingWins.splice(pendingWins.indexOf(w), 1);
    }
    await log.flush();
  }
  await log.flush();
  const rollup = createDailyRollup({ stores, business, clock: { now: () => realNow } });
  summary.rolledDays = (await rollup.catchUp()).length;
  return summary;
}
