/**
 * For the bench's bot process: what the sentence model's worker did between a mark and a report —
 * model calls, texts embedded, and embeddings given up at their deadline (questions then answered
 * lexically). The worker is caught as the app starts it.
 */
import { WorkerEmbedder, type WorkerEmbedderStats } from '../src/knowledge/embeddings/workerEmbedder.js';

let worker: WorkerEmbedder | undefined;
let mark: WorkerEmbedderStats = { calls: 0, texts: 0, timeouts: 0 };

/** Call before the app starts. */
export function watchEmbedder(): void {
  const start = WorkerEmbedder.start.bind(WorkerEmbedder);
  WorkerEmbedder.start = async () => (worker = await start());
}

export function markEmbedder(): void {
  mark = { ...(worker?.stats ?? mark) };
}

/** Undefined when the model is off. */
export function embedderSinceMark(): WorkerEmbedderStats | undefined {
  if (!worker) return undefined;
  const s = worker.stats;
  return { calls: s.calls - mark.calls, texts: s.texts - mark.texts, timeouts: s.timeouts - mark.timeouts };
}
