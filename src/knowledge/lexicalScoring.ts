/**
 * The lexical index's top-k: which passages rank best for a question's concepts, and their scores.
 *
 * A passage's ranking score is (1 − β)·RC/T + β·BM/M: RC the concept weight it covers for ranking
 * (per concept, the best match among the concept's vocabulary terms: the word itself, its synonyms,
 * typo and derived forms), T the question's total concept weight, BM its BM25F sum over every matched
 * term and M the best BM25 of any passage. Both parts are sums over the question's term lists, so the
 * top-k is found with max-score pruning (Turtle & Flood 1995) instead of scoring every passage that
 * shares a word with the question: each list has an upper bound on what it adds (from its best term
 * frequency and where the term occurs), and a passage whose bound cannot reach the k-th best so far is
 * skipped, and a list whose passages cannot reach it on their own is only probed for passages the
 * others bring. Two passes: the best BM25 (M) first, then the top-k with M known.
 *
 * The result is exact, not approximate: every passage that could make the top is scored in full, with
 * the same arithmetic in the same order as the exhaustive walk (`exhaustiveTop`, kept as the
 * reference the tests compare with), and ties are broken as that walk breaks them (the passage met
 * first: by its first term list in question order, then by position).
 */
import { IN_HEAD, IN_TITLE, type Posting } from './postings.js';

/**
 * One part of the postings of one vocabulary term of one question concept (postings.ts: heading,
 * text, title alone), and what a match on it is worth.
 */
export interface TermList {
  posting: Posting;
  /** The part: posting positions from..to-1. */
  from: number;
  to: number;
  /** The largest term frequency in the part. */
  maxTf: number;
  /** The ranking worth of every match in the part (headRank, rankWorth or titleRank). */
  partRank: number;
  /** The term's position among the question's terms (its parts share it), in question order. */
  term: number;
  /** The concept's position in the question, and its weight. */
  concept: number;
  weight: number;
  /** BM25 weight of a match: worth² · concept weight · idf. */
  boost: number;
  /** Coverage worth of a match (the term's worth; in the title alone, scaled). */
  worth: number;
  titleWorth: number;
  /** Ranking worth of a match: in the text, in the heading or "Also asked", in the title alone. */
  rankWorth: number;
  headRank: number;
  titleRank: number;
}

/** A passage of the top-k, with what its confidence is computed from. */
export interface Scored {
  doc: number;
  rank: number;
  /** The concept weight covered, and the part of it covered in the heading, "Also asked" or title. */
  covered: number;
  topic: number;
}

export interface TopKQuery {
  /** In question order: concept by concept, each concept's terms in the order they were found. */
  lists: readonly TermList[];
  concepts: number;
  /** The question's total concept weight (T) and the BM25 share of the ranking (β). */
  totalWeight: number;
  bm25Share: number;
  k: number;
}

/**
 * Relative slack on every bound: a bound is a sum of the same products as the score, in another
 * order, so rounding can put it a few units in the last place below the score; 1e-9 is far above that.
 */
const SLACK = 1 + 1e-9;

/** The first position in from..n-1 whose doc is ≥ `target` (n if none; galloping, then binary search). */
function seek(docs: Int32Array, from: number, n: number, target: number): number {
  if (from >= n || docs[from]! >= target) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < n && docs[hi]! < target) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  // docs[lo] < target; the answer is in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** No passage: past the end of a list. */
const DONE = 0x7fffffff;

/**
 * Cursors on the lists, moved forward only (passages are visited in passage order), and what was
 * found of the current passage in each list.
 */
class Walk {
  private readonly docs: Int32Array[];
  private readonly end: Int32Array;
  private readonly cursor: Int32Array;
  /** The doc at each cursor (DONE past the end). */
  private readonly head: Int32Array;
  /** Per list: whether the current passage is in it. */
  readonly found: Uint8Array;
  /** The lists the current passage was found in (to clear them). */
  private readonly hits: Int32Array;
  private hitCount = 0;

  constructor(lists: readonly TermList[]) {
    const n = lists.length;
    this.docs = lists.map((l) => l.posting.docs);
    this.end = Int32Array.from(lists, (l) => l.to);
    this.cursor = Int32Array.from(lists, (l) => l.from);
    this.head = Int32Array.from(lists, (l) => (l.from < l.to ? l.posting.docs[l.from]! : DONE));
    this.found = new Uint8Array(n);
    this.hits = new Int32Array(n);
  }

