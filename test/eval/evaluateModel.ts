/**
 * The model path of the evaluation, side by side with the offline one: the same questions answered
 * through the GroundedAnswerer (retrieval → model → fact check → offline fallback). Counts answer
 * correctness (the expected passage among the cited ones), refusal on unanswerable questions, model
 * answers the fact check caught inventing a fact, and invented facts that reached the customer
 * (by construction zero: anything unsupported falls back to the extractive answer).
 */
import { answerFromRetriever } from '../../src/domain/knowledge/answer.js';
import { GeneralEnglish } from '../../src/knowledge/generalEnglish.js';
import { HybridRetriever } from '../../src/knowledge/hybridRetriever.js';
import type { ComposedAnswer } from '../../src/domain/knowledge/answerComposer.js';
import { Bm25KnowledgeIndex } from '../../src/knowledge/bm25KnowledgeIndex.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import { unsupportedFacts } from '../../src/llm/factCheck.js';
import { GroundedAnswerer, sourceText } from '../../src/llm/groundedAnswerer.js';
import type { LlmClient } from '../../src/llm/openAiClient.js';
import type { EvalSet } from './evalSets.js';

export interface ModelEvalResult {
  name: string;
  accuracy: number;
  refusal: number;
  /** Answers worded by the model (the rest fell back or were refusals). */
  modelWorded: number;
  /** Model answers rejected because a price, number, date, product or promise was not in a cited passage. */
  inventedCaught: number;
  /** Shown answers with a fact not in their cited passages. */
  inventedShown: number;
  /** Why the offline answer was used, by reason. */
  fallbacks: Record<string, number>;
  questions: number;
}

const silent = { info: () => undefined, warn: () => undefined };

export async function evaluateModelSet(
  set: EvalSet,
  minConfidence: number,
  client: LlmClient,
  options: { concurrency?: number } = {},
): Promise<ModelEvalResult> {
  const { passages, business, lexicon } = await loadKnowledge(set.knowledgeDir);
  const retriever = await HybridRetriever.create(new Bm25KnowledgeIndex(passages, { lexicon }), {
    general: GeneralEnglish.load(),
  });
  const productNames = business.products.flatMap((p) => [p.name, ...p.aliases]);
  const answerer = new GroundedAnswerer({ client, productNames, businessName: business.name, log: silent });
  const fit = { maxChars: 600, markdown: true };
  const ask = async (question: string): Promise<ComposedAnswer> =>
    answerer.compose({
      question,
      offline: await answerFromRetriever(retriever, question, { minConfidence }),
      minConfidence,
      fit,
    });

  const answerable = await mapLimited(set.answerable, options.concurrency ?? 4, (item) => ask(item.q));
  const unanswerable = await mapLimited(set.unanswerable, options.concurrency ?? 4, (q) => ask(q));
  const all = [...answerable, ...unanswerable];
  const fallbacks: Record<string, number> = {};
  for (const a of all) if (a.fallback) fallbacks[a.fallback] = (fallbacks[a.fallback] ?? 0) + 1;
  const correct = answerable.filter((a, i) => a.kind === 'answer' && a.sources.some((s) => s.id === set.answerable[i]!.passage));
  return {
    name: set.name,
    accuracy: correct.length / set.answerable.length,
    refusal: unanswerable.filter((a) => a.kind === 'unknown').length / set.unanswerable.length,
    modelWorded: all.filter((a) => a.kind === 'answer' && a.by === 'model').length,
    inventedCaught: fallbacks.unverified ?? 0,
    inventedShown: all.filter(
      (a) =>
        a.kind === 'answer' && a.by === 'model' && unsupportedFacts(a.text, a.sources.map(sourceText), productNames).length > 0,
    ).length,
    fallbacks,
    questions: all.length,
  };
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
