/**
 * Forecast against actual, per channel and per source/campaign, for enquiries (conversations) and
 * won sales. The forecast is made from `from` (the origin) with only the history before it, so the
 * days since then compare what was expected with what happened; the rest of the `days` lie ahead.
 * Reads only the daily roll-up (after catching it up) and the plans. The forecasts for one roll-up
 * state are kept in memory, since fitting the models takes a few seconds.
 */
import type { Business } from '../domain/business.js';
import type { Clock } from '../domain/clock.js';
import type { Forecaster } from '../domain/forecast/backtest.js';
import { ALL, type DailyStat, type SalesPlan } from '../domain/forecast/dailyStat.js';
import { findDeviations, type Deviation } from '../domain/forecast/deviations.js';
import { forecastSeries, MAX_HORIZON, MIN_HORIZON } from '../domain/forecast/forecastSeries.js';
import { seasonalMean } from '../domain/forecast/seasonalMean.js';
import type { Stores } from '../domain/ports.js';
import { loadArimaForecasters } from './arimaForecasters.js';
import { addDays, dayOf, daysBetween } from './businessDays.js';
import type { DailyRollup } from './dailyRollup.js';
import { toCsv } from './toCsv.js';

export const FORECAST_METRICS = ['conversations', 'won'] as const;
type ForecastMetric = (typeof FORECAST_METRICS)[number];
const DEFAULT_FORECAST_DAYS = 28;
/** Days of actual shown against the forecast by default (the origin is this far back). */
const DEFAULT_COMPARED_DAYS = 14;

interface ForecastPoint {
  day: string;
  actual: number | null;
  forecast: number;
  lo: number;
  hi: number;
  plan: number | null;
}

export interface ForecastSeriesReport {
  dimension: 'all' | 'channel' | 'source';
  key: string;
  metric: ForecastMetric;
  model: string;
  mase: { model: number; seasonalNaive: number } | null;
  note?: string;
  historyDays: number;
  points: ForecastPoint[];
  deviations: Deviation[];
}

export interface ForecastReport {
  timeZone: string;
  from: string;
  days: number;
  /** The last closed day in the roll-up. */
  lastDay: string | null;
  interval: 0.8;
  series: ForecastSeriesReport[];
}

export interface ForecastQuery {
  from?: string;
  days?: number;
}

type UnplannedSeries = Omit<ForecastSeriesReport, 'points'> & { points: Omit<ForecastPoint, 'plan'>[] };

export const defaultCandidates = async (): Promise<Forecaster[]> => [seasonalMean(4), ...(await loadArimaForecasters())];

const round = (v: number): number => Math.round(v * 100) / 100;
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

export function createForecastReport(deps: {
  stores: Pick<Stores, 'dailyStats' | 'salesPlans'>;
  rollup: DailyRollup;
  business: Business;
  clock: Clock;
  candidates?: Forecaster[];
}) {
  const cache = new Map<string, UnplannedSeries[]>();

  async function build(query: ForecastQuery): Promise<ForecastReport> {
    await deps.rollup.catchUp();
    const lastDay = (await deps.rollup.lastDay()) ?? null;
    const today = dayOf(deps.clock.now(), deps.business.timeZone);
    const days = Math.min(MAX_HORIZON, Math.max(MIN_HORIZON, query.days ?? DEFAULT_FORECAST_DAYS));
    const from = query.from ?? addDays(lastDay ?? addDays(today, -1), -(DEFAULT_COMPARED_DAYS - 1));
    const key = `${lastDay}|${from}|${days}`;
    let series = cache.get(key);
    if (!series) {
      const stats = (await deps.stores.dailyStats.query({ orderBy: 'day', to: addDays(from, days) })).items;
      series = forecastAll(stats, from, days, lastDay, deps.candidates ?? (await defaultCandidates()));
      // A few recent requests (e.g. 14 and 28 days) are kept; a new roll-up day makes them stale.
      for (const old of cache.keys()) if (cache.size >= 4 || !old.startsWith(`${lastDay}|`)) cache.delete(old);
      cache.set(key, series);
    }
    const plans = (await deps.stores.salesPlans.query()).items;
    return {
      timeZone: deps.business.timeZone,
      from,
      days,
      lastDay,
      interval: 0.8,
      series: series!.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, plan: planFor(plans, s, p.day) })) })),
    };
  }

  return {
    build,
    async csv(query: ForecastQuery): Promise<string> {
      const report = await build(query);
      const rows = report.series.flatMap((s) => s.points.map((p) => ({ s, p })));
      return toCsv(rows, [
        ['dimension', (r) => r.s.dimension],
        ['key', (r) => r.s.key],
        ['metric', (r) => r.s.metric],
        ['day', (r) => r.p.day],
        ['actual', (r) => r.p.actual],
        ['forecast', (r) => r.p.forecast],
        ['lo80', (r) => r.p.lo],
        ['hi80', (r) => r.p.hi],
        ['plan', (r) => r.p.plan],
        ['model', (r) => r.s.model],
        ['mase_model', (r) => r.s.mase?.model],
        ['mase_seasonal_naive', (r) => r.s.mase?.seasonalNaive],
      ]);
    },
  };
}

