/**
 * Hybrid retrieval: the lexical index (BM25F-style coverage, bm25KnowledgeIndex.ts) fused with a
 * sentence model's cosines — question to heading / "Also asked" phrasing, question to heading +
 * text, and question to the passage's centroid (its phrasings and heading + text) relative to the
 * knowledge's mean — as a weighted sum with the lexical ranking (measured better than reciprocal-rank
 * fusion), then a calibrated refusal model (refusalModel.ts) turns the best passage's signals into the
 * confidence the bot answers on.
 *
 * Without an embedder, or when it fails, the same path runs on the lexical signals alone with the
 * lexical-only refusal model. Passage vectors are computed once, at start (cached on disk by
 * CachedEmbedder); a question costs one embedding.
 */
import { cosine, unit, type Embedder } from '../domain/knowledge/embedder.js';
import type { KnowledgeHit, KnowledgeRetriever, Passage } from '../domain/knowledge/passage.js';
import type { Bm25KnowledgeIndex } from './bm25KnowledgeIndex.js';
import type { GeneralEnglish } from './generalEnglish.js';
import { withoutCourtesies } from './lexicon.js';
import { probability, RETRIEVAL_MODEL, type RetrievalModel, type Signals } from './refusalModel.js';
import { seededRandom } from '../domain/seededRandom.js';

/** How many lexical candidates are scored (the rest count as lexical 0). */
const LEXICAL_CANDIDATES = 30;

/**
 * When both rankings put the same passage first, the lexical refusal model alone is at least
 * LEXICAL_SURE sure of it and the sentence model's is not far off (≥ DENSE_NOT_AGAINST), the answer
 * takes the lexical model's confidence: a question in the knowledge's own words whose phrasing the
 * sentence model reads poorly ("will the driver leave it at the door if im not home": lexical 0.92,
 * cosine to the heading 0.32). Measured on dev before the held-out splits (README, *Measuring it*).
 */
const LEXICAL_SURE = 0.9;
const DENSE_NOT_AGAINST = 0.4;

export interface Candidate extends Signals {
  passage: Passage;
  /** The lexical ranking score as a share of the best one's (0 when not among its candidates). */
  lexRank: number;
}

export interface HybridOptions {
  embedder?: Embedder;
  general?: GeneralEnglish;
  model?: RetrievalModel;
  /** Told when the embedder fails (the search goes on lexically). */
  onEmbedderError?: (err: unknown) => void;
  /** false: the sentence model's confidence alone, even where both rankings agree (see LEXICAL_SURE). */
  lexicalAgreement?: boolean | { lexicalSure: number; denseNotAgainst: number };
}

interface PassageVectors {
  heads: Float32Array[];
  body: Float32Array;
  /**
   * Mean of the heads and the heading + text vector, minus the knowledge's mean head, unit length (the
   * text counts too: a passage with no "Also asked" line would otherwise be its short heading alone).
   */
  centroid: Float32Array;
}

interface KnowledgeVectors {
  passages: PassageVectors[];
  /** Mean of every heading and "Also asked" vector of the knowledge. */
  mean: Float32Array;
  /** The knowledge's own cosine scale (see Signals.cosHeadRel): unrelated passages, and paraphrases. */
  scale: { unrelated: number; paraphrase: number };
}

export class HybridRetriever implements KnowledgeRetriever {
  private readonly passages: readonly Passage[];
  /** Passage positions by id, so a lexical-only search visits the lexical hits, not every passage. */
  private readonly positions = new Map<string, number[]>();
  private readonly model: RetrievalModel;

  private constructor(
    private readonly lexical: Bm25KnowledgeIndex,
    private readonly options: HybridOptions,
    private vectors: KnowledgeVectors | undefined,
  ) {
    this.passages = lexical.passages();
    this.passages.forEach((p, i) => {
      const at = this.positions.get(p.id);
      if (at) at.push(i);
      else this.positions.set(p.id, [i]);
    });
    this.model = options.model ?? RETRIEVAL_MODEL;
  }

