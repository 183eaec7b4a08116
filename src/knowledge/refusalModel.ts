/**
 * Whether to answer, as one calibrated probability: a logistic model over the retrieval signals of
 * the best passage (fused score, sentence-model cosines, lexical coverage, margin to the runner-up,
 * the out-of-scope word signal). Its numbers were fitted on the dev split of the evaluation sets by
 * `npx tsx test/eval/tune.ts` and are pasted here; ANSWER_MIN_CONFIDENCE is the threshold on its output.
 */
import { FITTED } from './refusalModel.fitted.js';
import { TUNED_MIN_CONFIDENCE } from './retrievalTuning.js';

export { SIGNAL_NAMES, type LogisticModel, type RetrievalModel, type Signals } from './retrievalModel.js';
import { SIGNAL_NAMES, type LogisticModel, type RetrievalModel, type Signals } from './retrievalModel.js';

export const RETRIEVAL_MODEL: RetrievalModel = FITTED;

/** ANSWER_MIN_CONFIDENCE's default: the threshold chosen on the dev split. */
export const DEFAULT_MIN_CONFIDENCE = FITTED.threshold;

/**
 * The threshold on the lexical index's own confidence (what advice statements are picked on), moved
 * by the one knob in proportion: at the default it is the lexical index's calibrated threshold.
 */
export function lexicalMinConfidence(answerMinConfidence: number): number {
  return Math.min(1, (TUNED_MIN_CONFIDENCE * answerMinConfidence) / DEFAULT_MIN_CONFIDENCE);
}

export function probability(model: LogisticModel, s: Signals): number {
  let z = model.bias;
  for (const name of SIGNAL_NAMES) z += model.weights[name] * s[name];
  return 1 / (1 + Math.exp(-z));
}
