/**
 * `npm run bench`: the full bot against a bare echo bot on the same stack (restify + CloudAdapter),
 * on two workloads — knowledge questions and a whole callback booking — on an empty store and on a
 * grown one (50,000 customers, 200,000 conversations); then retrieval through the bot at 1k, 10k
 * and 100k passages.
 *
 * Fairness: the load generator and each bot run in their own process, pinned apart with taskset
 * when the machine allows (see turns.ts); each bot's cost is its own process's CPU time per turn,
 * so the load generator and other work on a shared machine do not count (the load generator's own
 * CPU is printed too). Runs are timed (BENCH_SECONDS each), the two bots alternate within a round
 * (echo, full, then full, echo, …) over BENCH_ROUNDS rounds, and min/median/max over rounds are
 * printed. The headline ratio is echo CPU per turn ÷ full CPU per turn, the median over rounds; the
 * full bot's turn includes everything it does, its awaited durable bot-state write included.
 *
 * Settings (environment): BENCH_SECONDS (20), BENCH_ROUNDS (3), BENCH_CONCURRENCY (10),
 * BENCH_CONVERSATIONS (50 live at once), BENCH_RETRIEVAL_SECONDS (10),
 * BENCH_PASSAGES (1000,10000,100000), BENCH_GROWN (50000,200000: customers,conversations),
 * BENCH_ONLY (a comma list of sections: turns, grown, model (the empty store with the sentence
 * model on), instances (one and two instances on PostgreSQL), retrieval, stores — default all but
 * stores),
 * BENCH_DATA_DIR (cache of generated stores and knowledge), BENCH_NO_PIN, BENCH_SPANS, BENCH_CPU_PROF.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchDataDir, grownStore } from './growStore.js';
import { writeKnowledgeDir } from './retrieval.js';
import { benchStoreWrites } from './stores.js';
import { grownSize, list, num, runSettings } from './settings.js';
import { benchTwoInstances, instancesLine } from './twoInstances.js';
import { placement, startBot, startLoad, type Bot, type LoadGenerator, type Run, type RunSettings } from './turns.js';
import type { WorkloadName } from './workloads.js';

const settings: RunSettings = runSettings(20);
const rounds = num('BENCH_ROUNDS', 3);
const retrievalMs = num('BENCH_RETRIEVAL_SECONDS', 10) * 1000;
const [grownCustomers, grownConversations] = grownSize();
const only = new Set((process.env.BENCH_ONLY ?? 'turns,grown,model,instances,retrieval').split(','));
const WORKLOADS = ['knowledge', 'booking'] as const;
type Measured = (typeof WORKLOADS)[number];

const where = placement();
const f1 = (n: number): string => n.toFixed(1);
const f2 = (n: number): string => n.toFixed(2);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
const median = (xs: number[]): number => {
  const s = sorted(xs);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const at = (xs: number[], q: number): number => {
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const spread = (xs: number[], digits = 2): string =>
  `min ${Math.min(...xs).toFixed(digits)} / median ${median(xs).toFixed(digits)} / max ${Math.max(...xs).toFixed(digits)}`;
const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `machine: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown cpu'}), node ${process.version}, load average ${loadAverage()}`,
);
console.log(`placement: ${where.description}`);
console.log(
  `load: loopback, closed loop at concurrency ${settings.concurrency} over ${settings.conversations} live conversations;` +
    ` ${rounds} rounds of ${settings.maxMs / 1000} s per bot and workload, bots alternated`,
);

interface Scenario {
  label: string;
  /** Per workload, the rounds' runs of each bot. */
  runs: Record<Measured, { full: Run[]; echo: Run[] }>;
  full: Bot;
}

