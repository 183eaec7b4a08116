/**
 * Memory of the full bot under a long load on the grown store (50,000 customers, 200,000
 * conversations): `npx tsx bench/memory.ts`. One bot per variant (BENCH_MEMORY_VARIANTS), each on
 * its own copy of the grown store, run by the same load generator (pinned as in run.ts), knowledge
 * and booking workloads alternated run by run, the variants alternated within each round
 * (A then B, then B then A, …). After every run, per variant, one line: the bot's CPU per turn,
 * RSS and heap before a full GC, then heap in use after it (the bots run with --expose-gc) — held
 * memory against memory V8 merely keeps.
 *
 * Settings: BENCH_MEMORY_RUNS (12 runs, alternating knowledge and booking), BENCH_SECONDS (10 per
 * run), BENCH_GROWN (50000,200000; BENCH_MEMORY_EMPTY=1: an empty store), BENCH_CONCURRENCY, BENCH_CONVERSATIONS; BENCH_MEMORY_GC=0 to
 * skip the full GC after each run (RSS as an unforced process has it); BENCH_MEMORY_IDLE_SECONDS (30):
 * after the last run, RSS every 10 s of idling (no forced GC); BENCH_MEMORY_VARIANTS: `;`
 * between variants, each space-separated node flags and NAME=value environment (default one
 * variant with BENCH_NODE_FLAGS), e.g. `;--max-semi-space-size=16;MALLOC_ARENA_MAX=2`;
 * BENCH_HEAP_SNAPSHOT=<dir>: heap snapshots after the warm-up and after the last run
 * (compare them with `node bench/heapDiff.ts A B`, or `npx tsx bench/heapDiff.ts`).
 */
import { mkdir } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { grownStore } from './growStore.js';
import { grownSize, num, runSettings } from './settings.js';
import { placement, startBot, startLoad, type Bot, type RunSettings } from './turns.js';
import type { HeapReport } from './botProcess.js';

const [customers, conversations] = grownSize();
const settings: RunSettings = runSettings(10);
const runs = num('BENCH_MEMORY_RUNS', 12);
const collect = process.env.BENCH_MEMORY_GC !== '0';
const idleMs = Number(process.env.BENCH_MEMORY_IDLE_SECONDS ?? 30) * 1000;
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT ? resolve(process.env.BENCH_HEAP_SNAPSHOT) : undefined;

interface Variant {
  label: string;
  flags: string[];
  env: Record<string, string>;
}
const variants: Variant[] = (process.env.BENCH_MEMORY_VARIANTS ?? process.env.BENCH_NODE_FLAGS ?? '').split(';').map((spec) => {
  const words = spec.split(/\s+/).filter(Boolean);
  const env = Object.fromEntries(
    words
      .filter((w) => !w.startsWith('-') && w.includes('='))
      .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
  );
  return { label: spec.trim() || '(no flags)', flags: words.filter((w) => w.startsWith('-')), env };
});

const where = placement();
const load = average();
console.log(`placement: ${where.description}; load average ${load}`);
console.log(
  `memory bench: ${runs} runs of ${settings.maxMs / 1000} s (knowledge and booking alternated), concurrency ${settings.concurrency},` +
    ` ${process.env.BENCH_MEMORY_EMPTY ? 'an empty store' : `${customers} customers, ${conversations} conversations`}; variants: ${variants.map((v) => v.label).join(' | ')}`,
);

