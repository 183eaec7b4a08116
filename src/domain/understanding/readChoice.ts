/**
 * Reads which of a few offered choices a customer picked: by position ("2", "the second one", "the
 * last"), by time when the choices are times ("9:30", "the 10 o'clock one", "half nine"), or by its
 * words and their synonyms ("I'll collect it" for Pickup), forgiving small typos ("pikcup"). "No X"
 * with two choices is the other one; "none of those" and "whichever" pick nothing.
 */
import { readWhen, type WhenContext } from './readWhen.js';

export interface ChoiceOption {
  label: string;
  /** Other words and phrases for it ("collect", "come and get it"). */
  synonyms?: string[];
  /** HH:MM when the choice is a time (an alternative callback slot). */
  time?: string;
}

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(?:first|1st|one|earliest)\b/, 0],
  [/\b(?:second|2nd|two|middle)\b/, 1],
  [/\b(?:third|3rd|three)\b/, 2],
  [/\b(?:fourth|4th|four)\b/, 3],
  [/\b(?:last|latest|final)\b/, -1],
];
const NONE = /\b(?:none|neither|nothing|whichever|either|not sure|don'?t know|dunno|instead|cheaper|different|another)\b/;

export function readChoice(
  text: string,
  options: ChoiceOption[],
  when?: WhenContext,
  /** Only a choice's own words count (for reading a choice from a message that answered another question). */
  wordsOnly = false,
): number | undefined {
  // "the second one" is "the second"; a lone "one" stays.
  const t = ` ${text.toLowerCase().replace(/[’‘]/g, "'").trim()} `.replace(/([a-z])\s+one\b/g, '$1');
  if (!t.trim()) return undefined;
  const byWords = (s: string): number[] => options.flatMap((o, i) => (mentions(s, o) ? [i] : []));

  // "no delivery", "don't deliver, I'll pick it up": the negated one is out.
  const negated = /\b(?:no|not|don'?t|do not|won'?t)\s+(\w+(?:\s+\w+)?)/.exec(t);
  if (negated) {
    const out = byWords(` ${negated[1]} `);
    const rest = byWords(t.replace(negated[0], ' ')).filter((i) => !out.includes(i));
    if (rest.length === 1) return rest[0];
    if (out.length === 1 && options.length === 2) return 1 - out[0]!;
  }
  if (wordsOnly) {
    const named = byWords(t);
    return named.length === 1 ? named[0] : undefined;
  }
  if (/\?\s*$|^\s*(?:how|what|when|why|which|is|are|does|do you)\b/.test(t) && !/^\s*(?:can|could) (?:you|i)\b/.test(t))
    return undefined;
  if (NONE.test(t)) return undefined;

  const number = /^\s*(?:option|number|no\.?|#)?\s*(\d)\s*(?:please|pls|thanks)?[.!]?\s*$/.exec(t);
  if (number && Number(number[1]) >= 1 && Number(number[1]) <= options.length) return Number(number[1]) - 1;

  if (options.some((o) => o.time) && when) {
    const read = readWhen(text, { ...when, openingOn: () => [{ from: '00:00', to: '23:59' }] });
    const hit = read?.from ? matchTime(read.from, options) : undefined;
    if (hit !== undefined) return hit;
  }
  const words = byWords(t);
  if (words.length === 1) return words[0];
  for (const [re, n] of ORDINALS) if (re.test(t)) return n === -1 ? options.length - 1 : n < options.length ? n : undefined;
  const fuzzy = options.flatMap((o, i) => (fuzzyMentions(t, o) ? [i] : []));
  return fuzzy.length === 1 ? fuzzy[0] : undefined;
}

/** The choice at that time; a bare hour ("9") matches 9:00 or 21:00. */
function matchTime(from: string, options: ChoiceOption[]): number | undefined {
  const exact = options.findIndex((o) => o.time === from);
  if (exact >= 0) return exact;
  const h = Number(from.slice(0, 2));
  const other = `${String((h + 12) % 24).padStart(2, '0')}${from.slice(2)}`;
  const twin = options.findIndex((o) => o.time === other);
  return twin >= 0 ? twin : undefined;
}

function phrases(o: ChoiceOption): string[] {
  return [o.label, ...(o.synonyms ?? [])].map((p) => p.toLowerCase());
}

function mentions(t: string, o: ChoiceOption): boolean {
  return phrases(o).some((p) => new RegExp(`(?<![a-z])${escape(p)}(?![a-z])`).test(t));
}

function fuzzyMentions(t: string, o: ChoiceOption): boolean {
  const tokens = t.match(/[a-z]{4,}/g) ?? [];
  return phrases(o).some(
    (p) => !p.includes(' ') && p.length >= 5 && tokens.some((w) => distance(w, p) <= (p.length >= 7 ? 2 : 1)),
  );
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Optimal string alignment distance (Levenshtein with transpositions). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