/** Runs both workloads on a pair of bots, alternating the bots, and prints what each run gave. */
async function scenario(
  label: string,
  seedDir: string | undefined,
  load: LoadGenerator,
  embeddings: 'off' | 'local' = 'off',
  /** The workload measured as `knowledge` (the model section asks varied questions: knowledge-varied). */
  knowledgeAs: WorkloadName = 'knowledge',
): Promise<Scenario> {
  const as = (workload: WorkloadName): WorkloadName => (workload === 'knowledge' ? knowledgeAs : workload);
  const echo = await startBot('echo', where);
  const full = await startBot('full', where, { seedDir, embeddings });
  console.log(`\n[${label}] full bot started in ${full.startMs} ms, RSS ${full.rssMb} MB`);
  const runs = { knowledge: { full: [], echo: [] }, booking: { full: [], echo: [] } } as Scenario['runs'];
  try {
    const warm = { ...settings, maxMs: Math.min(3_000, settings.maxMs) };
    for (const workload of WORKLOADS) for (const bot of [echo, full]) await bot.measure(load, as(workload), warm);
    for (let round = 0; round < rounds; round++) {
      for (const workload of WORKLOADS) {
        const order = round % 2 === 0 ? [echo, full] : [full, echo];
        for (const bot of order) {
          const run = await bot.measure(load, as(workload), settings);
          runs[workload][bot.kind].push(run);
          console.log(
            `  round ${round + 1} ${as(workload)} ${bot.kind}: ${run.turnsPerSecond.toFixed(0)} turns/s, CPU ${f2(run.cpuMsPerTurn)} ms/turn` +
              ` (load generator ${f2(run.loadCpuMsPerTurn)}), p50 ${f1(run.p50)} ms, p99 ${f1(run.p99)} ms, ${run.turns} turns,` +
              ` ${run.errors} errors, ${run.unanswered} unanswered` +
              (bot.kind === 'full' ? `, ${run.done}/${run.finished} conversations ended as expected` : '') +
              (run.embeddings
                ? `, sentence model: ${run.embeddings.texts} texts in ${run.embeddings.calls} calls, ${run.embeddings.timeouts} given up`
                : '') +
              `, load average ${loadAverage()}`,
          );
          for (const miss of run.misses) console.log(`    unexpected last reply: ${miss.replace(/\n/g, ' ⏎ ')}`);
          for (const s of run.spans ?? []) console.log(`    span ${s}`);
          if (run.profile) console.log(`    cpu profile: ${run.profile}`);
        }
      }
    }
    return { label, runs, full };
  } finally {
    await echo.stop();
    await full.stop();
  }
}

/** The headline of one workload: median of the rounds' ratios, with each bot's CPU per turn. */
function summarize(s: Scenario, workload: Measured, suffix: string): number {
  const { full, echo } = s.runs[workload];
  const ratios = full.map((f, i) => echo[i]!.cpuMsPerTurn / f.cpuMsPerTurn);
  const throughput = full.map((f, i) => f.turnsPerSecond / echo[i]!.turnsPerSecond);
  const fullCpu = median(full.map((r) => r.cpuMsPerTurn));
  const echoCpu = median(echo.map((r) => r.cpuMsPerTurn));
  const stateWrites = full.flatMap((r) => r.stateWriteMs);
  console.log(
    `ratio (${workload}${suffix}): ${f2(median(ratios))} — CPU per turn: full ${f2(fullCpu)} ms, echo ${f2(echoCpu)} ms` +
      ` (echo CPU ÷ full CPU, median of ${ratios.length} rounds; ${spread(ratios)})`,
  );
  console.log(
    `  full bot CPU ms/turn ${spread(full.map((r) => r.cpuMsPerTurn))}; echo ${spread(echo.map((r) => r.cpuMsPerTurn))}`,
  );
  console.log(
    `  turns/s full ${spread(
      full.map((r) => r.turnsPerSecond),
      0,
    )}; echo ${spread(
      echo.map((r) => r.turnsPerSecond),
      0,
    )}; throughput ratio ${spread(throughput)}`,
  );
  console.log(
    `  full bot latency p50 ${f1(median(full.map((r) => r.p50)))} ms, p99 ${f1(median(full.map((r) => r.p99)))} ms (median of rounds);` +
      ` bot-state write (in the turn) p50 ${f2(at(stateWrites, 0.5))} ms, p99 ${f2(at(stateWrites, 0.99))} ms over ${stateWrites.length} writes;` +
      ` load generator ${f2(median(full.map((r) => r.loadCpuMsPerTurn)))} ms CPU per turn; full bot RSS ${Math.max(...full.map((r) => r.rssMb))} MB`,
  );
  return fullCpu;
}

