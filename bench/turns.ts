/**
 * Processes of the turn benchmark: bots (bench/botProcess.ts) and the load generator
 * (bench/loadProcess.ts), each in its own process, pinned with `taskset` when the machine has it and
 * at least two cores — the load generator on the last core, the bots on the others — so the load
 * does not take the bots' CPU. Every figure of a bot's cost is its own process's CPU time, reported
 * by that process, so other work on a shared machine does not count against it.
 *
 * The processes run compiled JavaScript, as `npm start` runs the bot (`node dist/src/main.js`), not
 * TypeScript transpiled at run time: from sources (tsx), the bench first builds bench/ and what it
 * imports (src/, dialogs/, test support) with `tsconfig.bench.json` into `dist/bench/`, once per
 * process. BENCH_TSX=1 runs them under tsx instead (as before; for comparison). BENCH_NODE_FLAGS
 * (e.g. `--max-semi-space-size=16`) is passed to the bots' node command line.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { BotReport, HeapReport } from './botProcess.js';
import type { RunReport, RunRequest } from './loadProcess.js';
import type { WorkloadName } from './workloads.js';

export interface RunSettings {
  conversations: number;
  concurrency: number;
  /** Length of one run, milliseconds. */
  maxMs: number;
}

/** One measured run of one bot on one workload. */
export interface Run extends Omit<BotReport, 'cpuMs'> {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  unanswered: number;
  finished: number;
  done: number;
  misses: string[];
  /** The bot process's CPU per turn (user + system, its own process only), milliseconds. */
  cpuMsPerTurn: number;
  /** The load generator's CPU per turn, milliseconds. */
  loadCpuMsPerTurn: number;
}

/** Where processes go: the CPU lists for `taskset`, or undefined when not pinning. */
export interface Placement {
  bots?: string;
  load?: string;
  description: string;
}

export function placement(): Placement {
  const cores = availableParallelism();
  let taskset = false;
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    taskset = true;
  } catch {
    taskset = false;
  }
  if (!taskset || cores < 2 || process.env.BENCH_NO_PIN)
    return { description: `not pinned (${taskset ? `${cores} core` : 'no taskset'}); each process's own CPU is measured` };
  const bots = cores === 2 ? '0' : `0-${cores - 2}`;
  const load = String(cores - 1);
  return { bots, load, description: `pinned with taskset: bots on CPU ${bots}, load generator on CPU ${load}` };
}

interface Child {
  child: ChildProcess;
  next(): Promise<unknown>;
  request(message: unknown): Promise<unknown>;
}

const fromSources = extname(import.meta.filename) === '.ts';
const underTsx = fromSources && Boolean(process.env.BENCH_TSX);
let built = false;

/** The compiled script beside this one (built into dist/bench first when running from sources), or the source under tsx. */
function scriptPath(name: string): string {
  if (!fromSources) return resolve(import.meta.dirname, name.replace(/\.ts$/, '.js'));
  if (underTsx) return resolve(import.meta.dirname, name);
  const root = resolve(import.meta.dirname, '..');
  if (!built) {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.bench.json')], { stdio: 'inherit' });
    built = true;
  }
  return join(root, 'dist/bench/bench', name.replace(/\.ts$/, '.js'));
}

/** V8 flags for the bots (BENCH_NODE_FLAGS, space-separated). */
const botNodeFlags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);

function start(
  script: string,
  args: string[],
  env: Record<string, string | undefined>,
  cpus: string | undefined,
  flags: string[] = [],
): Child {
  const child = fork(scriptPath(script), args, {
    execArgv: [...(underTsx ? ['--import', 'tsx'] : []), '--no-deprecation', ...flags],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
  });
  // -a: every thread of the process, the ones it starts later included (they inherit it).
  if (cpus && child.pid) execFileSync('taskset', ['-a', '-p', '-c', cpus, String(child.pid)], { stdio: 'ignore' });
  const next = (): Promise<unknown> =>
    new Promise((resolveMessage, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message) => {
        child.off('exit', onExit);
        resolveMessage(message);
      });
    });
  return {
    child,
    next,
    request(message) {
      const reply = next();
      child.send(message as object);
      return reply;
    },
  };
}

function stopChild(child: ChildProcess, message: unknown): Promise<void> {
  return new Promise<void>((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.send(message as object);
  });
}

export interface LoadGenerator {
  run(request: RunRequest): Promise<RunReport>;
  stop(): Promise<void>;
}

