/**
 * The forecast back-test line of `npm run eval`: fills a temporary store with the demo data
 * (12 weeks, seed 16, through the real services), then for every series the staff page forecasts
 * (all, per channel, per source/campaign × enquiries and won) chooses a model by rolling-origin
 * back-test on the history before the last two weeks, and scores the chosen model and seasonal-naive
 * on those two held-out weeks (two weekly origins), as MASE. Selection never sees the held-out weeks.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backtest, seasonalNaive, type Forecaster } from '../../src/domain/forecast/backtest.js';
import { ALL } from '../../src/domain/forecast/dailyStat.js';
import { loadBusiness } from '../../src/knowledge/markdownLoader.js';
import { openLowdbStores } from '../../src/stores/lowdb/openLowdbStores.js';
import { daysBetween } from '../../src/staff/businessDays.js';
import { fillDemoData } from '../../src/staff/demoData.js';
import { defaultCandidates, FORECAST_METRICS, seriesOf } from '../../src/staff/forecastReport.js';

export interface BacktestFigures {
  series: number;
  /** Mean held-out MASE of the model chosen per series, and of seasonal-naive. */
  chosen: number;
  seasonalNaive: number;
  /** Series where the chosen model's held-out MASE was lower than seasonal-naive's. */
  beaten: number;
  /** The same on the series with at least 5 a day on average (where the counts are not mostly zeros). */
  busy: { series: number; chosen: number; seasonalNaive: number };
  models: Record<string, number>;
  rows: { name: string; model: string; chosen: number; seasonalNaive: number; perDay: number }[];
}

const HELD_OUT_DAYS = 14;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export async function backtestForecast(knowledgeDir: string, weeks = 12, given?: Forecaster[]): Promise<BacktestFigures> {
  // The store is scratch: in memory-backed /dev/shm where there is one, so its fsyncs cost nothing.
  const scratch = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = await mkdtemp(path.join(scratch, 'isb-backtest-'));
  try {
    const candidates = given ?? (await defaultCandidates());
    const business = await loadBusiness(knowledgeDir);
    const stores = await openLowdbStores(dir);
    await fillDemoData(stores, business, { weeks, seed: 16, now: new Date('2026-11-30T23:00:00Z') });
    const stats = (await stores.dailyStats.query({ orderBy: 'day' })).items;
    await stores.close();
    const totals = stats.filter((s) => s.channel === ALL).map((s) => s.day);
    const days = daysBetween(totals[0]!, totals[totals.length - 1]!);
    const rows: BacktestFigures['rows'] = [];
    const models: Record<string, number> = {};
    for (const { dimension, key, byDay } of seriesOf(stats).values()) {
      for (const metric of FORECAST_METRICS) {
        const series = days.map((d) => (byDay.get(d) ?? []).reduce((sum, s) => sum + s[metric], 0));
        const selection = series.slice(0, series.length - HELD_OUT_DAYS);
        const scored = [seasonalNaive, ...candidates].map((f) => ({ f, r: backtest(selection, f) }));
        const best = scored.filter((x) => Number.isFinite(x.r.mase)).reduce((a, b) => (b.r.mase < a.r.mase ? b : a), scored[0]!);
        // Held out: origins at the start of each of the last two weeks, with all history before them.
        const heldOut = (f: Forecaster): number => backtest(series, f, { origins: HELD_OUT_DAYS / 7, minHistory: 21 }).mase;
        const chosen = heldOut(best.f);
        const naive = heldOut(seasonalNaive);
        if (!Number.isFinite(chosen) || !Number.isFinite(naive)) continue;
        models[best.f.name] = (models[best.f.name] ?? 0) + 1;
        rows.push({
          name: `${dimension}:${key}:${metric}`,
          model: best.f.name,
          chosen,
          seasonalNaive: naive,
          perDay: mean(series),
        });
      }
    }
    const busy = rows.filter((r) => r.perDay >= 5);
    return {
      series: rows.length,
      chosen: mean(rows.map((r) => r.chosen)),
      seasonalNaive: mean(rows.map((r) => r.seasonalNaive)),
      beaten: rows.filter((r) => r.chosen < r.seasonalNaive).length,
      busy: {
        series: busy.length,
        chosen: mean(busy.map((r) => r.chosen)),
        seasonalNaive: mean(busy.map((r) => r.seasonalNaive)),
      },
      models,
      rows,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The lines `npm run eval` prints. */
export function describeBacktest(f: BacktestFigures, verbose: boolean): string[] {
  const lines = [
    `\n[forecast back-test] demo data, ${f.series} series, held-out last ${HELD_OUT_DAYS} days, 7 days ahead`,
    `MASE chosen model: ${f.chosen.toFixed(3)}  seasonal-naive: ${f.seasonalNaive.toFixed(3)}  (chosen lower on ${f.beaten}/${f.series} series)`,
    `series with >= 5 a day (${f.busy.series}): chosen ${f.busy.chosen.toFixed(3)}  seasonal-naive ${f.busy.seasonalNaive.toFixed(3)}`,
    `models chosen: ${Object.entries(f.models)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ')}`,
  ];
  if (verbose)
    for (const r of f.rows)
      lines.push(`  ${r.name.padEnd(48)} ${r.model.padEnd(24)} ${r.chosen.toFixed(3)} vs ${r.seasonalNaive.toFixed(3)}`);
  return lines;
}
