/**
 * Who is waiting for an embedding, carried with AsyncLocalStorage from the caller to the embedders:
 *
 * - a customer's turn (`withEmbeddingBudget`, set up by the composition root around every turn):
 *   its embeddings share EMBEDDINGS_TIMEOUT_MS, so a slow, busy or absent model costs a conversation
 *   at most that once and the question is answered lexically; they go to the model first, and are
 *   kept in memory only;
 * - staff-side work (`inBackground`, e.g. the knowledge-gaps report grouping customers' questions):
 *   a deadline of its own, behind customers' questions, kept in memory only;
 * - anything else (the passages at start, the eval): no deadline, behind customers' questions, and
 *   kept on disk (cachedEmbedder.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface EmbeddingScope {
  /** When the embeddings must be done (performance.now() time). */
  endsAt: number;
  /** A customer waits: ahead of other work. */
  urgent: boolean;
}

const scope = new AsyncLocalStorage<EmbeddingScope>();

/** Runs `fn` (a customer's turn) with `ms` milliseconds for all its embeddings. */
export const withEmbeddingBudget = <T>(ms: number, fn: () => T): T =>
  scope.run({ endsAt: performance.now() + ms, urgent: true }, fn);

/** Runs `fn` (staff-side work on customers' texts) with `ms` milliseconds, behind customers' questions. */
export const inBackground = <T>(ms: number, fn: () => T): T => scope.run({ endsAt: performance.now() + ms, urgent: false }, fn);

/** The current caller's scope; undefined for work kept on disk (passages). */
export const embeddingScope = (): EmbeddingScope | undefined => scope.getStore();
