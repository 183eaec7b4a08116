/**
 * A bot under test in its own process (so the load driver does not share its event loop):
 * `full` is the real app from the composition root — lowdb in a fresh temp DATA_DIR (a copy of
 * BENCH_SEED_DIR when set: a grown store), knowledge from BENCH_KNOWLEDGE_DIR (default the sample
 * knowledge), transcripts on, logs silent, the sentence model as BENCH_EMBEDDINGS says (default off;
 * `local`: it waits until the passages are embedded); `echo` is the bare echo bot. Talks to the parent over
 * IPC: sends `{ port, startMs, listenMs, rssMb }` once ready (listenMs: creating the app until it
 * listens; startMs: until it is ready, the passages embedded when the sentence model is on);
 * answers `mark` (start a measurement) with `{ marked }`, `cpu` with a `BotReport` for the time
 * since the mark, `heap` with a `HeapReport` (after a full GC under `--expose-gc`; `memory`: without one), `{ snapshot: file }`
 * by writing a heap snapshot there (bench/memory.ts), and `stop` by closing and exiting. Every retrieval search and every bot-state write of the full bot is timed
 * (no sampling, no best-of). Runs compiled (see turns.ts). BENCH_SPANS=1 adds timing spans of the
 * full bot's turn; BENCH_CPU_PROF=<dir> writes a CPU profile of the measured window.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { parseConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { createLogger } from '../src/logger.js';
import { createOfflineRecognizer } from '../src/domain/understanding/offlineRecognizer.js';
import { HybridRetriever } from '../src/knowledge/hybridRetriever.js';
import { createEchoServer } from './echoBot.js';
import { embedderSinceMark, markEmbedder, watchEmbedder, type EmbedderReport } from './embedderStats.js';
import {
  instrumentTurns,
  recordCalls,
  reportSpans,
  resetSpans,
  startCpuProfile,
  stopCpuProfile,
  takeCalls,
  timedRecognizer,
} from './turnSpans.js';

/** The bot's memory (`heap`): after a full GC when it runs with --expose-gc, `before` it. */
export interface HeapReport {
  collected: boolean;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
  before: { rssMb: number; heapUsedMb: number; heapTotalMb: number };
  /** V8's heap spaces: in use and reserved. */
  spaces: Record<string, { usedMb: number; sizeMb: number }>;
  /** Resident memory by kind of mapping (Linux /proc/self/smaps), MB: what is not V8's heap shows here. */
  mappings?: Record<string, number>;
}

/**
 * Resident memory by kind of mapping: `[heap]` (malloc's main arena), file-backed (the node
 * binary, ICU data, …), `anon 64M` (anonymous regions in 64 MB-aligned reservations: malloc's
 * thread arenas), `anon` (the rest: V8's heap pages, code, stacks). Linux only; undefined elsewhere.
 */
async function mappings(): Promise<Record<string, number> | undefined> {
  let text: string;
  try {
    text = await readFile('/proc/self/smaps', 'utf8');
  } catch {
    return undefined;
  }
  const kb: Record<string, number> = {};
  let kind = 'anon';
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const [, from, to, name] = head;
      const start = Number.parseInt(from!, 16);
      const size = Number.parseInt(to!, 16) - start;
      if (name === '[heap]') kind = '[heap]';
      else if (name?.startsWith('/')) kind = 'file-backed';
      else if (name) kind = name;
      // glibc's thread arenas: 64 MB reservations aligned to 64 MB (their used part mapped read-write).
      else kind = start % 2 ** 26 === 0 && size <= 2 ** 26 ? 'anon 64M' : 'anon';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kb[kind] = (kb[kind] ?? 0) + Number(rss[1]);
  }
  return Object.fromEntries(Object.entries(kb).map(([k, v]) => [k, Math.round(v / 1000)]));
}

export interface BotReport {
  cpuMs: number;
  rssMb: number;
  /** Milliseconds of every retrieval (the retriever's search), BM25 scoring and bot-state write since the mark. */
  searchMs: number[];
  scoringMs: number[];
  stateWriteMs: number[];
  spans?: string[];
  profile?: string;
  /** The sentence model's worker since the mark (model on only). */
  embeddings?: EmbedderReport;
}

/** The repository: this file is bench/botProcess.ts, or its build dist/bench/bench/botProcess.js (see turns.ts). */
const ROOT = resolve(import.meta.dirname, extname(import.meta.filename) === '.ts' ? '..' : '../../..');
const embeddings = (process.env.BENCH_EMBEDDINGS ?? 'off') as 'off' | 'local';

/** Resolves once the core's retriever has embedded the passages (true) or failed to (false). */
function sentenceModelAttached(): Promise<boolean> {
  return new Promise((resolveAttached) => {
    const proto = HybridRetriever.prototype as unknown as { attach: (...args: unknown[]) => Promise<boolean> };
    const attach = proto.attach;
    proto.attach = async function (this: unknown, ...args: unknown[]) {
      const attached = await attach.apply(this, args);
      resolveAttached(attached);
      return attached;
    };
  });
}
const kind = process.argv[2];
const spans = Boolean(process.env.BENCH_SPANS) && kind === 'full';
const profileDir = process.env.BENCH_CPU_PROF;

