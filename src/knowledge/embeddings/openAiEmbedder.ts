/**
 * An OpenAI-compatible `/embeddings` endpoint behind the Embedder port (OpenAI, or a local model
 * server such as Ollama or llama.cpp at OPENAI_BASE_URL). Vectors are scaled to unit length.
 * Note: the fitted refusal model was calibrated on the shipped sentence model's cosines; another
 * model's cosines sit on another scale, so re-run the tuner (test/eval/tune.ts) before relying on it.
 */
import OpenAI from 'openai';
import { unit, type Embedder } from '../../domain/knowledge/embedder.js';
import { EmbedderError } from './embedderError.js';

export interface OpenAiEmbedderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

export class OpenAiEmbedder implements Embedder {
  readonly id: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiEmbedderOptions) {
    this.id = `openai:${options.baseURL ?? 'api.openai.com'}:${options.model}`;
    this.client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: options.timeoutMs, maxRetries: 1 });
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    try {
      const res = await this.client.embeddings.create({ model: this.options.model, input: [...texts] });
      const rows = [...res.data].sort((a, b) => a.index - b.index);
      if (rows.length !== texts.length) throw new Error(`expected ${texts.length} vectors, got ${rows.length}`);
      return rows.map((r) => unit(r.embedding));
    } catch (cause) {
      throw new EmbedderError('the embeddings endpoint failed', { cause });
    }
  }

  async close(): Promise<void> {}
}
