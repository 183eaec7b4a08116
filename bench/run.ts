/**
 * `npm run bench`: the full bot against a bare echo bot on the same stack, retrieval speed, and
 * store write latency at realistic size — in one run, one after the other, on this machine.
 *
 * Both bots run in their own process and are warmed up first; then they take turns (echo, full,
 * full, echo, …) so that background load on the machine falls on both alike, and each bot's runs
 * are pooled. Settings come from the environment: BENCH_CONVERSATIONS (50), BENCH_CONCURRENCY (16),
 * BENCH_TURNS (1200 measured turns per run), BENCH_SECONDS (12, a cap per run), BENCH_ROUNDS (2),
 * BENCH_VERBOSE (print the full bot's warm-up answers), BENCH_SPANS and BENCH_CPU_PROF (where the
 * full bot's time goes; see turnSpans.ts).
 */
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { benchRetrieval } from './retrieval.js';
import { benchStoreWrites } from './stores.js';
import { SCRIPT, pool, startBotUnderLoad, type TurnBench, type TurnSettings } from './turns.js';

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const settings: TurnSettings = {
  conversations: num('BENCH_CONVERSATIONS', 50),
  concurrency: num('BENCH_CONCURRENCY', 16),
  turns: num('BENCH_TURNS', 1200),
  maxMs: num('BENCH_SECONDS', 12) * 1000,
};
const rounds = num('BENCH_ROUNDS', 2);

const ms = (n: number): string => `${n.toFixed(2)} ms`;
const line = (name: string, r: TurnBench): string =>
  `${name}: ${r.turnsPerSecond.toFixed(1)} turns/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms` +
  ` (${r.turns} turns in ${r.seconds.toFixed(1)} s, ${r.errors} errors, ${r.unanswered} unanswered, bot CPU ${r.cpuMsPerTurn} ms/turn)`;

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), node ${process.version},` +
    ` load average ${loadavg()[0]!.toFixed(1)}`,
);
console.log(
  `load: loopback, ${settings.conversations} conversations of ${SCRIPT.length} turns (join + questions),` +
    ` concurrency ${settings.concurrency}, ${rounds} runs of ${settings.turns} turns per bot (cap ${settings.maxMs / 1000} s)`,
);

const echoBot = await startBotUnderLoad('echo');
const fullBot = await startBotUnderLoad('full').catch(async (error: unknown) => {
  await echoBot.stop();
  throw error;
});
const runs: Record<'echo' | 'full', TurnBench[]> = { echo: [], full: [] };
try {
  await echoBot.warmUp(500, settings);
  const samples = await fullBot.warmUp(500, settings);
  if (process.env.BENCH_VERBOSE) for (const s of samples) console.log(`  ${s.text} → ${s.reply}`);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['echo', 'full'] as const) : (['full', 'echo'] as const);
    for (const kind of order) runs[kind].push(await (kind === 'echo' ? echoBot : fullBot).measure(settings));
  }
} finally {
  await echoBot.stop();
  await fullBot.stop();
}
const full = pool(runs.full);
const echo = pool(runs.echo);
console.log(line('full bot', full));
console.log(line('echo bot', echo));
console.log(
  `  runs, turns/s: full ${runs.full.map((r) => r.turnsPerSecond).join(', ')}; echo ${runs.echo.map((r) => r.turnsPerSecond).join(', ')}`,
);
console.log(`ratio: ${(full.turnsPerSecond / echo.turnsPerSecond).toFixed(2)}`);
// Throughput on a small or busy machine is also bounded by the load driver sharing the cores, which
// flatters the slower bot; CPU per turn is the machine-independent comparison.
console.log(`cpu ratio: ${(echo.cpuMsPerTurn / full.cpuMsPerTurn).toFixed(2)} (echo bot CPU per turn ÷ full bot CPU per turn)`);
for (const r of runs.full) for (const s of r.spans ?? []) console.log(`  span ${s}`);
for (const r of [...runs.full, ...runs.echo]) if (r.profile) console.log(`  cpu profile: ${r.profile}`);

for (const n of [1_000, 10_000]) {
  const r = await benchRetrieval(n);
  console.log(`retrieval ${n} passages: p50 ${ms(r.p50)}, p99 ${ms(r.p99)} (index built in ${r.buildMs} ms)`);
}

const dir = await mkdtemp(join(tmpdir(), 'isb-bench-stores-'));
try {
  const s = await benchStoreWrites(dir, { customers: 10_000, conversations: 100_000 });
  console.log(`store writes (10000 customers, 100000 conversations): p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`);
  console.log(
    `  customer put p50 ${ms(s.customerP50)} p99 ${ms(s.customerP99)}; conversation put p50 ${ms(s.conversationP50)} p99 ${ms(s.conversationP99)};` +
      ` state write p50 ${ms(s.stateP50)} p99 ${ms(s.stateP99)}; transcript append p50 ${ms(s.appendP50)} p99 ${ms(s.appendP99)};` +
      ` open ${s.openMs} ms, seed ${Math.round(s.seedMs / 1000)} s`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
