/**
 * The forecast of one daily series with an 80 % prediction interval. Every candidate model is
 * back-tested on the series (see backtest.ts) and the one with the lowest MASE is used; seasonal-naive
 * is always a candidate, so a model is only chosen when it beat it. The interval comes from the
 * chosen model's own back-test errors (their 10th and 90th percentiles, pooled over the steps
 * tested), so it is as wide as the model has actually been wrong on this series, and never narrower
 * than a Poisson count's 80 % interval around the forecast.
 *
 * With less than three weeks of history nothing can be tested: the forecast is last week repeated
 * with a deliberately wide band, and `note` says so in words.
 */
import { backtest, quantile, seasonalNaive, SEASON, type BacktestResult, type Forecaster } from './backtest.js';

const MIN_HISTORY_DAYS = 21;
export const MIN_HORIZON = 7;
export const MAX_HORIZON = 31;
/** The normal quantile of an 80 % two-sided interval. */
const POISSON_Z80 = 1.2816;

export interface SeriesForecast {
  model: string;
  /** Back-test MASE of the chosen model and of seasonal-naive; null when there was too little history. */
  mase: { model: number; seasonalNaive: number } | null;
  origins: number;
  mean: number[];
  lo: number[];
  hi: number[];
  /** Set when the forecast is only a rough guess. */
  note?: string;
}

const TOO_SHORT =
  'Less than 3 weeks of history: this is last week repeated, with a wide band. Treat it as a guess, not a forecast.';

export function forecastSeries(history: readonly number[], horizon: number, candidates: readonly Forecaster[]): SeriesForecast {
  const steps = Math.min(MAX_HORIZON, Math.max(1, Math.round(horizon)));
  if (history.length < MIN_HISTORY_DAYS) return guess(history, steps);

  const results: (BacktestResult & { forecaster: Forecaster })[] = [seasonalNaive, ...candidates].map((forecaster) => ({
    ...backtest(history, forecaster),
    forecaster,
  }));
  const naive = results[0]!;
  const best = results.filter((r) => Number.isFinite(r.mase)).reduce((a, b) => (b.mase < a.mase ? b : a), naive);
  const naiveMean = seasonalNaive.forecast(history, steps);
  const mean = best.forecaster.forecast(history, steps).map((v, i) => Math.max(0, Number.isFinite(v) ? v : naiveMean[i]!));
  // The errors of all tested steps pooled: a few origins give too few per step for a quantile.
  const errors = best.errors.flat();
  const below = errors.length ? Math.min(0, quantile(errors, 0.1)) : 0;
  const above = errors.length ? Math.max(0, quantile(errors, 0.9)) : 0;
  const lo: number[] = [];
  const hi: number[] = [];
  mean.forEach((m, i) => {
    // Beyond the tested week, the band widens as a random walk of weeks.
    const widen = Math.sqrt(Math.ceil((i + 1) / SEASON));
    // Counts vary at least as a Poisson count does: never narrower than its 80 % half-width.
    const floor = POISSON_Z80 * Math.sqrt(Math.max(1, m));
    lo.push(Math.max(0, m - Math.max(-below * widen, floor)));
    hi.push(m + Math.max(above * widen, floor));
  });
  return {
    model: best.name,
    mase: Number.isFinite(naive.mase) ? { model: best.mase, seasonalNaive: naive.mase } : null,
    origins: best.origins,
    mean,
    lo,
    hi,
  };
}

/** Last week repeated; the band spans from 0 to twice the largest day seen (at least 2). */
function guess(history: readonly number[], steps: number): SeriesForecast {
  const mean = seasonalNaive.forecast(history, steps);
  const top = Math.max(2, ...history.map((v) => v * 2));
  return {
    model: seasonalNaive.name,
    mase: null,
    origins: 0,
    mean,
    lo: mean.map(() => 0),
    hi: mean.map((m) => Math.max(top, m * 2)),
    note: TOO_SHORT,
  };
}
