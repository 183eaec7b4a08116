/**
 * The sentence encoder behind the Embedder port, in a worker thread, so the event loop other
 * conversations are served on never runs the model.
 *
 * The worker gets one batch at a time, and what queues while it is busy goes as the next batch —
 * one model call for many texts, which on this machine costs ~4 ms of CPU a text against ~12 ms for
 * a text alone. Customers' questions (an embedding asked for inside a turn: embeddingBudget.ts) go
 * first, up to URGENT_BATCH texts a call; other work (the passages at start, the staff side) goes in
 * calls of BULK_BATCH texts when no question waits, so a question waits behind one small call at
 * most. An embedding still waiting at its deadline (a turn's budget, or the staff side's) is taken
 * out of the queue and rejected with an EmbedderError — a question at once when, by the worker's
 * recent pace (running means of a call's wall time), the queue ahead of it will not clear within its
 * budget: the caller answers lexically, and the worker does not spend time on a text nobody waits
 * for. Vectors come back as one transferred Float32Array per batch; each text's vector is a view of
 * it (no copy on the main thread). A failure of the worker rejects whatever is pending.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../../domain/knowledge/embedder.js';
import { embeddingScope } from './embeddingBudget.js';
import { EmbedderError } from './embedderError.js';

/**
 * The model's id (sentenceEncoder.ts, loaded in the worker only): kept here so that the main thread
 * does not import TensorFlow.js and the model package (with the sentence model off, not at all).
 */
const SENTENCE_ENCODER_ID = 'use-lite-512@energetic-ai-0.2';

/** Most questions in one model call (measured: the cost per text stops falling at about 16). */
const URGENT_BATCH = 16;
/** Texts of one call for work without a deadline (~40 ms of model time on this machine). */
const BULK_BATCH = 8;

type Reply = { id: number; vectors?: Float32Array; error?: string } | { ready: boolean; error?: string };

