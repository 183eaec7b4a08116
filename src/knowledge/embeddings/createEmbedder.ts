/**
 * Chooses the sentence model from the configuration: the one shipped in the npm package, in a worker
 * thread (`EMBEDDINGS=local`), an OpenAI-compatible `/embeddings` endpoint
 * (`EMBEDDINGS=openai`, with OPENAI_API_KEY / OPENAI_BASE_URL), or none (`off`, the default: lexical only).
 * Vectors are cached under EMBEDDINGS_CACHE_DIR (default DATA_DIR/embeddings). A model that fails
 * to load is logged and retrieval runs lexically.
 */
import { join } from 'node:path';
import type { Config } from '../../config.js';
import { CachedEmbedder } from './cachedEmbedder.js';
import { OpenAiEmbedder } from './openAiEmbedder.js';
import { WorkerEmbedder } from './workerEmbedder.js';

export async function createEmbedder(
  config: Config,
  log: { warn: (o: object, msg: string) => void },
): Promise<CachedEmbedder | undefined> {
  const dir = config.EMBEDDINGS_CACHE_DIR ?? join(config.DATA_DIR, 'embeddings');
  try {
    if (config.EMBEDDINGS === 'off') return undefined;
    if (config.EMBEDDINGS === 'openai') {
      if (!config.OPENAI_API_KEY) throw new Error('EMBEDDINGS=openai needs OPENAI_API_KEY');
      const inner = new OpenAiEmbedder({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        model: config.EMBEDDINGS_MODEL,
        timeoutMs: config.OPENAI_TIMEOUT_MS,
      });
      return new CachedEmbedder(inner, dir);
    }
    return new CachedEmbedder(await WorkerEmbedder.start(), dir);
  } catch (err) {
    log.warn({ err, embeddings: config.EMBEDDINGS }, 'sentence model unavailable; answering lexically');
    return undefined;
  }
}