  /** Builds the retriever, embedding every passage first when an embedder is given. */
  static async create(lexical: Bm25KnowledgeIndex, options: HybridOptions = {}): Promise<HybridRetriever> {
    let vectors: KnowledgeVectors | undefined;
    if (options.embedder) {
      try {
        vectors = await embedPassages(options.embedder, lexical.passages());
      } catch (err) {
        options.onEmbedderError?.(err);
      }
    }
    return new HybridRetriever(lexical, options, vectors);
  }

  /**
   * Brings the sentence model in after start: passages are embedded in the background while the
   * retriever answers lexically, and it switches over once every passage has its vectors. Resolves
   * true when it did (false when the embedder failed; retrieval stays lexical).
   */
  async attach(embedder: Embedder): Promise<boolean> {
    try {
      const vectors = await embedPassages(embedder, this.passages);
      this.options.embedder = embedder;
      this.vectors = vectors;
      return true;
    } catch (err) {
      this.options.onEmbedderError?.(err);
      return false;
    }
  }

  /** True when the sentence model takes part. */
  get dense(): boolean {
    return this.vectors !== undefined;
  }

  async search(question: string, limit = 3): Promise<KnowledgeHit[]> {
    const { ranked, embedded, lexicalFirst } = await this.rank(question);
    // The dense refusal model only for a question that has its vector: one whose embedding failed or
    // came too late (EMBEDDINGS_TIMEOUT_MS) is judged lexically, not as if every cosine were 0.
    const refusal = embedded ? this.model.dense : this.model.lexicalOnly;
    const option = this.options.lexicalAgreement ?? true;
    const agreement = option === true ? { lexicalSure: LEXICAL_SURE, denseNotAgainst: DENSE_NOT_AGAINST } : option || undefined;
    const { lexical } = this;
    return ranked.slice(0, limit).map((c) => {
      let p = probability(refusal, c);
      if (
        agreement &&
        embedded &&
        lexicalFirst &&
        c.passage.id === lexicalFirst.id &&
        lexicalFirst.p >= agreement.lexicalSure &&
        p >= agreement.denseNotAgainst
      )
        p = Math.max(p, lexicalFirst.p);
      let sentences: string[] | undefined;
      return {
        passage: c.passage,
        confidence: Math.round(p * 1000) / 1000,
        // Picked when first read: an answer reads its best hit's, seldom the others'.
        get sentences(): string[] {
          return (sentences ??= lexical.sentencesFor(c.passage.id, question));
        },
      };
    });
  }

  /** Every passage with a signal, best first, with its signals (what the tuner fits on). */
  async candidates(question: string): Promise<Candidate[]> {
    return (await this.rank(question)).ranked;
  }

