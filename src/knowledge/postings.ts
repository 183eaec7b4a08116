/**
 * A compact inverted index: for each term, the passages that contain it, with a field-boosted term
 * frequency (for BM25) and flags for where it occurs. Scoring walks only the postings of the
 * question's terms, so a search costs the same whether the knowledge has 40 or 10,000 passages
 * that do not mention them.
 */

/** Where a term occurs in a passage. */
export const IN_HEAD = 1; // heading or "Also asked"
export const IN_TITLE = 2; // the document's title
export const IN_TEXT = 4; // the passage's text

/**
 * A term's passages in three parts, each in passage order: where it is in the heading or "Also
 * asked", where it is in the text (not the heading), where it is in the title alone. A match is worth
 * the same throughout a part, so pruned scoring (lexicalScoring.ts) bounds each part on its own.
 */
export interface Posting {
  docs: Int32Array;
  /** BM25's saturated, length-normalised term frequency per doc (field boosts applied). */
  tfs: Float32Array;
  flags: Uint8Array;
  /** Where the text part and the title part start (the heading part starts at 0). */
  textFrom: number;
  titleFrom: number;
  /** The largest term frequency of each part (plain fields: a large vocabulary has many postings). */
  maxHeadTf: number;
  maxTextTf: number;
  maxTitleTf: number;
}

/** One part of a posting: positions from..to-1, and its largest term frequency. */
export function postingPart(p: Posting, part: number): { from: number; to: number; maxTf: number } {
  if (part === PART_HEAD) return { from: 0, to: p.textFrom, maxTf: p.maxHeadTf };
  if (part === PART_TEXT) return { from: p.textFrom, to: p.titleFrom, maxTf: p.maxTextTf };
  return { from: p.titleFrom, to: p.docs.length, maxTf: p.maxTitleTf };
}

export const PART_HEAD = 0;
export const PART_TEXT = 1;
export const PART_TITLE = 2;

/** The part of a posting a match with these flags is in. */
const partOf = (flags: number): number => (flags & IN_HEAD ? PART_HEAD : flags === IN_TITLE ? PART_TITLE : PART_TEXT);

export interface FieldText {
  terms: string[];
  boost: number;
  flags: number;
}

/** BM25 parameters (the usual ones). */
const K1 = 1.2;
const B = 0.7;

export class Postings {
  private readonly postings = new Map<string, Posting>();
  readonly docLength: Float32Array;
  readonly avgLength: number;

  constructor(docs: readonly FieldText[][]) {
    // Terms get ids in the order first met, and each doc's counts live in arrays by id: the same
    // postings, in the same order, as with a map per doc, at a fraction of the map operations.
    const ids = new Map<string, number>();
    const terms: string[] = [];
    const building: { docs: number[]; tfs: number[]; flags: number[] }[] = [];
    let tf = new Float64Array(1024);
    let flags = new Uint8Array(1024);
    const inDoc: number[] = [];
    this.docLength = new Float32Array(docs.length);
    let total = 0;
    for (let doc = 0; doc < docs.length; doc++) {
      let length = 0;
      for (const field of docs[doc]!) {
        length += field.terms.length;
        for (const t of field.terms) {
          let id = ids.get(t);
          if (id === undefined) {
            id = terms.length;
            ids.set(t, id);
            terms.push(t);
            building.push({ docs: [], tfs: [], flags: [] });
            if (id >= tf.length) {
              const grownTf = new Float64Array(tf.length * 2);
              grownTf.set(tf);
              tf = grownTf;
              const grownFlags = new Uint8Array(flags.length * 2);
              grownFlags.set(flags);
              flags = grownFlags;
            }
          }
          if (flags[id] === 0 && tf[id] === 0) inDoc.push(id);
          tf[id] = tf[id]! + field.boost;
          flags[id] = flags[id]! | field.flags;
        }
      }
      this.docLength[doc] = length;
      total += length;
      for (const id of inDoc) {
        const p = building[id]!;
        p.docs.push(doc);
        p.tfs.push(tf[id]!);
        p.flags.push(flags[id]!);
        tf[id] = 0;
        flags[id] = 0;
      }
      inDoc.length = 0;
    }
    this.avgLength = docs.length > 0 ? total / docs.length : 1;
    for (let id = 0; id < terms.length; id++) {
      const p = building[id]!;
      const n = p.docs.length;
      const at = [0, 0, 0];
      for (let i = 0; i < n; i++) at[partOf(p.flags[i]!)]!++;
      const textFrom = at[PART_HEAD]!;
      const titleFrom = textFrom + at[PART_TEXT]!;
      at[PART_HEAD] = 0;
      at[PART_TEXT] = textFrom;
      at[PART_TITLE] = titleFrom;
      const docs = new Int32Array(n);
      const tfs = new Float32Array(n);
      const flags = new Uint8Array(n);
      const maxTf = [0, 0, 0];
      for (let i = 0; i < n; i++) {
        const f = p.tfs[i]!;
        const norm = 1 - B + (B * this.docLength[p.docs[i]!]!) / this.avgLength;
        const part = partOf(p.flags[i]!);
        const j = at[part]!++;
        docs[j] = p.docs[i]!;
        tfs[j] = (f * (K1 + 1)) / (f + K1 * norm);
        flags[j] = p.flags[i]!;
        if (tfs[j]! > maxTf[part]!) maxTf[part] = tfs[j]!;
      }
      const [maxHeadTf, maxTextTf, maxTitleTf] = maxTf as [number, number, number];
      this.postings.set(terms[id]!, { docs, tfs, flags, textFrom, titleFrom, maxHeadTf, maxTextTf, maxTitleTf });
    }
  }

  get(term: string): Posting | undefined {
    return this.postings.get(term);
  }

  /** Where a doc is in a posting (-1 if it is not there): a binary search in each part. */
  position(p: Posting, doc: number): number {
    const head = positionIn(p.docs, doc, 0, p.textFrom);
    if (head >= 0) return head;
    const text = positionIn(p.docs, doc, p.textFrom, p.titleFrom);
    return text >= 0 ? text : positionIn(p.docs, doc, p.titleFrom, p.docs.length);
  }

  /** How many passages contain the term. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  terms(): IterableIterator<string> {
    return this.postings.keys();
  }
}

/** Where `doc` is in docs[from..to-1] (ascending), or -1: a binary search. */
function positionIn(docs: Int32Array, doc: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && docs[lo] === doc ? lo : -1;
}
