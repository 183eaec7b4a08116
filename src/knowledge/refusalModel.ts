/**
 * Whether to answer, as one calibrated probability: a logistic model over the retrieval signals of
 * the best passage (fused score, sentence-model cosines, lexical coverage, margin to the runner-up,
 * the out-of-scope word signal). Its numbers were fitted on the dev split of the evaluation sets by
 * `npx tsx test/eval/tune.ts` and are pasted here; ANSWER_MIN_CONFIDENCE is the threshold on its output.
 */
import { FITTED } from './refusalModel.fitted.js';
import { TUNED_MIN_CONFIDENCE } from './retrievalTuning.js';

/** The signals of one candidate passage. */
export interface Signals {
  /** Weighted sum of the lexical confidence and the cosines: what passages are ranked by. */
  fused: number;
  /** Cosine of the question with the passage's heading or one of its "Also asked" phrasings (best). */
  cosHead: number;
  /** Cosine of the question with heading + text. */
  cosBody: number;
  /** Lexical coverage confidence (0–1) of this passage. */
  lexical: number;
  /** fused − the runner-up's fused. */
  margin: number;
  /** Best lexical confidence of any passage. */
  bestLexical: number;
  /** 0–1: how rare in general English the rarest question word the knowledge never uses is. */
  unknownRarity: number;
}

export const SIGNAL_NAMES = ['fused', 'cosHead', 'cosBody', 'lexical', 'margin', 'bestLexical', 'unknownRarity'] as const;

export interface LogisticModel {
  bias: number;
  weights: Record<(typeof SIGNAL_NAMES)[number], number>;
}

/** The fusion weights and the two refusal models (with and without the sentence model). */
export interface RetrievalModel {
  fusion: { lexical: number; rank: number; head: number; body: number };
  dense: LogisticModel;
  lexicalOnly: LogisticModel;
  /** The threshold chosen on dev (ANSWER_MIN_CONFIDENCE's default). */
  threshold: number;
}

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
