/** The scoring parameters of retrieval, and the values chosen for them. */

/** Scoring parameters; the defaults were chosen by a grid search over the evaluation sets. */
export interface RetrievalTuning {
  /** Weight of a question word the knowledge never uses, as a multiple of the rarest known term's. */
  unknownWeight: number;
  /** Weight of a number, as a multiple of its rarity (numbers are weak evidence on their own). */
  numberWeight: number;
  /** Weight of a weak word (common verb, adjective, person), as a multiple of its computed weight. */
  weakWeight: number;
  /** Worth of a one-edit typo match. */
  typoMatch: number;
  /** Multiplier on a synonym's worth when ranking (not when computing confidence). */
  synonymRank: number;
  /** Worth of a match found only in the document's title (shared by all its passages). */
  titleOnly: number;
  /** Extra ranking worth of a match in the heading or "Also asked" line. */
  headingBonus: number;
  /** Share of the ranking given to the normalised BM25 score. */
  bm25Share: number;
  /**
   * Weight of the character-trigram likeness (Dice) of the question to the passage's heading or an
   * "Also asked" phrasing, added to the ranking of the best lexical candidates (typos, word forms).
   */
  headingGrams: number;
  /**
   * Weight of the heading's precision — the rarity-weighted share of the heading's (or an "Also
   * asked" phrasing's) terms that the question matches — added to the ranking of the best lexical
   * candidates: coverage asks how much of the question a passage answers, this how much of the
   * passage's topic the question asks about.
   */
  headingPrecision: number;
  /** BM25F field weights of the heading and the "Also asked" phrasings (the text weighs 1). */
  headingBoost: number;
  alsoAskedBoost: number;
  /**
   * Share of confidence that depends on the passage's heading, "Also asked" line or title matching
   * the question: a passage that only mentions the question's words in passing is less likely the answer.
   */
  topicShare: number;
}

/**
 * The confidence threshold the default tuning was calibrated for (accuracy@1 and refusal on the
 * evaluation sets are best here); ANSWER_MIN_CONFIDENCE should default to it.
 */
export const TUNED_MIN_CONFIDENCE = 0.52;

export const DEFAULT_TUNING: RetrievalTuning = {
  unknownWeight: 1.1,
  numberWeight: 0.5,
  weakWeight: 0.4,
  typoMatch: 0.85,
  synonymRank: 0.6,
  titleOnly: 0.5,
  headingBonus: 0.3,
  bm25Share: 0.1,
  headingGrams: 0.2,
  headingPrecision: 0.4,
  headingBoost: 3,
  alsoAskedBoost: 2.5,
  topicShare: 0,
};
