/**
 * The pure rules behind the sales views: roll-up counts, back-test and model choice, the interval,
 * deviations, source trends and objections.
 */
import { describe, expect, it } from 'vitest';
import { backtest, mase, naiveScale, seasonalNaive } from '../../src/domain/forecast/backtest.js';
import type { DailyStat } from '../../src/domain/forecast/dailyStat.js';
import { findDeviations } from '../../src/domain/forecast/deviations.js';
import { forecastSeries } from '../../src/domain/forecast/forecastSeries.js';
import { rollUpDay } from '../../src/domain/forecast/rollUpDay.js';
import { seasonalMean } from '../../src/domain/forecast/seasonalMean.js';
import { sourceTrends } from '../../src/domain/forecast/sourceTrends.js';
import type { Callback, Lead } from '../../src/domain/model.js';
import { deriveObjections, type ConversationFacts } from '../../src/domain/objections/deriveObjections.js';
import { rankObjections } from '../../src/domain/objections/rankObjections.js';
import { conversation } from './staffSupport.js';

/** A seeded Poisson series with weekly seasonality. */
function weeklySeries(days: number, seed = 7): number[] {
  let a = seed;
  const rand = (): number => {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    return a / 2 ** 31;
  };
  const weekday = [8, 9, 10, 11, 15, 16, 5];
  return Array.from({ length: days }, (_, i) => {
    const limit = Math.exp(-weekday[i % 7]!);
    let k = 0;
    for (let p = rand(); p > limit; p *= rand()) k += 1;
    return k;
  });
}

describe('back-test and forecast', () => {
  it('when the history is a week or more, then seasonal-naive repeats the last week', () => {
    expect(seasonalNaive.forecast([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14], 9)).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9]);
  });

  it('when MASE is computed, then it is the MAE scaled by the in-sample weekly-naive error', () => {
    const history = [1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3]; // naive error 2 each day
    expect(naiveScale(history)).toBe(2);
    expect(mase([4, 4], [3, 2], history)).toBeCloseTo(0.75);
  });

  it('when a noisy weekly series is back-tested, then the four-week seasonal mean beats seasonal-naive', () => {
    const series = weeklySeries(84);
    const naive = backtest(series, seasonalNaive);
    const smooth = backtest(series, seasonalMean(4));
    expect(naive.origins).toBe(6);
    expect(smooth.mase).toBeLessThan(naive.mase);
  });

  it('when history is under three weeks, then the forecast is seasonal-naive with a wide band and says so', () => {
    const f = forecastSeries([3, 4, 5, 6, 7, 8, 9, 3, 4, 5], 7, [seasonalMean(4)]);
    expect(f.model).toBe('seasonal-naive');
    expect(f.mase).toBeNull();
    expect(f.note).toMatch(/Less than 3 weeks/);
    expect(f.lo.every((v) => v === 0)).toBe(true);
    expect(Math.min(...f.hi)).toBeGreaterThanOrEqual(18);
  });

  it('when twelve weeks are forecast, then the model with the lowest back-test MASE is used and the 80 % band covers most of the next weeks', () => {
    const series = weeklySeries(84 + 28, 11);
    const f = forecastSeries(series.slice(0, 84), 28, [seasonalMean(4)]);
    expect(f.model).toBe('seasonal-mean-4w');
    expect(f.mase!.model).toBeLessThan(f.mase!.seasonalNaive);
    expect(f.mean).toHaveLength(28);
    const future = series.slice(84);
    const inside = future.filter((v, i) => v >= f.lo[i]! && v <= f.hi[i]!).length / future.length;
    expect(inside).toBeGreaterThan(0.6);
    expect(inside).toBeLessThan(1.0001);
    f.mean.forEach((m, i) => expect(f.lo[i]! <= m && m <= f.hi[i]!).toBe(true));
  });

  it('when a candidate fails (NaN), then it is never chosen', () => {
    const broken = {
      name: 'broken',
      forecast: (_h: readonly number[], n: number) => Array.from({ length: n }, () => Number.NaN),
    };
    const f = forecastSeries(weeklySeries(60), 14, [broken]);
    expect(f.model).toBe('seasonal-naive');
    expect(f.mean.every(Number.isFinite)).toBe(true);
  });
});

describe('deviations', () => {
  const day = (n: number, actual: number | undefined) => ({
    day: `2026-11-${String(n).padStart(2, '0')}`,
    actual,
    lo: 5,
    hi: 10,
  });

  it('when actual leaves the interval for one day only, then nothing is flagged', () => {
    expect(findDeviations([day(1, 11), day(2, 8), day(3, 4), day(4, 7)])).toEqual([]);
  });

  it('when actual is above two days running, then one deviation covers the run; a switch of side starts a new run', () => {
    expect(findDeviations([day(1, 11), day(2, 12), day(3, 13), day(4, 4), day(5, 3), day(6, undefined)])).toEqual([
      { from: '2026-11-01', to: '2026-11-03', days: 3, direction: 'above' },
      { from: '2026-11-04', to: '2026-11-05', days: 2, direction: 'below' },
    ]);
  });
});

const stat = (day: string, source: string, conversations: number, qualified: number, won: number): DailyStat => ({
  id: `${day}|webchat|${source}|(none)`,
  day,
  channel: 'webchat',
  source,
  campaign: '(none)',
  conversations,
  qualified,
  callbacks: 0,
  orders: 0,
  won,
  rolledAt: '2026-11-30T00:00:00.000Z',
});

