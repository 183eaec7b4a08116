/**
 * The port of a sentence model: texts in, one unit-length vector per text out, so that a dot product
 * is the cosine. Adapters: the Universal Sentence Encoder shipped in an npm package, run in a worker
 * thread (src/knowledge/embeddings/workerEmbedder.ts), and an OpenAI-compatible `/embeddings`
 * endpoint (openAiEmbedder.ts).
 */
export interface Embedder {
  /** Names the model and its version: cached vectors are only reused under the same id. */
  readonly id: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Frees the model (ends a worker thread). */
  close(): Promise<void>;
}

/** Dot product of two unit vectors: their cosine. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The vector scaled to unit length (a zero vector stays zero). */
export function unit(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const out = Float32Array.from(v);
  if (n > 0) {
    const k = 1 / Math.sqrt(n);
    for (let i = 0; i < out.length; i++) out[i]! *= k;
  }
  return out;
}