  private async rank(
    question: string,
  ): Promise<{ ranked: Candidate[]; embedded: boolean; lexicalFirst?: { id: string; p: number } }> {
    let q: Float32Array | undefined;
    if (this.vectors && this.options.embedder) {
      try {
        // The sentence model reads every word: the courtesies around a question only blur it.
        [q] = await this.options.embedder.embed([withoutCourtesies(question)]);
      } catch (err) {
        this.options.onEmbedderError?.(err);
      }
    }
    const lexHits = this.lexical.ranked(question, LEXICAL_CANDIDATES, { sentences: false });
    const lex = new Map(lexHits.map((h) => [h.passage.id, h.confidence]));
    // The lexical index ranks by more than its confidence (heading matches, BM25, the heading's
    // precision): its order counts too, with the sentence model as without it (measured on dev: the
    // order with precision lifted BANKING77's ranked@1 and lost nothing on the own sets).
    const first = lexHits.reduce<(typeof lexHits)[number] | undefined>((a, h) => (!a || h.rank > a.rank ? h : a), undefined);
    const topRank = first?.rank || 1;
    const lexRanks = new Map(lexHits.map((h) => [h.passage.id, h.rank / topRank]));
    // "Best lexical" is the confidence of the passage first before that re-ranking, in both cases
    // (what the refusal models were fitted on: precision picks the passage, not whether to answer).
    const baseFirst = lexHits.reduce<(typeof lexHits)[number] | undefined>(
      (a, h) => (!a || h.baseRank > a.baseRank ? h : a),
      undefined,
    );
    const bestLexical = baseFirst?.confidence ?? 0;
    const lexFirst = first?.passage.id;
    const unknownRarity = this.unknownRarity(question);
    const { fusion } = this.model;
    const centred = q && this.vectors ? centre(q, this.vectors.mean) : undefined;
    const out: Candidate[] = [];
    /** The lexical first's candidate, met in the walk below. */
    let firstCandidate: Candidate | undefined;
    let headSum = 0;
    // Without a question vector only passages with a lexical score count: visit just those, in
    // passage order as the full walk would (the sort below is stable).
    const visit = q ? undefined : [...lex.keys()].flatMap((id) => this.positions.get(id) ?? []).sort((a, b) => a - b);
    const each = (f: (passage: Passage, i: number) => void): void =>
      visit ? visit.forEach((i) => f(this.passages[i]!, i)) : this.passages.forEach(f);
    each((passage, i) => {
      const lexical = lex.get(passage.id) ?? 0;
      let cosHead = 0;
      let cosBody = 0;
      let cosCentroid = 0;
      if (q && centred && this.vectors) {
        const v = this.vectors.passages[i]!;
        for (const h of v.heads) cosHead = Math.max(cosHead, cosine(q, h));
        cosBody = cosine(q, v.body);
        cosCentroid = cosine(centred, v.centroid);
        headSum += cosHead;
      } else if (lexical === 0) return;
      const lexRank = lexRanks.get(passage.id) ?? 0;
      const lexTop = passage.id === lexFirst ? 1 : 0;
      const cosHeadRel = q && this.vectors ? relative(cosHead, this.vectors.scale) : 0;
      const fused = q
        ? fusion.lexical * lexical +
          fusion.rank * lexRank +
          fusion.head * cosHead +
          fusion.body * cosBody +
          fusion.centroid * cosCentroid +
          fusion.top * lexTop
        : lexRank;
      const candidate: Candidate = {
        passage,
        fused,
        lexRank,
        cosHead,
        cosBody,
        cosCentroid,
        lexical,
        margin: 0,
        bestLexical,
        unknownRarity,
        cosHeadRel,
        lexTop,
        cosHeadMean: 0,
      };
      out.push(candidate);
      if (lexTop === 1) firstCandidate ??= candidate;
    });
    // How much the question sounds like this knowledge at all, whichever passage answers it.
    const cosHeadMean = q && out.length > 0 ? headSum / out.length : 0;
    for (const c of out) c.cosHeadMean = cosHeadMean;
    out.sort((a, b) => b.fused - a.fused);
    for (let i = 0; i < out.length; i++) out[i]!.margin = out[i]!.fused - (out[i + 1]?.fused ?? 0);
    // Lexically, the heading's precision only picks among the candidates: whether to answer reads
    // the lead the best had before it (what the lexical refusal model was fitted on).
    if (!q && out[0] && lexHits[0]) out[0].margin = lexHits[0].margin;
    // The lexical-only model's confidence in the lexical first, as a search without the sentence
    // model would give it (see LEXICAL_SURE).
    const lexicalFirst =
      q && firstCandidate && lexHits[0]
        ? {
            id: firstCandidate.passage.id,
            p: probability(this.model.lexicalOnly, { ...firstCandidate, fused: 1, margin: lexHits[0].margin }),
          }
        : undefined;
    return { ranked: out, embedded: q !== undefined, lexicalFirst };
  }

  private unknownRarity(question: string): number {
    const general = this.options.general;
    if (!general) return 0;
    let rarest = 0;
    for (const w of this.lexical.unknownWords(question)) rarest = Math.max(rarest, -general.logProbAllowingTypo(w));
    // −8 (a common word) → 0, −23 or rarer → 1.
    return Math.min(1, Math.max(0, (rarest - 8) / 15));
  }
}

