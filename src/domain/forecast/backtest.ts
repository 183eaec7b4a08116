/**
 * Choosing a forecasting model honestly: rolling-origin back-tests scored by the mean absolute
 * scaled error (MASE, Hyndman & Koehler 2006), scaled by the in-sample error of the weekly
 * seasonal-naive forecast ("the same weekday last week"). A MASE below the seasonal-naive model's
 * means the model is worth its complexity on this series.
 */

/** A forecasting method: the next `horizon` values after `history`. */
export interface Forecaster {
  name: string;
  forecast(history: readonly number[], horizon: number): number[];
}

export const SEASON = 7;

/** The same weekday last week, repeated. With less than a week of history, the mean. */
export const seasonalNaive: Forecaster = {
  name: 'seasonal-naive',
  forecast(history, horizon) {
    if (history.length === 0) return Array.from({ length: horizon }, () => 0);
    if (history.length < SEASON) {
      const mean = history.reduce((a, b) => a + b, 0) / history.length;
      return Array.from({ length: horizon }, () => mean);
    }
    const lastWeek = history.slice(-SEASON);
    return Array.from({ length: horizon }, (_, i) => lastWeek[i % SEASON]!);
  },
};

/** The mean absolute error of "same weekday last week" inside `history` — MASE's scale. */
export function naiveScale(history: readonly number[], season = SEASON): number {
  let sum = 0;
  let n = 0;
  for (let t = season; t < history.length; t += 1) {
    sum += Math.abs(history[t]! - history[t - season]!);
    n += 1;
  }
  // A series that repeats exactly (often all zeros) has no naive error: scale by 1 count instead.
  return n === 0 || sum === 0 ? 1 : sum / n;
}

export function mase(actual: readonly number[], forecast: readonly number[], history: readonly number[]): number {
  const scale = naiveScale(history);
  const mae = actual.reduce((s, a, i) => s + Math.abs(a - forecast[i]!), 0) / Math.max(1, actual.length);
  return mae / scale;
}

export interface BacktestResult {
  name: string;
  /** Mean MASE over the origins. */
  mase: number;
  origins: number;
  /** actual − forecast at every tested step, by step ahead (0-based). */
  errors: number[][];
}

export interface BacktestOptions {
  /** Days forecast from each origin. Default 7. */
  horizon?: number;
  /** Most origins tried, a week apart, the last ending with the series. Default 6. */
  origins?: number;
  /** Least training history for an origin. Default 21 days. */
  minHistory?: number;
}

/** Rolling-origin evaluation of `forecaster` on `series`; origins are a week apart. */
export function backtest(series: readonly number[], forecaster: Forecaster, options: BacktestOptions = {}): BacktestResult {
  const horizon = options.horizon ?? SEASON;
  const maxOrigins = options.origins ?? 6;
  const minHistory = options.minHistory ?? 21;
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  const scores: number[] = [];
  for (let k = 0; k < maxOrigins; k += 1) {
    const origin = series.length - horizon - k * SEASON;
    if (origin < minHistory) break;
    const history = series.slice(0, origin);
    const actual = series.slice(origin, origin + horizon);
    const predicted = forecaster.forecast(history, horizon).map((v) => Math.max(0, v));
    scores.push(mase(actual, predicted, history));
    actual.forEach((a, i) => errors[i]!.push(a - predicted[i]!));
  }
  const mean = scores.length === 0 ? Number.NaN : scores.reduce((a, b) => a + b, 0) / scores.length;
  return { name: forecaster.name, mase: mean, origins: scores.length, errors };
}

/** The q-quantile (0..1) of `values`, linear between order statistics; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}