export type ForecastReportService = ReturnType<typeof createForecastReport>;

/** The daily values of each series from the first rolled day to the window's end. */
export function seriesOf(
  stats: readonly DailyStat[],
): Map<string, { dimension: ForecastSeriesReport['dimension']; key: string; byDay: Map<string, DailyStat[]> }> {
  const out = new Map<string, { dimension: ForecastSeriesReport['dimension']; key: string; byDay: Map<string, DailyStat[]> }>();
  const push = (dimension: ForecastSeriesReport['dimension'], key: string, s: DailyStat): void => {
    const id = `${dimension}|${key}`;
    let entry = out.get(id);
    if (!entry) out.set(id, (entry = { dimension, key, byDay: new Map() }));
    entry.byDay.set(s.day, [...(entry.byDay.get(s.day) ?? []), s]);
  };
  for (const s of stats) {
    if (s.channel === ALL) push('all', 'all', s);
    else {
      push('channel', s.channel, s);
      push('source', `${s.source} / ${s.campaign}`, s);
    }
  }
  return out;
}

function forecastAll(
  stats: readonly DailyStat[],
  from: string,
  days: number,
  lastDay: string | null,
  candidates: Forecaster[],
): UnplannedSeries[] {
  const first = stats.find((s) => s.channel === ALL)?.day;
  const window = daysBetween(from, addDays(from, days - 1));
  const result: UnplannedSeries[] = [];
  for (const { dimension, key, byDay } of seriesOf(stats).values()) {
    for (const metric of FORECAST_METRICS) {
      const value = (day: string): number => (byDay.get(day) ?? []).reduce((sum, s) => sum + s[metric], 0);
      const history = first && first < from ? daysBetween(first, addDays(from, -1)).map(value) : [];
      const f = forecastSeries(history, days, candidates);
      const points = window.map((day, i) => ({
        day,
        actual: lastDay !== null && day <= lastDay ? value(day) : null,
        forecast: round(f.mean[i]!),
        lo: round(f.lo[i]!),
        hi: round(f.hi[i]!),
      }));
      result.push({
        dimension,
        key,
        metric,
        model: f.model,
        mase: f.mase && { model: round3(f.mase.model), seasonalNaive: round3(f.mase.seasonalNaive) },
        ...(f.note ? { note: f.note } : {}),
        historyDays: history.length,
        points,
        deviations: findDeviations(points.map((p) => ({ ...p, actual: p.actual ?? undefined }))),
      });
    }
  }
  const order = { all: 0, channel: 1, source: 2 };
  return result.sort((a, b) => order[a.dimension] - order[b.dimension] || a.key.localeCompare(b.key));
}

/** The month's plan spread evenly over its days; the whole business's plan for the `all` series. */
function planFor(
  plans: readonly SalesPlan[],
  s: Pick<ForecastSeriesReport, 'dimension' | 'key' | 'metric'>,
  day: string,
): number | null {
  if (s.dimension === 'source') return null;
  const channel = s.dimension === 'all' ? ALL : s.key;
  const plan = plans.find((p) => p.month === day.slice(0, 7) && p.channel === channel);
  const monthly = plan?.[s.metric];
  if (monthly === undefined) return null;
  const [y, m] = day.split('-').map(Number) as [number, number];
  const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return round(monthly / length);
}
