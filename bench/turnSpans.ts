/**
 * Where a full-bot turn's time goes, for `BENCH_SPANS=1`: wraps the methods a turn passes through
 * (by patching prototypes in the bot's process, so src/ stays untouched) and sums their wall time
 * and call counts. Spans nest — `bot.run` contains state, recognition, retrieval and sends — and
 * transcript writes run beside the turn, not inside it. Also able to take a V8 CPU profile of just
 * the measured window (`BENCH_CPU_PROF=<dir>`).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { CloudAdapter, TurnContext } from 'botbuilder';
import { BotStateStorage } from '../src/bot/botStateStorage.js';
import { SalesBot } from '../src/bot/salesBot.js';
import { Bm25KnowledgeIndex } from '../src/knowledge/bm25KnowledgeIndex.js';
import { HybridRetriever } from '../src/knowledge/hybridRetriever.js';
import { DurableFileAdapter } from '../src/stores/lowdb/DurableFileAdapter.js';
import { LowdbCollection } from '../src/stores/lowdb/LowdbCollection.js';
import { LowdbStateStore } from '../src/stores/lowdb/LowdbStateStore.js';
import { SegmentTranscriptStore } from '../src/stores/lowdb/SegmentTranscriptStore.js';
import type { Recognizer } from '../src/domain/understanding/types.js';

type Totals = Map<string, { ms: number; calls: number }>;
const totals: Totals = new Map();

function add(name: string, ms: number): void {
  const t = totals.get(name) ?? { ms: 0, calls: 0 };
  t.ms += ms;
  t.calls++;
  totals.set(name, t);
}

async function timed<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    add(name, performance.now() - start);
  }
}

function wrap(proto: object, method: string, name: string): void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    return timed(name, () => original.apply(this, args));
  };
}

function wrapSync(proto: object, method: string, name: string): void {
  const target = proto as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method]!;
  target[method] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      add(name, performance.now() - start);
    }
  };
}

export function instrumentTurns(): void {
  wrap(CloudAdapter.prototype, 'process', TURN);
  wrap(SalesBot.prototype, 'run', 'bot.run (dialogs + state load/save + replies)');
  wrap(BotStateStorage.prototype, 'read', 'state read');
  wrap(BotStateStorage.prototype, 'write', 'state write (awaited, durable)');
  wrap(TurnContext.prototype, 'sendActivities', 'send replies (POST to channel)');
  wrapSync(Bm25KnowledgeIndex.prototype, 'search', 'retrieval search');
  wrap(SegmentTranscriptStore.prototype, 'append', 'transcript append (beside the turn)');
  wrap(LowdbCollection.prototype, 'update', 'collection update (conversation record, beside the turn)');
  wrap(LowdbStateStore.prototype, 'write', 'lowdb state write');
  wrap(DurableFileAdapter.prototype, 'write', 'durable file write (stringify + write + fsync + rename + dir fsync)');
}

export function timedRecognizer(recognizer: Recognizer): Recognizer {
  return { recognize: (text, context) => timed('recognize (intent + entities)', () => recognizer.recognize(text, context)) };
}

export function resetSpans(): void {
  totals.clear();
}

const TURN = 'adapter.process (whole turn after HTTP parsing)';

/** Lines of "name: ms per turn, calls per turn, ms per call"; turns are calls of the adapter. */
export function reportSpans(): string[] {
  const turns = totals.get(TURN)?.calls ?? 1;
  return [...totals].map(
    ([name, t]) =>
      `${name}: ${(t.ms / turns).toFixed(2)} ms/turn, ${(t.calls / turns).toFixed(2)} calls/turn, ${(t.ms / t.calls).toFixed(2)} ms/call`,
  );
}

let session: Session | undefined;

export async function startCpuProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}

export async function stopCpuProfile(dir: string, label: string): Promise<string> {
  const { profile } = await session!.post('Profiler.stop');
  const file = join(dir, `${label}-${Date.now()}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  session!.disconnect();
  return file;
}

/** Every retrieval, BM25 scoring and bot-state write since the last take, milliseconds each. */
const calls = { search: [] as number[], scoring: [] as number[], stateWrite: [] as number[] };

/**
 * Times every retrieval (the retriever's search of a question: BM25 and the rest of it), every BM25
 * scoring within it, and every bot-state write (a turn's awaited, durable write).
 */
export function recordCalls(): void {
  const index = Bm25KnowledgeIndex.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['search', 'ranked']) {
    const original = index[method]!;
    index[method] = function (this: unknown, ...args: unknown[]) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        calls.scoring.push(performance.now() - start);
      }
    };
  }
  const retriever = HybridRetriever.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const search = retriever.search!;
  retriever.search = async function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return await search.apply(this, args);
    } finally {
      calls.search.push(performance.now() - start);
    }
  };
  const storage = BotStateStorage.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const write = storage.write!;
  storage.write = async function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return await write.apply(this, args);
    } finally {
      calls.stateWrite.push(performance.now() - start);
    }
  };
}

export function takeCalls(): { search: number[]; scoring: number[]; stateWrite: number[] } {
  const taken = { ...calls };
  calls.search = [];
  calls.scoring = [];
  calls.stateWrite = [];
  return taken;
}
