/** One `##` section of a knowledge file: the unit the bot answers from and cites. */
export interface Passage {
  /** Stable id: `<file>#<heading>`. */
  id: string;
  file: string;
  heading: string;
  /** Document title (front matter `title`, else the `#` heading, else the file name). */
  title: string;
  url?: string;
  /** The section's text, without the heading and the "Also asked" line. */
  text: string;
  /** Alternate phrasings customers use for this topic (indexed, never shown). */
  alsoAsked: string[];
}

/** A passage found for a question, with how sure the index is that it answers it. */
export interface KnowledgeHit {
  passage: Passage;
  /** 0–1: how much of what the question asks about the passage covers. */
  confidence: number;
  /** The passage's sentences most relevant to the question, in passage order. */
  sentences: string[];
}

/** The port retrieval adapters implement. */
export interface KnowledgeIndex {
  readonly size: number;
  search(question: string, limit?: number): KnowledgeHit[];
  /** Every passage, in file order. */
  passages(): readonly Passage[];
  /**
   * 0–1: how much of what the question asks about this passage covers (its words, in any form the
   * index reads alike, weighted by their rarity); 0 for a passage it does not know. `inHeading`:
   * only the question's own words (no synonyms) in the heading count —
   * how far the passage is named for what the question asks.
   */
  coverage(question: string, passageId: string, inHeading?: boolean): number;
}

/**
 * Retrieval for a customer's question, with the decision to answer folded into `confidence`: it may
 * consult a sentence model, so it is asynchronous. Adapters: HybridRetriever (src/knowledge).
 */
export interface KnowledgeRetriever {
  search(question: string, limit?: number): Promise<KnowledgeHit[]>;
}
