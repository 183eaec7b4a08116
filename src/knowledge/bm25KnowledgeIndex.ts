/**
 * Knowledge retrieval with a calibrated confidence: the share of what the question asks about —
 * weighted by how rare each concept is in the knowledge — that a passage covers. A passage that
 * merely shares a few common words with the question scores low, and a question with words the
 * knowledge never mentions ("bitcoin", "insurance") scores low everywhere.
 *
 * Ranking and confidence are kept apart on purpose: a synonym counts almost fully towards confidence
 * ("fee" does answer a "price" question) but less towards ranking, so that a passage using the
 * customer's own words — above all in its heading or "Also asked" line — wins over one that only
 * matches through the synonym table. BM25 (field-boosted) only breaks near-ties.
 *
 * The class keeps its historical name; scoring now walks a compact inverted index of its own
 * (postings.ts) instead of minisearch, which needed ~30 ms at p99 on 10,000 passages.
 */
import type { KnowledgeHit, KnowledgeIndex, Passage } from '../domain/knowledge/passage.js';
import { derivedStems, isWeakWord, LocalLexicon, synonymsOf, tokenize, TypoIndex } from './analyzer.js';
import type { KnowledgeLexiconSpec } from './knowledgeLexicon.js';
import { exhaustiveTop, prunedTop, type TermList } from './lexicalScoring.js';
import {
  IN_HEAD,
  IN_TEXT,
  IN_TITLE,
  PART_HEAD,
  PART_TEXT,
  PART_TITLE,
  postingPart,
  Postings,
  type FieldText,
} from './postings.js';
import { DEFAULT_TUNING, TUNED_MIN_CONFIDENCE, type RetrievalTuning } from './retrievalTuning.js';
import { pickSentences, splitUnits } from './sentences.js';

export { TUNED_MIN_CONFIDENCE, type RetrievalTuning };

/** A heading's or phrasing's terms, their rarity (idf) and its sum. */
interface HeadTerms {
  terms: readonly string[];
  idf: Float64Array;
  total: number;
}

interface Entry {
  passage: Passage;
  /** The analysed terms of each sentence unit. */
  unitTerms: string[][];
  /** Its position in the index. */
  doc: number;
  /** Trigrams (ids, see gramIds) of the heading and of each "Also asked" phrasing (made when first needed). */
  heads?: Int32Array[];
  /** The terms of the heading and of each "Also asked" phrasing (for headingPrecision; made when first needed). */
  headTerms?: string[][];
  /** The same terms' rarity (idf) and its sum per phrasing (made when first needed). */
  headIdf?: HeadTerms[];
  /** The sentence units with their terms (made when first needed: only hits' sentences are picked). */
  sentences?: { text: string; terms: Set<string> }[];
}

/** A passage's fields as analysed terms (stemmed, stop words out, duplicates kept, in order). */
export interface AnalysedPassage {
  /** One list per sentence unit of the text (splitUnits). */
  sentences: string[][];
  heading: string[];
  alsoAsked: string[];
  title: string[];
}

/**
 * What building the index reads from the text (most of its cost): every passage's terms and the
 * words as written by term, in the order first met. Persisted by indexCache.ts and handed back to
 * the constructor, it gives the same index without analysing the text again.
 */
export interface AnalysedKnowledge {
  passages: AnalysedPassage[];
  /** [word, term] pairs, in the order the words were first met (the typo index keeps that order). */
  words: [string, string][];
}

/** Analyses the passages' text as the index does. */
export function analysePassages(passages: readonly Passage[], local?: LocalLexicon): AnalysedKnowledge {
  const words = new Map<string, string>();
  const terms = (text: string): string[] =>
    tokenize(text, local).map(({ word, term }) => {
      words.set(word, term);
      return term;
    });
  const analysed = passages.map((passage) => ({
    sentences: splitUnits(passage.text).map(terms),
    heading: terms(passage.heading),
    alsoAsked: terms(passage.alsoAsked.join(' ; ')),
    title: terms(passage.title),
  }));
  return { passages: analysed, words: [...words] };
}

interface Concept {
  term: string;
  /** The word as written (normalised, unstemmed). */
  word: string;
  /** Vocabulary terms that stand for it, with their match worth (1 for the word itself). */
  alternatives: Map<string, number>;
  weight: number;
}

