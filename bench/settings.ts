/** The bench's knobs, read from the environment the same way by every bench script. */
import type { RunSettings } from './turns.js';

/** A positive number from `name`, else `fallback`. */
export function num(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A comma-separated list of positive numbers from `name`, else from `fallback`. */
export function list(name: string, fallback: string): number[] {
  return (process.env[name] ?? fallback)
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
}

/** One closed-loop run: BENCH_CONVERSATIONS (50) at BENCH_CONCURRENCY (10) for BENCH_SECONDS. */
export function runSettings(seconds: number): RunSettings {
  return {
    conversations: num('BENCH_CONVERSATIONS', 50),
    concurrency: num('BENCH_CONCURRENCY', 10),
    maxMs: num('BENCH_SECONDS', seconds) * 1000,
  };
}

/** The grown store's size: BENCH_GROWN="customers,conversations" (50,000 and 200,000). */
export function grownSize(): [customers: number, conversations: number] {
  const [customers = 50_000, conversations = 200_000] = list('BENCH_GROWN', '50000,200000');
  return [customers, conversations];
}
