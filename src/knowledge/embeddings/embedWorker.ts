/**
 * The worker thread that runs the sentence encoder (TensorFlow.js WebAssembly, one thread: the
 * multithreaded build needs web workers Node does not have), so that embedding (4–15 ms of CPU a
 * text) never holds up the event loop other conversations are served on. Messages: `{ id, texts }` in — one batch,
 * one model call — and `{ id, vectors }` out, `vectors` one Float32Array of texts.length × 512 unit
 * rows, transferred (not copied, not JSON); `{ id, error }` when it fails; `{ ready }` once the model
 * is loaded. workerEmbedder.ts sends one batch at a time.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { loadSentenceEncoder } from './sentenceEncoder.js';

const port = parentPort;
if (!port) throw new Error('embedWorker must run in a worker thread');

/**
 * The model runs at a lower priority than the event loop (nice 10 on Linux, where a thread has its
 * own): when both want the same core, the turns of other conversations go first, and questions that
 * then wait too long are answered lexically (see workerEmbedder.ts). Elsewhere it runs as is.
 */
function lowerPriority(): void {
  try {
    const tid = Number(/\/task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'))?.[1]);
    if (tid) setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: the same priority as the event loop.
  }
}
lowerPriority();

try {
  const encoder = await loadSentenceEncoder();
  // The first call compiles the model's kernels (several times a later call): done here, before the
  // first customer's question.
  await encoder.embed(['warm up']);
  await encoder.embed(['warm up again', 'and once more, as a batch']);
  port.postMessage({ ready: true });
  port.on('message', (msg: { id: number; texts: string[] }) => {
    encoder.embed(msg.texts).then(
      (vectors) => port.postMessage({ id: msg.id, vectors }, [vectors.buffer as ArrayBuffer]),
      (err: unknown) => port.postMessage({ id: msg.id, error: String(err) }),
    );
  });
} catch (err) {
  port.postMessage({ ready: false, error: String(err) });
}
