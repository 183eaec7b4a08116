/**
 * The mean of the same weekday over the last `weeks` weeks: seasonal-naive with the noise of a
 * single week averaged out, which suits small daily counts. Pure, so it is always a candidate.
 */
import { SEASON, type Forecaster } from './backtest.js';

export function seasonalMean(weeks = 4): Forecaster {
  return {
    name: `seasonal-mean-${weeks}w`,
    forecast(history, horizon) {
      const usable = Math.min(weeks, Math.floor(history.length / SEASON));
      if (usable === 0) {
        const mean = history.length ? history.reduce((a, b) => a + b, 0) / history.length : 0;
        return Array.from({ length: horizon }, () => mean);
      }
      const byWeekday = Array.from({ length: SEASON }, (_, d) => {
        let sum = 0;
        for (let w = 0; w < usable; w += 1) sum += history[history.length - SEASON * (w + 1) + d]!;
        return sum / usable;
      });
      return Array.from({ length: horizon }, (_, i) => byWeekday[i % SEASON]!);
    },
  };
}