  /** The smallest doc at the cursors of lists order[from..], or -1 when they are all done. */
  next(order: Int32Array, from: number): number {
    let d = DONE;
    for (let j = from; j < order.length; j++) {
      const h = this.head[order[j]!]!;
      if (h < d) d = h;
    }
    return d === DONE ? -1 : d;
  }

  /** Marks `doc` in lists order[from..] whose cursor is on it, moving those cursors past it. */
  take(order: Int32Array, from: number, doc: number): void {
    for (let j = from; j < order.length; j++) {
      const li = order[j]!;
      if (this.head[li] === doc) this.mark(li, this.cursor[li]!);
    }
  }

  /** Moves list `li`'s cursor to `doc` or past it; true (and marked) when the list has it. */
  probe(li: number, doc: number): boolean {
    if (this.head[li]! > doc) return false;
    const docs = this.docs[li]!;
    const end = this.end[li]!;
    const c = seek(docs, this.cursor[li]!, end, doc);
    if (c < end && docs[c] === doc) {
      this.mark(li, c);
      return true;
    }
    this.cursor[li] = c;
    this.head[li] = c < end ? docs[c]! : DONE;
    return false;
  }

  private mark(li: number, c: number): void {
    this.found[li] = 1;
    this.hits[this.hitCount++] = li;
    const next = c + 1;
    this.cursor[li] = next;
    this.head[li] = next < this.end[li]! ? this.docs[li]![next]! : DONE;
  }

  clear(): void {
    for (let i = 0; i < this.hitCount; i++) this.found[this.hits[i]!] = 0;
    this.hitCount = 0;
  }
}

/** Indices of the lists ordered by a bound, smallest first. */
function byBound(bounds: Float64Array): Int32Array {
  return Int32Array.from(bounds.keys()).sort((a, b) => bounds[a]! - bounds[b]! || a - b);
}

/**
 * Every passage's BM25 sum over the lists, added list by list in question order (the exhaustive
 * walk's arithmetic), into `bm` (all zeros before); returns the best. A plain pass over the postings:
 * cheaper than pruning it, and the exact sums then bound the ranking with no BM25 slack.
 */
function accumulateBm25(lists: readonly TermList[], bm: Float64Array): number {
  let best = 0;
  for (const l of lists) {
    const { docs, tfs } = l.posting;
    const { boost } = l;
    for (let i = l.from; i < l.to; i++) {
      const d = docs[i]!;
      const s = (bm[d] = bm[d]! + boost * tfs[i]!);
      if (s > best) best = s;
    }
  }
  return best;
}

/** Whether list `l` has `doc`, and where (binary search; -1 if not). */
function find(l: TermList, doc: number): number {
  const { docs } = l.posting;
  let lo = l.from;
  let hi = l.to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < l.to && docs[lo] === doc ? lo : -1;
}

interface Ranked {
  doc: number;
  rank: number;
  /** The first term (in question order) the passage has, where the exhaustive walk meets it; -1 until needed. */
  term: number;
}

/**
 * The k best passages by ranking score, best first (exact: the same passages, scores and order as
 * `exhaustiveTop`). `bm` is scratch space, one zero per passage, left zeroed.
 */
export function prunedTop(query: TopKQuery, bm: Float64Array): Scored[] {
  const { lists, concepts, k } = query;
  const n = lists.length;
  if (n === 0 || k <= 0) return [];
  const best = accumulateBm25(lists, bm);
  try {
    const top = rankTop(query, bm, best);
    const weights = new Float64Array(concepts);
    for (const l of lists) weights[l.concept] = l.weight;
    const scratch = {
      bestWorth: new Float64Array(concepts),
      bestTopic: new Float64Array(concepts),
      has: new Uint8Array(concepts),
    };
    return top.map(({ doc, rank }) => ({ doc, rank, ...coverage(lists, weights, scratch, doc) }));
  } finally {
    for (const l of lists) for (let i = l.from; i < l.to; i++) bm[l.posting.docs[i]!] = 0;
  }
}

/** The first term in question order that the passage has (how the exhaustive walk breaks ties). */
function firstTerm(lists: readonly TermList[], doc: number): number {
  for (const l of lists) if (find(l, doc) >= 0) return l.term;
  return lists.length;
}

