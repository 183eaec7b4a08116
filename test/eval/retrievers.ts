/** The retrievers the evaluation can measure. */
import { resolve } from 'node:path';
import type { Embedder } from '../../src/domain/knowledge/embedder.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { CachedEmbedder } from '../../src/knowledge/embeddings/cachedEmbedder.js';
import { WorkerEmbedder } from '../../src/knowledge/embeddings/workerEmbedder.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import type { RetrievalModel } from '../../src/knowledge/refusalModel.js';
import type { RetrieverFactory } from './evaluate.js';
import { ROOT } from './evalSets.js';

/** The raw lexical index (its own confidence, no refusal model): the baseline. */
export const lexicalRetriever: RetrieverFactory = (passages, lexicon) => new Bm25KnowledgeIndex(passages, { lexicon });

const general = GeneralEnglish.load();

/**
 * What the bot runs: hybrid retrieval with the refusal model; lexical only without an embedder.
 * AGREE_RULE=0 measures it without the agreement rule (HybridOptions.lexicalAgreement).
 */
export function hybridRetriever(embedder?: Embedder, model?: RetrievalModel): RetrieverFactory {
  const lexicalAgreement =
    process.env.AGREE_RULE === '0'
      ? false
      : process.env.AGREE_LEXICAL
        ? { lexicalSure: Number(process.env.AGREE_LEXICAL), denseNotAgainst: Number(process.env.AGREE_DENSE ?? 0.4) }
        : true;
  return (passages, lexicon) =>
    HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), { embedder, general, model, lexicalAgreement });
}

/** The sentence model in its worker, with vectors cached under data/embeddings (as the bot does). */
export async function evalEmbedder(): Promise<CachedEmbedder> {
  return new CachedEmbedder(await WorkerEmbedder.start(), resolve(ROOT, 'data/embeddings'));
}