describe('roll-up and source trends', () => {
  it('when a day is rolled up, then each event counts once under its conversation origin, with a totals row', () => {
    const c1 = conversation('c1', { source: 'google', campaign: 'spring' });
    const c2 = conversation('c2', { channelId: 'telegram' });
    const lead = {
      id: 'lead:c1',
      conversationId: 'c1',
      facts: { servings: 4 },
      productInterest: [],
      stage: 'interest',
      channelId: 'webchat',
    } as unknown as Lead;
    const win = { id: 'cb', conversationId: 'c0', channelId: 'webchat' } as Callback;
    const rows = rollUpDay(
      {
        day: '2026-11-02',
        conversations: [c1, c2],
        leads: [lead],
        callbacks: [],
        orders: [],
        wins: [win],
        originOf: (ref) =>
          ref.conversationId === 'c2'
            ? { channel: 'telegram', source: '(direct)', campaign: '(none)' }
            : { channel: 'webchat', source: 'google', campaign: 'spring' },
      },
      '2026-11-03T00:00:00.000Z',
    );
    const google = rows.find((r) => r.id === '2026-11-02|webchat|google|spring')!;
    expect([google.conversations, google.qualified, google.won]).toEqual([1, 1, 1]);
    expect(rows.at(-1)).toMatchObject({ channel: '*', conversations: 2, qualified: 1, won: 1 });
  });

  it('when a source brings more enquiries that convert worse, then it is flagged, and a steady one is not', () => {
    const stats: DailyStat[] = [];
    for (let d = 1; d <= 28; d += 1) {
      const day = `2026-11-${String(d).padStart(2, '0')}`;
      const recent = d > 14;
      stats.push(stat(day, 'promo', recent ? 4 : 2, 2, recent ? 0 : 1));
      stats.push(stat(day, 'google', 3, 2, 1));
    }
    const trends = sourceTrends(stats, { lastDay: '2026-11-28' });
    expect(trends.find((t) => t.source === 'promo')).toMatchObject({ flagged: true, enquiries: { previous: 28, recent: 56 } });
    expect(trends.find((t) => t.source === 'google')?.flagged).toBe(false);
  });
});

describe('objections', () => {
  const facts = (overrides: Partial<ConversationFacts> = {}): ConversationFacts => ({
    conversation: conversation('v1', { activityCount: 6 }),
    lead: {
      id: 'lead:v1',
      conversationId: 'v1',
      facts: { budget: 120 },
      productInterest: ['Thing'],
      stage: 'desire',
      channelId: 'webchat',
      createdAt: '2026-11-02T00:00:00.000Z',
      updatedAt: '2026-11-02T00:00:00.000Z',
    },
    callbacks: [],
    orders: [],
    customerTexts: ['Hi', 'Hmm, that is too expensive for us.'],
    startedWhileOpen: true,
    origin: { channel: 'webchat', source: 'google', campaign: 'spring' },
    ...overrides,
  });

  it('when an interested customer says the price is too high and leaves, then a price objection with the stated budget is recorded', () => {
    expect(deriveObjections(facts())).toEqual([
      expect.objectContaining({
        id: 'v1|price',
        kind: 'price',
        product: 'Thing',
        value: 120,
        evidence: 'Hmm, that is too expensive for us.',
      }),
    ]);
  });

  it('when the customer went on to an order request, then no objection is recorded', () => {
    expect(
      deriveObjections(facts({ conversation: conversation('v1', { activityCount: 6, outcomes: ['order_request'] }) })),
    ).toEqual([]);
  });

  it('when a callback was booked, then nothing is recorded until staff mark it not interested', () => {
    const booked = { id: 'cb', conversationId: 'v1', note: 'said it was too far, they do not deliver there' } as Callback;
    expect(deriveObjections(facts({ callbacks: [booked] }))).toEqual([]);
    const kinds = deriveObjections(facts({ callbacks: [{ ...booked, outcome: 'not_interested' }] })).map((o) => o.kind);
    expect(kinds.sort()).toEqual(['area_not_served', 'price']);
  });

  it('when a customer asks for a person while the business is closed and a question went unanswered, then out of hours, wanted a person and no answer are recorded', () => {
    const kinds = deriveObjections(
      facts({
        conversation: conversation('v1', { activityCount: 6, unanswered: ['Do you sell vouchers?'] }),
        customerTexts: ['Can I talk to a real person?'],
        startedWhileOpen: false,
      }),
    ).map((o) => o.kind);
    expect(kinds.sort()).toEqual(['no_answer', 'out_of_hours', 'wanted_person']);
  });

  it('when objections are ranked, then the most frequent kind comes first with its lost value and newest examples', () => {
    const base = deriveObjections(facts())[0]!;
    const ranked = rankObjections([
      { ...base, id: 'a', at: '2026-11-01T00:00:00.000Z' },
      { ...base, id: 'b', conversationId: 'v2', at: '2026-11-03T00:00:00.000Z' },
      { ...base, id: 'c', kind: 'dietary_need', value: 500 },
    ]);
    expect(ranked.byKind.map((k) => [k.kind, k.count, k.lostValue])).toEqual([
      ['price', 2, 240],
      ['dietary_need', 1, 500],
    ]);
    expect(ranked.byKind[0]!.examples[0]!.conversationId).toBe('v2');
  });
});