/** The top-k by rank, by max-score over the ranking coverage with each passage's exact BM25 known. */
function rankTop(query: TopKQuery, bm: Float64Array, best: number): Ranked[] {
  const { lists, concepts, totalWeight, bm25Share, k } = query;
  const n = lists.length;
  // Rank = a·RC + b·BM (in exact arithmetic); RC's bounds in those units.
  const a = (1 - bm25Share) / totalWeight;
  const b = bm25Share / (best || 1);
  const rankBound = Float64Array.from(lists, (l) => l.weight * l.partRank);
  const order = byBound(rankBound);
  // alone[j]: the most ranking coverage a passage found only in lists order[0..j-1] can have (a
  // concept counts its best match, not the sum of its lists).
  const alone = new Float64Array(n + 1);
  {
    const conceptBest = new Float64Array(concepts);
    let rc = 0;
    for (let j = 0; j < n; j++) {
      const li = order[j]!;
      const c = lists[li]!.concept;
      if (rankBound[li]! > conceptBest[c]!) {
        rc += rankBound[li]! - conceptBest[c]!;
        conceptBest[c] = rankBound[li]!;
      }
      alone[j + 1] = rc;
    }
  }
  // The non-essential lists by concept, each concept's best first: a passage is looked up in them
  // concept by concept, where its bound is least certain, until the bound falls below the floor or
  // every concept's best match is known.
  const byConcept = new Int32Array(n);
  const start = new Int32Array(concepts + 1);
  const split = (ne: number): void => {
    const rest = Array.from(order.subarray(0, ne)).sort(
      (x, y) => lists[x]!.concept - lists[y]!.concept || rankBound[y]! - rankBound[x]! || x - y,
    );
    byConcept.set(rest);
    start.fill(0);
    for (const li of rest) start[lists[li]!.concept + 1]!++;
    for (let c = 0; c < concepts; c++) start[c + 1]! += start[c]!;
  };
  const walk = new Walk(lists);
  const foundRank = new Float64Array(concepts);
  const next = new Int32Array(concepts); // per concept, its next list to look up (an index into byConcept)
  const top: Ranked[] = [];
  const termOf = (r: Ranked): number => (r.term >= 0 ? r.term : (r.term = firstTerm(lists, r.doc)));
  // Whether x beats y: higher rank, then met first by the exhaustive walk (first term, then position).
  const beats = (x: Ranked, y: Ranked): boolean =>
    x.rank > y.rank || (x.rank === y.rank && (termOf(x) < termOf(y) || (termOf(x) === termOf(y) && x.doc < y.doc)));
  let floor = -Infinity; // the k-th best rank once there are k
  let ne = 0; // lists order[0..ne-1] are non-essential: no passage of theirs alone can reach `floor`
  for (let d = walk.next(order, ne); d >= 0; d = walk.next(order, ne)) {
    walk.take(order, ne, d);
    foundRank.fill(0);
    for (let j = ne; j < n; j++) {
      const li = order[j]!;
      const c = lists[li]!.concept;
      if (walk.found[li] && rankBound[li]! > foundRank[c]!) foundRank[c] = rankBound[li]!;
    }
    next.set(start.subarray(0, concepts));
    const bmPart = b * bm[d]!;
    let alive = true;
    for (;;) {
      let rc = 0;
      let widest = 0;
      let which = -1;
      for (let c = 0; c < concepts; c++) {
        const pending = next[c]! < start[c + 1]! ? rankBound[byConcept[next[c]!]!]! : 0;
        const f = foundRank[c]!;
        rc += pending > f ? pending : f;
        if (pending - f > widest) {
          widest = pending - f;
          which = c;
        }
      }
      if ((a * rc + bmPart) * SLACK < floor) {
        alive = false;
        break;
      }
      if (which < 0) break;
      const li = byConcept[next[which]!++]!;
      if (walk.probe(li, d) && rankBound[li]! > foundRank[which]!) foundRank[which] = rankBound[li]!;
    }
    walk.clear();
    if (!alive) continue;
    // Every concept's best match is known: the exact rank, with the exhaustive walk's arithmetic.
    let rankCovered = 0;
    for (let c = 0; c < concepts; c++) if (foundRank[c]! > 0) rankCovered += foundRank[c]!;
    const r: Ranked = {
      doc: d,
      rank: (1 - bm25Share) * (rankCovered / totalWeight) + (bm25Share * bm[d]!) / (best || 1),
      term: -1,
    };
    if (top.length === k && !beats(r, top[k - 1]!)) continue;
    let i = top.length;
    while (i > 0 && beats(r, top[i - 1]!)) i--;
    top.splice(i, 0, r);
    if (top.length > k) top.pop();
    if (top.length === k && top[k - 1]!.rank > floor) {
      floor = top[k - 1]!.rank;
      // Ties with the floor can still enter (met first), so only lists strictly below it drop out.
      const was = ne;
      while (ne < n && (a * alone[ne + 1]! + bm25Share) * SLACK < floor) ne++;
      if (ne !== was) split(ne);
    }
  }
  return top;
}