export async function startLoad(where: Placement): Promise<LoadGenerator> {
  const load = start('loadProcess.ts', [], {}, where.load);
  await load.next();
  return {
    run: (request) => load.request({ run: request }) as Promise<RunReport>,
    stop: () => stopChild(load.child, { stop: true }),
  };
}

export interface Bot {
  kind: 'full' | 'echo';
  url: string;
  /** Creating the app until it is ready (with the sentence model: until the passages are embedded), milliseconds (0 for the echo bot). */
  startMs: number;
  /** Creating the app until it listens, milliseconds (0 for the echo bot). */
  listenMs: number;
  rssMb: number;
  measure(load: LoadGenerator, workload: WorkloadName, settings: RunSettings): Promise<Run>;
  /** Starts a measurement of the bot's own figures, for load driven from elsewhere; `report` ends it. */
  mark(): Promise<void>;
  report(): Promise<BotReport>;
  /** RSS and heap in use, after a full GC when the bot runs with `--expose-gc` (`collected`). */
  heap(options?: { collect?: boolean }): Promise<HeapReport>;
  /** Writes a heap snapshot to `file` (bench/memory.ts); resolves with the file written. */
  snapshot(file: string): Promise<string>;
  stop(): Promise<void>;
}

export interface BotOptions {
  /** A store to start from (copied): a grown store. */
  seedDir?: string;
  knowledgeDir?: string;
  /** Where the bot keeps its persisted lexical index (default: in its own fresh DATA_DIR, so cold). */
  indexCacheDir?: string;
  /** The sentence model: off (default) or the local one. */
  embeddings?: 'off' | 'local';
  /** Where the bot keeps its passage vectors (default: in its own fresh DATA_DIR, so cold). */
  embeddingsCacheDir?: string;
  /** V8 flags on the bot's node command line (default BENCH_NODE_FLAGS). */
  nodeFlags?: string[];
  /** More environment for the bot's process (e.g. MALLOC_ARENA_MAX). */
  env?: Record<string, string>;
}

export async function startBot(kind: 'full' | 'echo', where: Placement, options: BotOptions = {}): Promise<Bot> {
  const bot = start(
    'botProcess.ts',
    [kind],
    {
      BENCH_SEED_DIR: options.seedDir,
      BENCH_KNOWLEDGE_DIR: options.knowledgeDir,
      BENCH_EMBEDDINGS: options.embeddings,
      BENCH_INDEX_CACHE_DIR: options.indexCacheDir,
      BENCH_EMBEDDINGS_CACHE_DIR: options.embeddingsCacheDir,
      ...options.env,
    },
    where.bots,
    options.nodeFlags ?? botNodeFlags,
  );
  const hello = (await bot.next()) as { port: number; startMs: number; listenMs: number; rssMb: number };
  const url = `http://127.0.0.1:${hello.port}`;
  return {
    kind,
    url,
    startMs: kind === 'echo' ? 0 : hello.startMs,
    listenMs: kind === 'echo' ? 0 : hello.listenMs,
    rssMb: hello.rssMb,
    async measure(load, workload, settings) {
      await bot.request('mark');
      const report = await load.run({ url, workload, ...settings, turns: Number.MAX_SAFE_INTEGER, checkDone: kind === 'full' });
      const own = (await bot.request('cpu')) as BotReport;
      const { result } = report;
      const turns = Math.max(1, result.turns);
      return {
        turns: result.turns,
        seconds: result.seconds,
        turnsPerSecond: result.turnsPerSecond,
        p50: result.p50,
        p99: result.p99,
        errors: result.errors,
        unanswered: report.unanswered,
        finished: report.finished,
        done: report.done,
        misses: report.misses,
        cpuMsPerTurn: own.cpuMs / turns,
        loadCpuMsPerTurn: report.cpuMs / turns,
        rssMb: own.rssMb,
        searchMs: own.searchMs,
        scoringMs: own.scoringMs,
        stateWriteMs: own.stateWriteMs,
        embeddings: own.embeddings,
        spans: own.spans,
        profile: own.profile,
      };
    },
    mark: async () => void (await bot.request('mark')),
    report: async () => (await bot.request('cpu')) as BotReport,
    heap: async (options) => (await bot.request(options?.collect === false ? 'memory' : 'heap')) as HeapReport,
    snapshot: async (file) => ((await bot.request({ snapshot: file })) as { file: string }).file,
    stop: () => stopChild(bot.child, 'stop'),
  };
}
