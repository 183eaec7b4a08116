/**
 * The sentence encoder behind the Embedder port, in a worker thread. Requests are queued in the
 * worker and answered in order; a failure of the worker rejects what is pending with an
 * EmbedderError, and the caller answers lexically instead.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Embedder } from '../../domain/knowledge/embedder.js';
import { EmbedderError } from './embedderError.js';
import { SENTENCE_ENCODER_ID } from './sentenceEncoder.js';

type Reply = { id: number; vectors?: Float32Array[]; error?: string } | { ready: boolean; error?: string };

export class WorkerEmbedder implements Embedder {
  readonly id = SENTENCE_ENCODER_ID;
  private readonly pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (!('id' in reply)) return;
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.error !== undefined) p?.reject(new EmbedderError('embedding failed', { cause: reply.error }));
      else p?.resolve(reply.vectors ?? []);
    });
    const fail = (cause: unknown): void => {
      this.failure = new EmbedderError('the embedding worker stopped', { cause });
      for (const p of this.pending.values()) p.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(`exit ${code}`));
    // Idle, the worker does not keep the process alive; a pending request does.
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
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, texts: [...texts] });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
