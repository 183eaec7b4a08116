/**
 * The fixed dev/test split of every evaluation set: a question belongs to `dev` when the FNV-1a hash
 * of `SPLIT_SEED + its text` falls in the first DEV_SHARE of the range, else to `test`. It depends on
 * the text alone, so it is the same on every machine, for every set, and for a question file given
 * with --questions. Tuning (retrieval weights, the refusal model) reads `dev` only; the figures the
 * README reports and the gate in `npm test` read `test`.
 */
export const SPLIT_SEED = 'inbound-sales-bot/eval-split/v1';
export const DEV_SHARE = 0.3;

export type Split = 'dev' | 'test';

export function splitOf(question: string): Split {
  let h = 0x811c9dc5;
  for (const ch of SPLIT_SEED + question.trim().toLowerCase()) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x1_0000_0000 < DEV_SHARE ? 'dev' : 'test';
}

/** The items of one split (`all` keeps every item). */
export function inSplit<T>(items: readonly T[], split: Split | 'all', text: (item: T) => string): T[] {
  return split === 'all' ? [...items] : items.filter((item) => splitOf(text(item)) === split);
}
