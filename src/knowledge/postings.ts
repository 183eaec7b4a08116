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

export interface Posting {
  docs: Int32Array;
  /** BM25's saturated, length-normalised term frequency per doc (field boosts applied). */
  tfs: Float32Array;
  flags: Uint8Array;
}

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
    const building = new Map<string, { docs: number[]; tfs: number[]; flags: number[] }>();
    this.docLength = new Float32Array(docs.length);
    let total = 0;
    docs.forEach((fields, doc) => {
      const tf = new Map<string, number>();
      const flags = new Map<string, number>();
      let length = 0;
      for (const field of fields) {
        length += field.terms.length;
        for (const t of field.terms) {
          tf.set(t, (tf.get(t) ?? 0) + field.boost);
          flags.set(t, (flags.get(t) ?? 0) | field.flags);
        }
      }
      this.docLength[doc] = length;
      total += length;
      for (const [t, f] of tf) {
        let p = building.get(t);
        if (!p) building.set(t, (p = { docs: [], tfs: [], flags: [] }));
        p.docs.push(doc);
        p.tfs.push(f);
        p.flags.push(flags.get(t) ?? 0);
      }
    });
    this.avgLength = docs.length > 0 ? total / docs.length : 1;
    for (const [t, p] of building) {
      const tfs = Float32Array.from(p.tfs, (tf, i) => {
        const norm = 1 - B + (B * this.docLength[p.docs[i]!]!) / this.avgLength;
        return (tf * (K1 + 1)) / (tf + K1 * norm);
      });
      this.postings.set(t, { docs: Int32Array.from(p.docs), tfs, flags: Uint8Array.from(p.flags) });
    }
  }

  get(term: string): Posting | undefined {
    return this.postings.get(term);
  }

  /** How many passages contain the term. */
  df(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  terms(): IterableIterator<string> {
    return this.postings.keys();
  }
}