async function embedPassages(embedder: Embedder, passages: readonly Passage[]): Promise<KnowledgeVectors> {
  const texts: string[] = [];
  const layout = passages.map((p) => {
    const start = texts.length;
    texts.push(p.heading, ...p.alsoAsked, `${p.heading}. ${p.text}`.slice(0, 2000));
    return { start, heads: 1 + p.alsoAsked.length };
  });
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 64) vectors.push(...(await embedder.embed(texts.slice(i, i + 64))));
  const heads = layout.map(({ start, heads: n }) => vectors.slice(start, start + n));
  const mean = average(heads.flat());
  return {
    mean,
    scale: cosineScale(heads),
    passages: layout.map(({ start, heads: n }, i) => ({
      heads: heads[i]!,
      body: vectors[start + n]!,
      centroid: centre(average([...heads[i]!, vectors[start + n]!]), mean),
    })),
  };
}

/** Typical cosine of a paraphrase, when a knowledge has no "Also asked" phrasing to measure it on. */
const PARAPHRASE_COSINE = 0.75;

/**
 * The knowledge's own cosine scale: `unrelated`, the mean over every heading and phrasing, and over
 * every other passage, of its best cosine to that passage's heading and phrasings (how alike a typical
 * unrelated passage looks); `paraphrase`, the mean over every "Also asked" phrasing of its best cosine
 * to its own passage's other phrasings (PARAPHRASE_COSINE when there are none). (The best over every
 * other passage at once, as before, grew with the number of phrasings: on the bakery's keyword-style
 * "Also asked" lines it rose above the paraphrase level, and the scale clamped.) Above SCALE_EXACT
 * passages `unrelated` is estimated, a mean like any other, over a seeded sample of SCALE_SAMPLE
 * passages on each side: every pair would cost the square of the knowledge's size (minutes of the
 * event loop at 10,000 passages), and the sample's mean is within a few thousandths of it.
 */
function cosineScale(heads: readonly Float32Array[][]): { unrelated: number; paraphrase: number } {
  let unrelated = 0;
  let n = 0;
  let paraphrase = 0;
  let m = 0;
  const sample = samplePositions(heads.length);
  for (const i of sample) {
    for (const h of heads[i]!) {
      let sum = 0;
      let others = 0;
      for (const k of sample) {
        if (k === i) continue;
        let best = -1;
        for (const t of heads[k]!) best = Math.max(best, cosine(h, t));
        [sum, others] = [sum + best, others + 1];
      }
      if (others > 0) [unrelated, n] = [unrelated + sum / others, n + 1];
    }
  }
  heads.forEach((mine) => {
    mine.forEach((h, j) => {
      if (j === 0) return;
      let own = -1;
      mine.forEach((t, l) => {
        if (l !== j) own = Math.max(own, cosine(h, t));
      });
      [paraphrase, m] = [paraphrase + own, m + 1];
    });
  });
  const u = n > 0 ? unrelated / n : 0;
  const p = m > 0 ? paraphrase / m : PARAPHRASE_COSINE;
  return { unrelated: u, paraphrase: Math.max(p, u + 0.05) };
}

/** Every passage's position up to SCALE_EXACT passages, else a seeded sample of SCALE_SAMPLE of them. */
function samplePositions(count: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= SCALE_EXACT) return all;
  const random = seededRandom(count);
  for (let i = 0; i < SCALE_SAMPLE; i++) {
    const j = i + Math.floor(random() * (count - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, SCALE_SAMPLE).sort((a, b) => a - b);
}

const SCALE_EXACT = 500;
const SCALE_SAMPLE = 400;

function relative(cos: number, scale: { unrelated: number; paraphrase: number }): number {
  return (cos - scale.unrelated) / (scale.paraphrase - scale.unrelated);
}

function average(vs: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(vs[0]?.length ?? 0);
  for (const v of vs) for (let i = 0; i < out.length; i++) out[i]! += v[i]! / vs.length;
  return out;
}

/** The vector less the knowledge's mean, unit length. */
function centre(v: Float32Array, mean: Float32Array): Float32Array {
  const d = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) d[i] = v[i]! - (mean[i] ?? 0);
  return unit(d);
}