/** How many of the best lexical candidates the heading trigrams re-rank. */
const GRAM_POOL = 30;

/**
 * Up to this many passages the exhaustive walk is the cheaper one (its results are the pruned
 * walk's, test/knowledge/prunedScoring.test.ts): ranked(30) per question of the synthetic retrieval
 * sets, CPU µs pruned / exhaustive, two runs each on a shared 2-core machine: 40 passages 103, 82 /
 * 84, 59; 200: 164, 128 / 89, 64; 1,000: 222, 179 / 147, 162; 2,000: 336, 289 / 275, 293; 10,000:
 * 425, 481 / 937, 927.
 */
const PRUNE_ABOVE = 1000;

/** Questions whose analysis is kept (Bm25KnowledgeIndex.recent). */
const RECENT_QUESTIONS = 4;

/** The character trigrams of a text, lower-cased, words padded with a space. */
function trigrams(text: string): Set<string> {
  const t = ` ${text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= t.length; i++) out.add(t.slice(i, i + 3));
  return out;
}

/**
 * Dice likeness of the question's trigrams (`size` of them, those any heading has marked in `marks`)
 * and a heading's trigram ids.
 */
function dice(size: number, marks: Uint8Array, head: Int32Array): number {
  if (size + head.length === 0) return 0;
  let shared = 0;
  for (let i = 0; i < head.length; i++) shared += marks[head[i]!]!;
  return (2 * shared) / (size + head.length);
}

/** Field boosts for BM25 (heading and "Also asked" are tuning, RetrievalTuning). */
const BOOST = { title: 1, text: 1 } as const;

export class Bm25KnowledgeIndex implements KnowledgeIndex {
  private readonly entries: Entry[];
  private readonly postings: Postings;
  /** Words as written in the knowledge, by stemmed term, for typo matching on whole words. */
  private readonly wordTerm = new Map<string, string>();
  private readonly typos: TypoIndex;
  private readonly maxIdf: number;
  private readonly tuning: RetrievalTuning;
  /**
   * Top-k by max-score pruning (false: every passage sharing a word is scored; the tests' reference,
   * and the same passages, scores and order). Default: pruning above PRUNE_ABOVE passages only.
   */
  private readonly pruning: boolean;
  /** Scratch space for pruned scoring: one BM25 sum per passage, zero between searches. */
  private readonly bm25: Float64Array;

  /** The business's own words (synonyms.yaml), beside the general lexicon. */
  private readonly local: LocalLexicon | undefined;
  private readonly byId = new Map<string, Entry>();
  /** Ids of the trigrams of the headings and phrasings made so far, and a mark per id (per search). */
  private readonly gramIds = new Map<string, number>();
  private gramMarks = new Uint8Array(256);
  /**
   * The last few questions' concepts, latest first: one question is read by ranked, unknownWords,
   * sentencesFor and coverage in the same turn, and its analysis (tokenising, stemming, synonyms,
   * typos) is most of their cost. A few, not one: a follow-up is read alone, then joined to the
   * question before it, then its coverage is asked again (dialogs/answering.ts).
   */
  private readonly recent: { question: string; concepts: Concept[] }[] = [];

  /**
   * `analysed` is what analysePassages returned for these passages and this lexicon (a persisted
   * copy, see indexCache.ts); without it the text is analysed here.
   */
  constructor(
    passages: readonly Passage[],
    options: {
      tuning?: Partial<RetrievalTuning>;
      lexicon?: KnowledgeLexiconSpec;
      analysed?: AnalysedKnowledge;
      pruning?: boolean;
    } = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.pruning = options.pruning ?? passages.length > PRUNE_ABOVE;
    this.local = options.lexicon ? new LocalLexicon(options.lexicon) : undefined;
    const analysed = options.analysed ?? analysePassages(passages, this.local);
    if (analysed.passages.length !== passages.length) throw new Error('analysed knowledge does not match the passages');
    for (const [word, term] of analysed.words) this.wordTerm.set(word, term);
    const fields: FieldText[][] = [];
    this.entries = passages.map((passage, i) => {
      const a = analysed.passages[i]!;
      fields.push([
        { terms: a.heading, boost: this.tuning.headingBoost, flags: IN_HEAD },
        { terms: a.alsoAsked, boost: this.tuning.alsoAskedBoost, flags: IN_HEAD },
        { terms: a.title, boost: BOOST.title, flags: IN_TITLE },
        { terms: a.sentences.flat(), boost: BOOST.text, flags: IN_TEXT },
      ]);
      return { passage, doc: i, unitTerms: a.sentences };
    });
    this.postings = new Postings(fields);
    for (const e of this.entries) if (!this.byId.has(e.passage.id)) this.byId.set(e.passage.id, e);
    const n = this.entries.length;
    this.maxIdf = Math.log(1 + Math.max(1, n));
    this.typos = new TypoIndex(this.wordTerm.keys());
    this.bm25 = new Float64Array(n);
  }

  get size(): number {
    return this.entries.length;
  }

  passages(): readonly Passage[] {
    return this.entries.map((e) => e.passage);
  }

  search(question: string, limit = 3): KnowledgeHit[] {
    return this.ranked(question, limit);
  }

  /** The hits with their ranking score (what orders them, beside the confidence). */
  ranked(
    question: string,
    limit = 3,
    options: { sentences?: boolean } = {},
  ): (KnowledgeHit & { rank: number; baseRank: number; margin: number })[] {
    const concepts = this.concepts(question);
    const totalWeight = concepts.reduce((sum, c) => sum + c.weight, 0);
    if (concepts.length === 0 || totalWeight === 0) return [];
    const { bm25Share, topicShare } = this.tuning;
    // The best by rank; the heading trigrams then re-rank a pool of them, scaled to the best rank.
    const { headingGrams, headingPrecision } = this.tuning;
    const reRank = headingGrams > 0 || headingPrecision > 0;
    const query = { lists: this.termLists(concepts), concepts: concepts.length, totalWeight, bm25Share };
    const k = reRank ? Math.max(limit, GRAM_POOL) : limit;
    const pool = this.pruning ? prunedTop({ ...query, k }, this.bm25) : exhaustiveTop({ ...query, k }, this.entries.length);
    const coverage = new Map(pool.map((s) => [s.doc, s]));
    let top: { doc: number; rank: number; baseRank?: number }[] = pool;
    // The lead of the best over the runner-up before the heading's precision re-ranks them: what the
    // refusal model was fitted on (precision chooses among the candidates, not whether to answer).
    let margin = top[0] ? (top[0].rank - (top[1]?.rank ?? 0)) / (top[0].rank || 1) : 0;
    if (reRank && top.length > 0) {
      // The pool's heading trigrams first, so every trigram they share with the question has an id.
      const heads = top.map(({ doc }) => this.headsOf(this.entries[doc]!));
      const q = trigrams(question);
      if (this.gramMarks.length < this.gramIds.size) this.gramMarks = new Uint8Array(2 * this.gramIds.size);
      const marked: number[] = [];
      for (const g of q) {
        const id = this.gramIds.get(g);
        if (id !== undefined) marked.push(id);
      }
      for (const id of marked) this.gramMarks[id] = 1;
      const worth = headingPrecision > 0 ? matchWorth(concepts) : undefined;
      const best = top[0]!.rank || 1;
      const scored = top
        .map(({ doc, rank }, i) => {
          const entry = this.entries[doc]!;
          let like = 0;
          for (const h of heads[i]!) like = Math.max(like, dice(q.size, this.gramMarks, h));
          let precision = 0;
          if (worth) for (const h of this.headIdfOf(entry)) precision = Math.max(precision, this.precision(h, worth));
          return { doc, rank: rank / best + headingGrams * like, precision };
        })
        .sort((a, b) => b.rank - a.rank);
      for (const id of marked) this.gramMarks[id] = 0;
      margin = (scored[0]!.rank - (scored[1]?.rank ?? 0)) / (scored[0]!.rank || 1);
      top = scored
        .map(({ doc, rank, precision }) => ({ doc, rank: rank + headingPrecision * precision, baseRank: rank }))
        .sort((a, b) => b.rank - a.rank)
        .slice(0, limit);
    }
    return top.map(({ doc, rank, baseRank }) => {
      const { covered, topic } = coverage.get(doc)!;
      const onTopic = covered > 0 ? Math.min(1, (2 * topic) / covered) : 0;
      const confidence = (covered / totalWeight) * (1 - topicShare + topicShare * onTopic);
      const entry = this.entries[doc]!;
      // A caller that only ranks (the hybrid retriever picks sentences for its own few) skips them.
      const sentences = options.sentences === false ? [] : this.bestSentences(entry, concepts);
      return { passage: entry.passage, confidence: round(confidence), rank, baseRank: baseRank ?? rank, margin, sentences };
    });
  }

  /**
   * The question's words the knowledge never uses in any form (numbers and weak words aside): the
   * out-of-scope signal weighs them by how common they are in general English.
   */
  unknownWords(question: string): string[] {
    return this.concepts(question)
      .filter((c) => c.alternatives.size === 0 && !/^\d/.test(c.term))
      .map((c) => c.word)
      .filter((w) => !isWeakWord(w));
  }

  /** The terms of the heading and of each "Also asked" phrasing, without repeats (made once, when first needed). */
  private headTermsOf(entry: Entry): string[][] {
    return (entry.headTerms ??= [entry.passage.heading, ...entry.passage.alsoAsked].map((h) => [
      ...new Set(tokenize(h, this.local).map((t) => t.term)),
    ]));
  }

  /**
   * How much of a heading (or "Also asked" phrasing) the question asks about: the share of its terms,
   * each weighted by its rarity, that a question word matches (through synonyms at their worth). A
   * heading about something the question never mentions ("Do you *fix* e-bikes?" for "the cheapest
   * e-bike") scores low even when the question's few words all match it.
   */
  private precision(head: HeadTerms, worth: ReadonlyMap<string, number>): number {
    let matched = 0;
    for (let i = 0; i < head.terms.length; i++) matched += head.idf[i]! * (worth.get(head.terms[i]!) ?? 0);
    return head.total > 0 ? matched / head.total : 0;
  }

  /** Each heading's and phrasing's terms with their rarity (idf) and its sum (made once, when first needed). */
  private headIdfOf(entry: Entry): HeadTerms[] {
    const n = this.entries.length;
    return (entry.headIdf ??= this.headTermsOf(entry).map((terms) => {
      const idf = Float64Array.from(terms, (t) => {
        const df = this.postings.df(t);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
      });
      let total = 0;
      for (const x of idf) total += x;
      return { terms, idf, total };
    }));
  }

  /** Trigram ids of the heading and of each "Also asked" phrasing (made once, when first needed). */
  private headsOf(entry: Entry): Int32Array[] {
    return (entry.heads ??= [entry.passage.heading, ...entry.passage.alsoAsked].map((h) =>
      Int32Array.from(trigrams(h), (g) => {
        let id = this.gramIds.get(g);
        if (id === undefined) this.gramIds.set(g, (id = this.gramIds.size));
        return id;
      }),
    ));
  }

  coverage(question: string, passageId: string, inHeading = false): number {
    const entry = this.byId.get(passageId);
    const concepts = this.concepts(question);
    const total = concepts.reduce((sum, c) => sum + c.weight, 0);
    if (!entry || total === 0) return 0;
    const { doc } = entry;
    const heading = new Set(this.headTermsOf(entry)[0]);
    let covered = 0;
    for (const c of concepts) {
      let best = 0;
      for (const [term, w] of c.alternatives) {
        const p = this.postings.get(term);
        const i = p ? this.postings.position(p, doc) : -1;
        if (i < 0 || (inHeading && (!heading.has(term) || w < this.tuning.typoMatch))) continue;
        best = Math.max(best, p!.flags[i] === IN_TITLE ? w * this.tuning.titleOnly : w);
      }
      covered += best * c.weight;
    }
    return round(covered / total);
  }

  /** The passage's sentences most relevant to the question (for a passage another signal chose). */
  sentencesFor(passageId: string, question: string): string[] {
    const entry = this.byId.get(passageId);
    return entry ? this.bestSentences(entry, this.concepts(question)) : [];
  }

  /** The question's concepts' vocabulary terms as scoring lists, concept by concept (lexicalScoring.ts). */
  private termLists(concepts: readonly Concept[]): TermList[] {
    const { synonymRank, headingBonus, titleOnly, typoMatch } = this.tuning;
    const n = this.entries.length;
    const lists: TermList[] = [];
    let term = 0;
    concepts.forEach((c, concept) => {
      for (const [t, w] of c.alternatives) {
        const posting = this.postings.get(t);
        if (!posting) continue;
        const df = posting.docs.length;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        // Typo and derived-form matches are the customer's own word; only synonyms rank lower.
        const rankWorth = w < typoMatch ? w * synonymRank : w;
        const headRank = rankWorth * (1 + headingBonus);
        const titleRank = rankWorth * titleOnly;
        const worths = [headRank, rankWorth, titleRank] as const;
        for (const part of [PART_HEAD, PART_TEXT, PART_TITLE]) {
          const { from, to, maxTf } = postingPart(posting, part);
          if (from === to) continue;
          lists.push({
            posting,
            from,
            to,
            maxTf,
            partRank: worths[part]!,
            term,
            concept,
            weight: c.weight,
            boost: w * w * c.weight * idf,
            worth: w,
            titleWorth: w * titleOnly,
            rankWorth,
            headRank,
            titleRank,
          });
        }
        term++;
      }
    });
    return lists;
  }

  /** The question's concepts, each with the vocabulary terms that can stand for it and its weight. */
  private concepts(question: string): Concept[] {
    const known = this.recent.find((r) => r.question === question);
    if (known) return known.concepts;
    const concepts = this.analyse(question);
    this.recent.unshift({ question, concepts });
    if (this.recent.length > RECENT_QUESTIONS) this.recent.pop();
    return concepts;
  }

  private analyse(question: string): Concept[] {
    const seen = new Set<string>();
    const out: Concept[] = [];
    for (const { word, term } of tokenize(question, this.local)) {
      if (seen.has(term)) continue;
      seen.add(term);
      const alternatives = new Map<string, number>();
      const add = (t: string, w: number): void => {
        if (this.postings.df(t) > 0 && (alternatives.get(t) ?? 0) < w) alternatives.set(t, w);
      };
      add(term, 1);
      for (const [syn, w] of synonymsOf(term, this.local)) add(syn, w);
      if (alternatives.size === 0) {
        for (const d of derivedStems(word)) {
          add(d, this.tuning.typoMatch);
          for (const [syn, w] of synonymsOf(d, this.local)) add(syn, w * this.tuning.typoMatch);
        }
      }
      if (alternatives.size === 0) {
        for (const near of this.typos.near(word)) {
          const t = this.wordTerm.get(near)!;
          add(t, this.tuning.typoMatch);
          for (const [syn, w] of synonymsOf(t, this.local)) add(syn, w * this.tuning.typoMatch);
        }
      }
      // A concept is as rare as the passages that mention it in any of its forms.
      let df = 0;
      for (const t of alternatives.keys()) df += this.postings.df(t);
      let weight =
        alternatives.size > 0
          ? Math.log(1 + this.entries.length / Math.min(this.entries.length, df))
          : this.maxIdf * this.tuning.unknownWeight;
      if (/^\d/.test(term)) weight *= this.tuning.numberWeight;
      if (isWeakWord(word)) weight *= this.tuning.weakWeight;
      out.push({ term, word, alternatives, weight });
    }
    return out;
  }

  private sentencesOf(entry: Entry): { text: string; terms: Set<string> }[] {
    if (entry.sentences) return entry.sentences;
    const units = splitUnits(entry.passage.text);
    // The analysed terms are of these units; should they ever not line up, the units are analysed here.
    const terms =
      units.length === entry.unitTerms.length ? entry.unitTerms : units.map((u) => tokenize(u, this.local).map((t) => t.term));
    return (entry.sentences = units.map((text, j) => ({ text, terms: new Set(terms[j]) })));
  }

  private bestSentences(entry: Entry, concepts: Concept[]): string[] {
    return pickSentences(this.sentencesOf(entry), (terms) => {
      let s = 0;
      for (const c of concepts) {
        let best = 0;
        for (const [t, w] of c.alternatives) if (w > best && terms.has(t)) best = w;
        s += best * c.weight;
      }
      return s;
    });
  }
}

/** Every vocabulary term a question concept can match, with the best worth it matches at. */
function matchWorth(concepts: readonly Concept[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of concepts) for (const [t, w] of c.alternatives) if ((out.get(t) ?? 0) < w) out.set(t, w);
  return out;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