interface Request {
  vectors: Float32Array[];
  missing: number;
  done: boolean;
  resolve: (vectors: Float32Array[]) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

/** Some consecutive texts of one request. */
interface Chunk {
  request: Request;
  offset: number;
  texts: string[];
}

/** What the worker has done so far (for the bench and the logs). */
export interface WorkerEmbedderStats {
  /** Model calls, and the texts they embedded. */
  calls: number;
  texts: number;
  /** Questions that were not embedded by their deadline (answered lexically). */
  timeouts: number;
}

export class WorkerEmbedder implements Embedder {
  readonly id = SENTENCE_ENCODER_ID;
  private readonly urgent: Chunk[] = [];
  private readonly bulk: Chunk[] = [];
  private inFlight: { id: number; chunks: Chunk[]; urgent: boolean; sentAt: number } | undefined;
  /** Running means of a model call's wall time, questions and background apart (ms). */
  private readonly callMs = { urgent: 15, bulk: 40 };
  private next = 0;
  private failure: Error | undefined;
  readonly stats: WorkerEmbedderStats = { calls: 0, texts: 0, timeouts: 0 };

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (!('id' in reply) || reply.id !== this.inFlight?.id) return;
      const { chunks, urgent, sentAt } = this.inFlight;
      this.inFlight = undefined;
      const kind = urgent ? 'urgent' : 'bulk';
      this.callMs[kind] += 0.2 * (performance.now() - sentAt - this.callMs[kind]);
      if (reply.error !== undefined || !reply.vectors) {
        const error = new EmbedderError('embedding failed', { cause: reply.error });
        for (const c of chunks) settle(c.request, error);
      } else this.deliver(chunks, reply.vectors);
      this.pump();
    });
    const fail = (cause: unknown): void => {
      this.failure = new EmbedderError('the embedding worker stopped', { cause });
      for (const c of [...(this.inFlight?.chunks ?? []), ...this.urgent, ...this.bulk]) settle(c.request, this.failure);
      this.inFlight = undefined;
      this.urgent.length = 0;
      this.bulk.length = 0;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(`exit ${code}`));
    // Idle, the worker does not keep the process alive; pending work does.
    worker.unref();
  }

  /** Starts the worker and resolves once the model is loaded. */
  static async start(): Promise<WorkerEmbedder> {
    const here = fileURLToPath(import.meta.url);
    const ts = here.endsWith('.ts');
    const file = here.replace(/workerEmbedder\.(ts|js)$/, `embedWorker.${ts ? 'ts' : 'js'}`);
    // From sources (tsx, vitest) the worker needs the TypeScript loader; the build runs plain .js.
    const worker = new Worker(file, { execArgv: ts ? ['--import', 'tsx'] : [] });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: Reply): void => {
        if ('id' in reply) return;
        worker.off('message', onMessage);
        if (reply.ready) resolve();
        else reject(new EmbedderError('the sentence model did not load', { cause: reply.error }));
      };
      worker.on('message', onMessage);
      worker.once('error', (cause) => reject(new EmbedderError('the embedding worker failed', { cause })));
    });
    return new WorkerEmbedder(worker);
  }

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (texts.length === 0) return Promise.resolve([]);
    const scope = embeddingScope();
    const wait = scope && scope.endsAt - performance.now();
    // A question that cannot be embedded within its budget, by the worker's recent pace, is given up
    // at once: the turn answers lexically now rather than at its deadline.
    if (wait !== undefined && (wait <= 0 || (scope?.urgent && this.expectedWait(texts.length) > wait)))
      return Promise.reject(this.timedOut());
    return new Promise((resolve, reject) => {
      const request: Request = {
        vectors: new Array<Float32Array>(texts.length),
        missing: texts.length,
        done: false,
        resolve,
        reject,
      };
      const [queue, size] = scope?.urgent ? [this.urgent, URGENT_BATCH] : [this.bulk, BULK_BATCH];
      for (let i = 0; i < texts.length; i += size) queue.push({ request, offset: i, texts: texts.slice(i, i + size) });
      if (wait !== undefined) request.timer = setTimeout(() => settle(request, this.timedOut()), wait);
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private timedOut(): EmbedderError {
    this.stats.timeouts++;
    return new EmbedderError('the sentence model did not answer in time (EMBEDDINGS_TIMEOUT_MS in a turn)');
  }

  /**
   * How long `n` more question texts would take, by the recent pace: the call in the worker, then the
   * queue's. 0 when the worker is idle: the text goes at once (and its call keeps the pace current).
   */
  private expectedWait(n: number): number {
    if (!this.inFlight) return 0;
    const now = performance.now();
    const current = Math.max(0, this.callMs[this.inFlight.urgent ? 'urgent' : 'bulk'] - (now - this.inFlight.sentAt));
    let queued = n;
    for (const c of this.urgent) if (!c.request.done) queued += c.texts.length;
    return current + Math.ceil(queued / URGENT_BATCH) * this.callMs.urgent;
  }

  /** Sends the next batch when the worker is free: waiting questions first, else one bulk call. */
  private pump(): void {
    if (this.inFlight || this.failure) return;
    const chunks: Chunk[] = [];
    let count = 0;
    const live = (queue: Chunk[]): Chunk | undefined => {
      while (queue[0]?.request.done) queue.shift();
      return queue[0];
    };
    for (let c = live(this.urgent); c && (count === 0 || count + c.texts.length <= URGENT_BATCH); c = live(this.urgent)) {
      chunks.push(this.urgent.shift()!);
      count += c.texts.length;
    }
    const bulk = chunks.length === 0 ? live(this.bulk) : undefined;
    if (bulk) {
      chunks.push(this.bulk.shift()!);
      count = bulk.texts.length;
    }
    if (chunks.length === 0) {
      this.worker.unref();
      return;
    }
    const id = this.next++;
    this.inFlight = { id, chunks, urgent: !bulk, sentAt: performance.now() };
    this.stats.calls++;
    this.stats.texts += count;
    this.worker.ref();
    this.worker.postMessage({ id, texts: chunks.flatMap((c) => c.texts) });
  }

  /** Hands each request its rows of the batch's vectors (views, not copies). */
  private deliver(chunks: readonly Chunk[], vectors: Float32Array): void {
    const count = chunks.reduce((n, c) => n + c.texts.length, 0);
    const dims = vectors.length / count;
    let row = 0;
    for (const { request, offset, texts } of chunks) {
      for (let j = 0; j < texts.length; j++, row++) request.vectors[offset + j] = vectors.subarray(row * dims, (row + 1) * dims);
      request.missing -= texts.length;
      if (request.missing === 0) settle(request);
    }
  }
}

/** Resolves (no error) or rejects a request once; its chunks still queued are then skipped. */
function settle(request: Request, error?: Error): void {
  if (request.done) return;
  request.done = true;
  clearTimeout(request.timer);
  if (error) request.reject(error);
  else request.resolve(request.vectors);
}
