/**
 * What the sentence model costs through the bot (not a test; run by hand), with EMBEDDINGS=off and
 * EMBEDDINGS=local on the sample knowledge, every question new to the embedder (the bakery eval set's
 * questions, bench/variedQuestions.ts):
 *
 * - start-up: until the bot listens, and until the passages are embedded — with a cold vector cache
 *   and again with the cache the first start wrote (the bot measured is the warm one) — and RSS then;
 * - the most it serves: a closed loop at 10 connections (turns/s, the bot process's CPU per turn, the
 *   worker thread included);
 * - what customers see at a given rate: turns started at BENCH_RATE (40) a second, at most 10 in
 *   flight — latency p50/p99;
 * - whether other conversations wait on the model: bookings at BENCH_BOOKING_RATE (10) a second, alone
 *   and beside those questions; their p50/p99.
 *
 * The bot runs in its own process (pinned to the bots' core, as in `npm run bench`, so the bot and
 * its model share one core); this process is the load, on the other core.
 *
 *   npx tsx bench/sentenceModel.ts        (BENCH_SECONDS=10, BENCH_RATE=40, BENCH_BOOKING_RATE=10)
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChannelStub } from '../test/support/channelStub.js';
import type { EmbedderReport } from './embedderStats.js';
import { pacedLoad, type PacedResult } from './pacedLoad.js';
import { placement, startBot, startLoad, type Bot } from './turns.js';
import { num } from './settings.js';
import { skipQuestions } from './variedQuestions.js';
import { workloads } from './workloads.js';

const ms = num('BENCH_SECONDS', 10) * 1000;
const rate = num('BENCH_RATE', 40);
const bookingRate = num('BENCH_BOOKING_RATE', 10);
const connections = num('BENCH_CONCURRENCY', 10);
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

// The load process asks the first questions; this one, the paced ones, from the middle on.
skipQuestions(3600);
const where = placement();
if (where.load) execFileSync('taskset', ['-a', '-p', '-c', where.load, String(process.pid)], { stdio: 'ignore' });
console.log(`${where.description}; load average ${load()}`);
const channel = await new ChannelStub().start();
const loadProcess = await startLoad(where);
const line = (label: string, r: PacedResult): string =>
  `${label}: ${r.turnsPerSecond} turns/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.turns} turns, ${r.late} late starts, ${r.errors} errors, ${r.ended}/${r.finished} conversations ended as expected)`;
const questions = workloads['knowledge-varied'];
const booking = workloads.booking;
const paced = (bot: Bot, w: typeof questions | typeof booking, at: number): Promise<PacedResult> =>
  pacedLoad({ url: bot.url, channel, script: w.script, rate: at, connections, ms, done: w.done });
/** A turn's wait on the model (from asking for the question's vector to having it, or giving up). */
const waitOf = (e: EmbedderReport): string =>
  e.wait ? `, wait on the model p50 ${e.wait.p50} ms, p99 ${e.wait.p99} ms, max ${e.wait.max} ms` : '';
/** The bot's CPU and the model's work over what `run` drives. */
async function own<T>(bot: Bot, run: () => Promise<T>): Promise<[T, string]> {
  await bot.mark();
  const result = await run();
  const r = await bot.report();
  const e = r.embeddings;
  return [
    result,
    `bot CPU ${(r.cpuMs / 1000 / (ms / 1000)).toFixed(2)} s/s` +
      (e ? `; model: ${e.texts} texts in ${e.calls} calls, ${e.timeouts} given up (answered lexically)${waitOf(e)}` : ''),
  ];
}

async function measure(bot: Bot, label: string): Promise<void> {
  await bot.measure(loadProcess, 'knowledge-varied', { conversations: 50, concurrency: connections, maxMs: 2000 });
  const closed = await bot.measure(loadProcess, 'knowledge-varied', { conversations: 50, concurrency: connections, maxMs: ms });
  console.log(
    `  ${label} closed loop at ${connections} connections: ${closed.turnsPerSecond.toFixed(0)} turns/s, CPU ${closed.cpuMsPerTurn.toFixed(2)} ms/turn,` +
      ` p50 ${closed.p50} ms, p99 ${closed.p99} ms, ${(closed.searchMs.length / closed.turns).toFixed(2)} searches/turn, ${closed.done}/${closed.finished} ended as expected` +
      (closed.embeddings
        ? `; model: ${closed.embeddings.texts} texts in ${closed.embeddings.calls} calls, ${closed.embeddings.timeouts} given up (answered lexically)${waitOf(closed.embeddings)}`
        : '') +
      `; load average ${load()}`,
  );
  const [alone, aloneOwn] = await own(bot, () => paced(bot, questions, rate));
  console.log(`  ${line(`${label} questions at ${rate}/s`, alone)}; ${aloneOwn}; load average ${load()}`);
  console.log(`  ${line(`${label} bookings alone at ${bookingRate}/s`, await paced(bot, booking, bookingRate))}`);
  const [[beside, q], mixedOwn] = await own(bot, () =>
    Promise.all([paced(bot, booking, bookingRate), paced(bot, questions, rate)]),
  );
  console.log(`  ${line(`${label} bookings at ${bookingRate}/s beside questions`, beside)}`);
  console.log(`  ${line(`${label}   the questions beside them`, q)}; ${mixedOwn}; load average ${load()}`);
}

try {
  const off = await startBot('full', where, { embeddings: 'off' });
  console.log(`EMBEDDINGS=off: listening in ${off.listenMs} ms, RSS at start ${off.rssMb} MB`);
  try {
    await measure(off, 'off');
  } finally {
    await off.stop();
  }
  const cache = await mkdtemp(join(tmpdir(), 'isb-bench-vectors-'));
  try {
    const cold = await startBot('full', where, { embeddings: 'local', embeddingsCacheDir: cache });
    console.log(
      `EMBEDDINGS=local, cold vector cache: listening in ${cold.listenMs} ms, passages embedded at ${cold.startMs} ms, RSS ${cold.rssMb} MB`,
    );
    await cold.stop();
    const warm = await startBot('full', where, { embeddings: 'local', embeddingsCacheDir: cache });
    console.log(
      `EMBEDDINGS=local, warm vector cache: listening in ${warm.listenMs} ms, passages embedded at ${warm.startMs} ms, RSS at start ${warm.rssMb} MB`,
    );
    try {
      await measure(warm, 'local');
    } finally {
      await warm.stop();
    }
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
} finally {
  await loadProcess.stop();
  await channel.stop();
}
console.log(`load average at the end: ${load()}`);
