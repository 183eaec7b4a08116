/**
 * The worker thread that runs the sentence encoder, so that embedding (15–40 ms of CPU a question)
 * never holds up the event loop other conversations are served on. Messages: `{ id, texts }` in,
 * `{ id, vectors }` or `{ id, error }` out; `{ ready }` once the model is loaded.
 */
import { parentPort } from 'node:worker_threads';
import { loadSentenceEncoder } from './sentenceEncoder.js';

const port = parentPort;
if (!port) throw new Error('embedWorker must run in a worker thread');

try {
  const encoder = await loadSentenceEncoder();
  port.postMessage({ ready: true });
  port.on('message', (msg: { id: number; texts: string[] }) => {
    encoder.embed(msg.texts).then(
      (vectors) =>
        port.postMessage(
          { id: msg.id, vectors },
          vectors.map((v) => v.buffer as ArrayBuffer),
        ),
      (err: unknown) => port.postMessage({ id: msg.id, error: String(err) }),
    );
  });
} catch (err) {
  port.postMessage({ ready: false, error: String(err) });
}
