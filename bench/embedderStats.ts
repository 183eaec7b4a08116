/**
 * For the bench's bot process: what the sentence model's worker did between a mark and a report —
 * model calls, texts embedded, and embeddings given up at their deadline (questions then answered
 * lexically). The worker is caught as the app starts it.
 */
import type { Embedder } from '../src/domain/knowledge/embedder.js';
import { CachedEmbedder } from '../src/knowledge/embeddings/cachedEmbedder.js';
import { embeddingScope } from '../src/knowledge/embeddings/embeddingBudget.js';
import { WorkerEmbedder, type WorkerEmbedderStats } from '../src/knowledge/embeddings/workerEmbedder.js';

let worker: WorkerEmbedder | undefined;
let mark: WorkerEmbedderStats = { calls: 0, texts: 0, timeouts: 0 };
/** Wall time of every embed() call since the mark, from the call to its vectors (or its give-up). */
let waits: number[] = [];

export interface EmbedderReport extends WorkerEmbedderStats {
  /** p50 / p99 / max of a call's wait (ms): the model's share of a turn's latency. */
  wait?: { p50: number; p99: number; max: number };
}

/**
 * Call before the app starts. Customers' questions skip the in-memory question cache here: the
 * varied workload makes new texts with openings and closings ("hi, …", "… thanks") that the
 * retriever leaves out of what the model reads, so they would come from the cache, and the bench
 * is to measure every question embedded (the passages' vectors still come from the disk cache).
 */
export function watchEmbedder(): void {
  const cachedEmbed = CachedEmbedder.prototype.embed;
  CachedEmbedder.prototype.embed = function (this: CachedEmbedder, texts) {
    return embeddingScope() ? (this as unknown as { inner: Embedder }).inner.embed(texts) : cachedEmbed.call(this, texts);
  };
  const start = WorkerEmbedder.start.bind(WorkerEmbedder);
  WorkerEmbedder.start = async () => {
    worker = await start();
    const embed = worker.embed.bind(worker);
    worker.embed = async (texts) => {
      const at = performance.now();
      try {
        return await embed(texts);
      } finally {
        waits.push(performance.now() - at);
      }
    };
    return worker;
  };
}

export function markEmbedder(): void {
  mark = { ...(worker?.stats ?? mark) };
  waits = [];
}

/** Undefined when the model is off. */
export function embedderSinceMark(): EmbedderReport | undefined {
  if (!worker) return undefined;
  const s = worker.stats;
  const sorted = [...waits].sort((a, b) => a - b);
  const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
  return {
    calls: s.calls - mark.calls,
    texts: s.texts - mark.texts,
    timeouts: s.timeouts - mark.timeouts,
    wait: sorted.length > 0 ? { p50: at(0.5), p99: at(0.99), max: at(1) } : undefined,
  };
}
