/**
 * Seasonal ARIMA models with weekly seasonality from the `arima` package (a WebAssembly build of
 * the ctsa C library), offered as candidates to the back-test. Kept out of the domain because the
 * library loads its WebAssembly module from disk. A fit that fails or yields non-numbers gives NaN,
 * which the back-test scores as unusable, so the model is never chosen for that series.
 */
import type { Forecaster } from '../domain/forecast/backtest.js';

type ArimaConstructor = typeof import('arima');

interface Order {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
}

/**
 * Runs a fit with stdout silenced: the C library prints diagnostics ("non-stationary AR part")
 * with console.log whatever `verbose` says, which would corrupt the JSON log on stdout. The fit is
 * synchronous, so nothing else can write in between.
 */
function quietly<T>(work: () => T): T {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return work();
  } finally {
    process.stdout.write = write;
  }
}

function sarima(ARIMA: ArimaConstructor, name: string, order: Order): Forecaster {
  return {
    name,
    forecast(history, horizon) {
      const failed = Array.from({ length: horizon }, () => Number.NaN);
      // Constant history (often all zeros) breaks the optimiser; the naive candidate covers it.
      if (history.length < 15 || history.every((v) => v === history[0])) return failed;
      let model: InstanceType<ArimaConstructor> | undefined;
      try {
        const fitted = quietly(() => new ARIMA({ ...order, s: 7, verbose: false }).train([...history]));
        model = fitted;
        const [mean] = quietly(() => fitted.predict(horizon));
        return mean.every(Number.isFinite) ? mean : failed;
      } catch {
        return failed;
      } finally {
        model?.destroy();
      }
    },
  };
}

let loaded: Promise<Forecaster[]> | undefined;

/**
 * SARIMA(1,0,1)(0,1,1)₇ and the "airline" SARIMA(0,1,1)(0,1,1)₇. The library (and its WebAssembly)
 * is loaded on first use, not when the bot starts.
 */
export function loadArimaForecasters(): Promise<Forecaster[]> {
  loaded ??= import('arima').then(({ default: ARIMA }) => [
    sarima(ARIMA, 'sarima(1,0,1)(0,1,1)7', { p: 1, d: 0, q: 1, P: 0, D: 1, Q: 1 }),
    sarima(ARIMA, 'sarima(0,1,1)(0,1,1)7', { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1 }),
  ]);
  return loaded;
}