/** A passage's coverage and topic coverage: per concept its best match, added concept by concept. */
function coverage(
  lists: readonly TermList[],
  weights: Float64Array,
  scratch: { bestWorth: Float64Array; bestTopic: Float64Array; has: Uint8Array },
  doc: number,
): { covered: number; topic: number } {
  const { bestWorth, bestTopic, has } = scratch;
  bestWorth.fill(0);
  bestTopic.fill(0);
  has.fill(0);
  for (const l of lists) {
    const at = find(l, doc);
    if (at < 0) continue;
    const flags = l.posting.flags[at]!;
    const c = l.concept;
    has[c] = 1;
    // A word only in the document's title is shared by all its passages: weaker evidence.
    const worth = flags === IN_TITLE ? l.titleWorth : l.worth;
    if (worth > bestWorth[c]!) bestWorth[c] = worth;
    if (flags & (IN_HEAD | IN_TITLE) && worth > bestTopic[c]!) bestTopic[c] = worth;
  }
  let covered = 0;
  let topic = 0;
  for (let c = 0; c < weights.length; c++) {
    if (!has[c]) continue;
    covered += bestWorth[c]! * weights[c]!;
    topic += bestTopic[c]! * weights[c]!;
  }
  return { covered, topic };
}

/**
 * The same top-k by scoring every passage in the lists, term list by term list (the reference the
 * pruned walk is tested against).
 */
export function exhaustiveTop(query: TopKQuery, docCount: number): Scored[] {
  const { lists, totalWeight, bm25Share, k } = query;
  const seen = new Uint8Array(docCount);
  const covered = new Float64Array(docCount);
  const rankCovered = new Float64Array(docCount);
  const topic = new Float64Array(docCount);
  const bm25 = new Float64Array(docCount);
  const best = new Float64Array(docCount);
  const bestRank = new Float64Array(docCount);
  const bestTopic = new Float64Array(docCount);
  const inConcept = new Uint8Array(docCount);
  const touched: number[] = [];
  let li = 0;
  while (li < lists.length) {
    const c = lists[li]!.concept;
    const weight = lists[li]!.weight;
    const members: number[] = [];
    while (li < lists.length && lists[li]!.concept === c) {
      // A term's parts, merged back into passage order (the order the walk meets passages in).
      const term = lists[li]!.term;
      const matches: { l: TermList; i: number }[] = [];
      for (; li < lists.length && lists[li]!.term === term; li++) {
        const l = lists[li]!;
        for (let i = l.from; i < l.to; i++) matches.push({ l, i });
      }
      matches.sort((x, y) => x.l.posting.docs[x.i]! - y.l.posting.docs[y.i]!);
      for (const { l, i } of matches) {
        const d = l.posting.docs[i]!;
        if (!seen[d]) {
          seen[d] = 1;
          touched.push(d);
        }
        if (!inConcept[d]) {
          inConcept[d] = 1;
          members.push(d);
          best[d] = bestRank[d] = bestTopic[d] = 0;
        }
        const flags = l.posting.flags[i]!;
        const worth = flags === IN_TITLE ? l.titleWorth : l.worth;
        if (worth > best[d]!) best[d] = worth;
        const r = flags & IN_HEAD ? l.headRank : flags === IN_TITLE ? l.titleRank : l.rankWorth;
        if (r > bestRank[d]!) bestRank[d] = r;
        if (flags & (IN_HEAD | IN_TITLE) && worth > bestTopic[d]!) bestTopic[d] = worth;
        bm25[d]! += l.boost * l.posting.tfs[i]!;
      }
    }
    for (const d of members) {
      inConcept[d] = 0;
      covered[d]! += best[d]! * weight;
      rankCovered[d]! += bestRank[d]! * weight;
      topic[d]! += bestTopic[d]! * weight;
    }
  }
  let maxBm = 0;
  for (const d of touched) if (bm25[d]! > maxBm) maxBm = bm25[d]!;
  const top: Scored[] = [];
  for (const d of touched) {
    const rank = (1 - bm25Share) * (rankCovered[d]! / totalWeight) + (bm25Share * bm25[d]!) / (maxBm || 1);
    if (top.length === k && rank <= top[top.length - 1]!.rank) continue;
    let i = top.length;
    while (i > 0 && top[i - 1]!.rank < rank) i--;
    top.splice(i, 0, { doc: d, rank, covered: covered[d]!, topic: topic[d]! });
    if (top.length > k) top.pop();
  }
  return top;
}
