/** The shapes of the fitted retrieval model (refusalModel.fitted.ts holds the numbers). */

/** The signals of one candidate passage. */
export interface Signals {
  /** Weighted sum of the lexical confidence and the cosines: what passages are ranked by. */
  fused: number;
  /** Cosine of the question with the passage's heading or one of its "Also asked" phrasings (best). */
  cosHead: number;
  /** Cosine of the question with heading + text. */
  cosBody: number;
  /**
   * Cosine of the question with the mean of the passage's heading and "Also asked" vectors, both
   * taken relative to the mean of every heading vector of this knowledge: what the passages share
   * (their domain) drops out, and what sets one apart counts.
   */
  cosCentroid: number;
  /** Lexical coverage confidence (0–1) of this passage. */
  lexical: number;
  /** fused − the runner-up's fused. */
  margin: number;
  /** Best lexical confidence of any passage. */
  bestLexical: number;
  /** 0–1: how rare in general English the rarest question word the knowledge never uses is. */
  unknownRarity: number;
  /**
   * cosHead placed on this knowledge's own scale: 0 at the mean best cosine of a heading or "Also
   * asked" phrasing to another passage's (how alike unrelated passages here look), 1 at the mean best
   * cosine of an "Also asked" phrasing to its own passage's other phrasings (how alike a paraphrase
   * looks). A sentence model's cosines run higher in a knowledge base whose passages share a domain;
   * this reads them the same in every one.
   */
  cosHeadRel: number;
  /** 1 when this passage is also the lexical index's first (the two retrievals agree), else 0. */
  lexTop: number;
  /**
   * Mean over every passage of the question's cosHead: how much the question sounds like this
   * knowledge at all (a question from another domain is far from every passage, not just the best).
   */
  cosHeadMean: number;
}

export const SIGNAL_NAMES = [
  'fused',
  'cosHead',
  'cosBody',
  'cosCentroid',
  'lexical',
  'margin',
  'bestLexical',
  'unknownRarity',
  'cosHeadRel',
  'lexTop',
  'cosHeadMean',
] as const;

export interface LogisticModel {
  bias: number;
  weights: Record<(typeof SIGNAL_NAMES)[number], number>;
}

/** The fusion weights and the two refusal models (with and without the sentence model). */
export interface RetrievalModel {
  /** Weights of the ranking's sum: lexical confidence, lexical rank share, the cosines, and lexTop. */
  fusion: { lexical: number; rank: number; head: number; body: number; centroid: number; top: number };
  dense: LogisticModel;
  lexicalOnly: LogisticModel;
  /** The threshold chosen on dev (ANSWER_MIN_CONFIDENCE's default). */
  threshold: number;
}
