/** The retrievers the evaluation can measure. */
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import type { RetrieverFactory } from './evaluate.js';

/** Lexical retrieval only (no sentence model). */
export const lexicalRetriever: RetrieverFactory = (passages) => new Bm25KnowledgeIndex(passages);