const load = await startLoad(where);
try {
  // The headline: an empty store.
  const scenarios: Scenario[] = [];
  if (only.has('turns')) scenarios.push(await scenario('empty store', undefined, load));
  if (only.has('grown')) {
    const t0 = performance.now();
    const seed = await grownStore({ customers: grownCustomers, conversations: grownConversations });
    console.log(
      `\ngrown store: ${grownCustomers} customers, ${grownConversations} conversations (${seed}, ready in ${Math.round(performance.now() - t0)} ms)`,
    );
    scenarios.push(await scenario(`grown store (${grownCustomers} customers, ${grownConversations} conversations)`, seed, load));
  }
  if (only.has('model'))
    scenarios.push(await scenario('empty store, sentence model on', undefined, load, 'local', 'knowledge-varied'));
  console.log(`\nload average at the end of the turn runs: ${loadAverage()}`);
  const booking = new Map<string, number>();
  for (const s of scenarios) {
    console.log(`\n${s.label}:`);
    const suffix = s.label === 'empty store' ? '' : s.label.startsWith('grown') ? ', grown store' : ', sentence model on';
    summarize(s, 'knowledge', suffix);
    booking.set(suffix, summarize(s, 'booking', suffix));
  }
  const [empty, grown] = [booking.get(''), booking.get(', grown store')];
  if (empty && grown) console.log(`booking CPU per turn, grown ÷ empty store: ${f2(grown / empty)} (goal ≤ 1.20)`);

  if (only.has('instances')) {
    // Several instances on one PostgreSQL behind a round-robin proxy: the same knowledge workload,
    // one instance then two, each on a fresh schema (bench/twoInstances.ts).
    console.log('\ninstances on PostgreSQL (knowledge workload):');
    try {
      const { one, two } = await benchTwoInstances({ ...settings, turns: 100_000 });
      console.log(instancesLine(one));
      console.log(instancesLine(two));
      console.log(`two ÷ one instance throughput: ${f2(two.turnsPerSecond / one.turnsPerSecond)}`);
    } catch (error) {
      console.log(`skipped: PostgreSQL not reachable (${(error as Error).message})`);
    }
  }

  if (only.has('retrieval')) {
    console.log(`\nretrieval through the full bot (knowledge workload, ${retrievalMs / 1000} s each, every search counted):`);
    for (const n of list('BENCH_PASSAGES', '1000,10000,100000')) {
      const knowledgeDir = await writeKnowledgeDir(benchDataDir(), n);
      // The persisted lexical index: the first start builds and writes it (cold), a second start
      // reloads it; both start-ups are printed, the second bot is the one measured.
      const indexCacheDir = join(benchDataDir(), `index-cache-${n}`);
      await rm(indexCacheDir, { recursive: true, force: true });
      const cold = await startBot('full', where, { knowledgeDir, indexCacheDir });
      const coldStartMs = cold.startMs;
      await cold.stop();
      const full = await startBot('full', where, { knowledgeDir, indexCacheDir });
      try {
        await full.measure(load, 'knowledge', { ...settings, maxMs: Math.min(2_000, retrievalMs) });
        const run = await full.measure(load, 'knowledge', { ...settings, maxMs: retrievalMs });
        const summary = (xs: number[]): string =>
          `p50 ${f2(at(xs, 0.5))} ms, p99 ${f2(at(xs, 0.99))} ms, mean ${f2(xs.reduce((t, x) => t + x, 0) / Math.max(1, xs.length))} ms over ${xs.length}`;
        console.log(
          `retrieval ${n} passages: ${summary(run.searchMs)} searches (of which BM25 scoring ${summary(run.scoringMs)} calls);` +
            ` bot CPU ${f2(run.cpuMsPerTurn)} ms/turn, ${run.turnsPerSecond.toFixed(0)} turns/s; start-up ${coldStartMs} ms (index built), ${full.startMs} ms (index from its cache); RSS ${run.rssMb} MB`,
        );
      } finally {
        await full.stop();
      }
    }
  }
} finally {
  await load.stop();
}

if (only.has('stores')) {
  const dir = await mkdtemp(join(tmpdir(), 'isb-bench-stores-'));
  try {
    const s = await benchStoreWrites(dir, { customers: 10_000, conversations: 100_000 });
    console.log(`\nstore writes (10000 customers, 100000 conversations): p50 ${f2(s.p50)} ms, p99 ${f2(s.p99)} ms`);
    console.log(
      `  customer put p50 ${f2(s.customerP50)} p99 ${f2(s.customerP99)}; conversation put p50 ${f2(s.conversationP50)} p99 ${f2(s.conversationP99)};` +
        ` state write p50 ${f2(s.stateP50)} p99 ${f2(s.stateP99)}; transcript append p50 ${f2(s.appendP50)} p99 ${f2(s.appendP99)};` +
        ` open ${s.openMs} ms, seed ${Math.round(s.seedMs / 1000)} s`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log(`\nload average at the end: ${loadAverage()}`);