function average(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function heapLine(h: HeapReport): string {
  const old = h.spaces.old_space;
  const young = h.spaces.new_space;
  return (
    `RSS ${h.before.rssMb} MB, heap used ${h.before.heapUsedMb} / total ${h.before.heapTotalMb} MB` +
    (h.collected ? `; after GC: RSS ${h.rssMb}, heap used ${h.heapUsedMb} / total ${h.heapTotalMb}` : '') +
    `; old ${old?.usedMb}/${old?.sizeMb}, new ${young?.usedMb}/${young?.sizeMb}, large ${h.spaces.large_object_space?.usedMb},` +
    ` code ${h.spaces.code_space?.sizeMb}, external ${h.externalMb} (array buffers ${h.arrayBuffersMb}) MB` +
    (h.mappings
      ? `; resident by mapping: ${Object.entries(h.mappings)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')} MB`
      : '')
  );
}

// BENCH_MEMORY_EMPTY=1: an empty store instead.
const seed = process.env.BENCH_MEMORY_EMPTY ? undefined : await grownStore({ customers, conversations });
const loadGenerator = await startLoad(where);
const bots: { variant: Variant; bot: Bot; turns: number; cpu: Record<string, number[]>; rss: number[] }[] = [];
try {
  for (const variant of variants) {
    // --expose-gc changes nothing until gc() is called (after each run only with BENCH_MEMORY_GC, and once at the end).
    const flags = ['--expose-gc', ...variant.flags];
    const bot = await startBot('full', where, { seedDir: seed, nodeFlags: flags, env: variant.env });
    bots.push({ variant, bot, turns: 0, cpu: { knowledge: [], booking: [] }, rss: [] });
    console.log(`[${variant.label}] started in ${bot.startMs} ms, RSS ${bot.rssMb} MB; ${heapLine(await bot.heap())}`);
  }
  const warm = { ...settings, maxMs: Math.min(3_000, settings.maxMs) };
  for (const b of bots) {
    for (const workload of ['knowledge', 'booking'] as const)
      b.turns += (await b.bot.measure(loadGenerator, workload, warm)).turns;
    console.log(`[${b.variant.label}] after warm-up (${b.turns} turns): ${heapLine(await b.bot.heap())}`);
  }
  if (snapshotDir) {
    await mkdir(snapshotDir, { recursive: true });
    for (const [i, b] of bots.entries())
      console.log(`  heap snapshot: ${await b.bot.snapshot(join(snapshotDir, `v${i}-start.heapsnapshot`))}`);
  }
  for (let run = 0; run < runs; run++) {
    const workload = run % 2 === 0 ? 'knowledge' : 'booking';
    const order = Math.floor(run / 2) % 2 === 0 ? bots : [...bots].reverse();
    for (const b of order) {
      const r = await b.bot.measure(loadGenerator, workload, settings);
      b.turns += r.turns;
      b.cpu[workload]!.push(r.cpuMsPerTurn);
      const h = await b.bot.heap({ collect });
      b.rss.push(h.before.rssMb);
      console.log(
        `  run ${run + 1} ${workload} [${b.variant.label}]: ${r.turns} turns (${b.turns} in all), CPU ${r.cpuMsPerTurn.toFixed(2)} ms/turn,` +
          ` p50 ${r.p50.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, ${r.done}/${r.finished} ended as expected; ` +
          heapLine(h) +
          `; load ${average()}`,
      );
    }
  }
  // Idle after the load: V8's memory reducer collects and gives pages back when allocation stops.
  if (idleMs > 0) {
    for (let waited = 0; waited < idleMs; waited += 10_000) {
      await new Promise((done) => setTimeout(done, Math.min(10_000, idleMs - waited)));
      for (const b of bots)
        console.log(
          `  idle ${Math.min(idleMs, waited + 10_000) / 1000} s [${b.variant.label}]: ${heapLine(await b.bot.heap({ collect: false }))}`,
        );
    }
  }
  for (const b of bots) console.log(`  at the end, after a full GC [${b.variant.label}]: ${heapLine(await b.bot.heap())}`);
  if (snapshotDir)
    for (const [i, b] of bots.entries())
      console.log(`  heap snapshot: ${await b.bot.snapshot(join(snapshotDir, `v${i}-end.heapsnapshot`))}`);
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  console.log(
    '\nsummary: CPU ms per turn, median of runs; against the first variant, the median (min–max) of the per-run ratios' +
      ' (runs of one round alternate the variants); RSS at the last run and its highest after any run:',
  );
  const base = bots[0]!;
  for (const b of bots) {
    const parts = (['knowledge', 'booking'] as const).map((w) => {
      const ratios = b.cpu[w]!.map((x, i) => x / base.cpu[w]![i]!);
      const pct = (r: number): string => `${r >= 1 ? '+' : ''}${((r - 1) * 100).toFixed(1)} %`;
      return `${w} ${median(b.cpu[w]!).toFixed(2)} (${pct(median(ratios))}; ${pct(Math.min(...ratios))} to ${pct(Math.max(...ratios))})`;
    });
    console.log(
      `  [${b.variant.label}] ${parts.join(', ')}; RSS ${b.rss.at(-1)} MB, highest ${Math.max(...b.rss)} MB; ${b.turns} turns`,
    );
  }
} finally {
  for (const b of bots) await b.bot.stop();
  await loadGenerator.stop();
}