async function start(): Promise<{ port: number; close: () => Promise<void> }> {
  if (kind === 'echo') {
    const server = createEchoServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((done) => server.close(() => done())),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'isb-bench-'));
  if (process.env.BENCH_SEED_DIR) await cp(process.env.BENCH_SEED_DIR, dataDir, { recursive: true });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    KNOWLEDGE_DIR: process.env.BENCH_KNOWLEDGE_DIR ?? join(ROOT, 'knowledge'),
    LOG_LEVEL: 'silent',
    EMBEDDINGS: embeddings,
    ...(process.env.BENCH_INDEX_CACHE_DIR ? { KNOWLEDGE_INDEX_CACHE_DIR: process.env.BENCH_INDEX_CACHE_DIR } : {}),
    ...(process.env.BENCH_EMBEDDINGS_CACHE_DIR ? { EMBEDDINGS_CACHE_DIR: process.env.BENCH_EMBEDDINGS_CACHE_DIR } : {}),
  });
  recordCalls();
  watchEmbedder();
  if (spans) instrumentTurns();
  // With the sentence model on, the bot answers lexically until the passages are embedded: the
  // bench waits for that (the model's worker thread counts in this process's CPU).
  const modelReady = embeddings === 'off' ? Promise.resolve(true) : sentenceModelAttached();
  started = performance.now();
  const app = await createApp(
    config,
    createLogger(config.LOG_LEVEL),
    spans ? { recognizer: timedRecognizer(createOfflineRecognizer()) } : {},
  );
  const port = await app.listen();
  listenMs = performance.now() - started;
  if (!(await modelReady)) throw new Error('the sentence model did not load');
  return {
    port,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

if (kind !== 'full' && kind !== 'echo') throw new Error(`usage: botProcess.ts full|echo (got ${kind})`);
let started = performance.now();
/** Creating the app until it listens (with the sentence model on, before the passages are embedded). */
let listenMs = 0;
const bot = await start();
const startMs = performance.now() - started;
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1e6);
// If the benchmark dies, so does the bot, rather than lingering on its port.
process.on('disconnect', () => process.exit(0));
let mark = process.cpuUsage();
process.on('message', async (message: string | { snapshot: string }) => {
  if (message === 'mark') {
    resetSpans();
    takeCalls();
    markEmbedder();
    if (profileDir) await startCpuProfile();
    mark = process.cpuUsage();
    process.send!({ marked: true });
  } else if (message === 'cpu') {
    const used = process.cpuUsage(mark);
    const profile = profileDir ? await stopCpuProfile(profileDir, kind) : undefined;
    const calls = takeCalls();
    const report: BotReport = {
      cpuMs: (used.user + used.system) / 1000,
      rssMb: rssMb(),
      searchMs: calls.search,
      scoringMs: calls.scoring,
      stateWriteMs: calls.stateWrite,
      spans: spans ? reportSpans() : undefined,
      profile,
      embeddings: embedderSinceMark(),
    };
    process.send!(report);
  } else if (message === 'heap' || message === 'memory') {
    // With --expose-gc on the bot's command line (BENCH_NODE_FLAGS): the heap still in use after a
    // full collection, to tell held memory from garbage V8 has not collected yet. The figures
    // before the collection come first (what the process looked like under load).
    const mb = (n: number): number => Math.round(n / 1e6);
    const before = process.memoryUsage();
    // `memory`: the same figures without the collection.
    const collect = message === 'heap' ? (globalThis as { gc?: () => void }).gc : undefined;
    collect?.();
    const memory = process.memoryUsage();
    const spaces = Object.fromEntries(
      getHeapSpaceStatistics().map((s) => [s.space_name, { usedMb: mb(s.space_used_size), sizeMb: mb(s.space_size) }]),
    );
    const report: HeapReport = {
      collected: Boolean(collect),
      rssMb: rssMb(),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      externalMb: mb(memory.external),
      arrayBuffersMb: mb(memory.arrayBuffers),
      before: { rssMb: mb(before.rss), heapUsedMb: mb(before.heapUsed), heapTotalMb: mb(before.heapTotal) },
      spaces,
      mappings: await mappings(),
    };
    process.send!(report);
  } else if (typeof message === 'object' && message !== null && 'snapshot' in message) {
    // BENCH_HEAP_SNAPSHOT (bench/memory.ts): a heap snapshot to compare by constructor
    // (bench/heapDiff.ts). Bench only: the shipped bot has no such hook.
    const file = writeHeapSnapshot((message as { snapshot: string }).snapshot);
    process.send!({ file });
  } else if (message === 'stop') {
    void bot.close().then(() => process.exit(0));
  }
});
process.send!({ port: bot.port, startMs: Math.round(startMs), listenMs: Math.round(listenMs), rssMb: rssMb() });
