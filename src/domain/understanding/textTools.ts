/** Small text helpers shared by the offline intent classifier and entity extractors. */

/** Lower-cases, unifies apostrophes, drops other punctuation and collapses whitespace. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/'/g, '')
    .replace(/[^a-z0-9$@.\s]/g, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped at max + 1. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return Math.min(rows[a.length]![b.length]!, max + 1);
}

/**
 * Whether a and b are at most one edit apart (editDistance(a, b, 1) <= 1: one substitution, insertion,
 * deletion or swap of neighbours), without building the distance table: it runs on every word of every
 * message against every product word.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.length - short.length > 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    // One substitution at i, or i and i + 1 swapped.
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  // One character of the longer left out at i.
  return short.slice(i) === long.slice(i + 1);
}

/** Typos are forgiven in proportion to length: none under 5 letters, 1 up to 7, 2 from 8. */
export function allowedTypos(word: string): number {
  if (word.length < 5) return 0;
  return word.length < 8 ? 1 : 2;
}

/** Crude singular form: cupcakes → cupcake, boxes → box, berries → berry, cookies → cookie. */
export function singular(word: string): string {
  // berries → berry, parties → party; but cookies → cookie, brownies → brownie, pies → pie.
  if (word.length > 5 && /[^knh]ies$/.test(word)) return word.slice(0, -3) + 'y';
  if (word.length > 3 && /(x|ch|sh|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
