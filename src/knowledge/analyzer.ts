/**
 * Text analysis shared by indexing and querying: normalisation (contractions, abbreviations,
 * spelling variants, numbers, currency amounts), question-aware phrase rewrites, stop words, Porter
 * stemming and a general commerce synonym table. The same function analyses passages and questions,
 * so every rewrite applies to both sides and can never make them drift apart.
 */
import { stemmer } from 'stemmer';
import type { KnowledgeLexiconSpec } from './knowledgeLexicon.js';
import { ABBREVIATIONS, NUMBER_WORDS, PHRASES, SPELLINGS, STOP_WORDS, SYNONYM_GROUPS, UNITS, WEAK_WORDS } from './lexicon.js';

/** True for words that count for little in a question (see WEAK_WORDS). */
export const isWeakWord = (word: string): boolean => WEAK_WORDS.has(word);

/** Words ending in "-less" that do not mean "without X". */
const NOT_WITHOUT = new Set(
  'unless regardless nevertheless nonetheless useless endless countless wireless careless hopeless stainless seamless timeless priceless doubtless homeless less'.split(
    ' ',
  ),
);

/** Widest "a–b" number range whose members are all indexed ("serves 20–24" matches "for 22"). */
const MAX_RANGE_SPAN = 30;

function rewriteWord(word: string, local?: LocalLexicon): string {
  const w = local?.abbreviations.get(word) ?? ABBREVIATIONS[word] ?? SPELLINGS[word] ?? NUMBER_WORDS[word];
  if (w !== undefined) return w;
  // Spelling: colour/flavour/favourite → color/flavor/favorite (3+ letters before, so "flour" stays).
  let out = word.replace(/^([a-z]{3,})our(s|ed|ing|ite|ites|ful|able)?$/, '$1or$2');
  // "sugarless", "eggless" mean "sugar free", "egg free".
  if (out.endsWith('less') && out.length > 7 && !NOT_WITHOUT.has(out)) out = `${out.slice(0, -4)} free`;
  return out;
}

/** Lowercase words with contractions, hyphenated prefixes, abbreviations and spellings rewritten. */
function normalizeWords(text: string, local?: LocalLexicon): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.]+/g, ' email $& ')
    .replace(/(?:\+\d{1,3}[\s.-]?)?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]\d{3,4}\b/g, ' phone ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/n't\b/g, ' not')
    .replace(/'(?:s|ll|re|ve|d|m)\b/g, '')
    .replace(/'/g, '')
    .replace(/\s&\s/g, ' and ')
    .replace(/\be mail\b/g, 'email')
    .replace(/\b([a-z])-([a-z]{2,})\b/g, '$1$2') // e-mail → email
    .replace(/[a-z0-9]+/g, (w) => rewriteWord(w, local));
}

function normalize(text: string, local?: LocalLexicon): string {
  let t = normalizeWords(text, local);
  for (const [pattern, replacement] of local?.phrases ?? []) t = t.replace(pattern, replacement);
  for (const [pattern, replacement] of PHRASES) t = t.replace(pattern, replacement);
  return t
    .replace(/(\d),(\d{3})\b/g, '$1$2')
    .replace(/(\d)(st|nd|rd|th)\b/g, '$1')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/[$€£]\s?(\d+(?:\.\d+)?)/g, ' price $1 ')
    .replace(/\b(\d{1,4})\s*(?:–|—|-|to)\s*(\d{1,4})\b/g, expandRange)
    .replace(/\b(\d+(?:\.\d+)?)\s*([a-z]+)\b/g, (m, n: string, unit: string) =>
      UNITS.has(unit) ? ` ${n}${stem(unit)} ${unit} ` : m,
    );
}

function expandRange(match: string, a: string, b: string): string {
  const from = Number(a);
  const to = Number(b);
  if (!(to > from) || to - from > MAX_RANGE_SPAN) return match;
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return ` ${out.join(' ')} `;
}

const stemCache = new Map<string, string>();

/**
 * Common English words the Porter stemmer cuts down to another common word's stem (overstemming):
 * "business" and "busy" both to *busi*, "news" to *new*, "generous" and "general" to *gener*,
 * "experiment" and "experience" to *experi*. Each keeps a stem of its own.
 */
const OWN_STEM: Record<string, string> = {
  business: 'business',
  businesses: 'business',
  news: 'news',
  generous: 'generous',
  generously: 'generous',
  experiment: 'experiment',
  experiments: 'experiment',
};

/** Stems one lowercase word (numbers are kept as written). */
export function stem(word: string): string {
  if (/^\d/.test(word)) return word.replace(/\.0+$/, '');
  let s = stemCache.get(word);
  if (s === undefined) {
    s = OWN_STEM[word] ?? stemmer(word);
    if (stemCache.size < 50_000) stemCache.set(word, s);
  }
  return s;
}

/** One analysed word: as written (after normalisation) and its stemmed term. */
export interface Token {
  word: string;
  term: string;
}

/** Content words of a text with their stemmed terms, stop words removed, in order. */
/** Letters kept as words when alone: not articles, pronouns or chat shorthand (a, i, u, r, c, y, n…). */
const SINGLE_LETTERS = new Set(['b', 'e', 'f', 'g', 'h', 'j', 'k', 'l', 'p', 'q', 'v', 'w', 'x', 'z']);

export function tokenize(text: string, local?: LocalLexicon): Token[] {
  const out: Token[] = [];
  for (const word of normalize(text, local).split(/[^a-z0-9.]+|\.(?!\d)/)) {
    // A letter alone names nothing, except as part of a model's name ("Metro E", "Model X"): the
    // letters that are not also articles, pronouns or chat shorthand are kept (SINGLE_LETTERS).
    if (!word || STOP_WORDS.has(word) || (word.length === 1 && !/\d/.test(word) && !SINGLE_LETTERS.has(word))) continue;
    out.push({ word, term: stem(word) });
  }
  return out;
}

/** Content terms of a text, stemmed, stop words removed, in order (duplicates kept). */
export function analyze(text: string, local?: LocalLexicon): string[] {
  return tokenize(text, local).map((t) => t.term);
}

/**
 * Stems a word might reduce to under derivation the Porter stemmer leaves alone ("weekly" → week,
 * "refundable" → refund), tried only for words the knowledge does not use as written.
 */
export function derivedStems(word: string): string[] {
  const out = new Set<string>();
  for (const [suffix, replacement] of DERIVATIONS) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) out.add(stem(word.slice(0, -suffix.length) + replacement));
  }
  out.delete(stem(word));
  return [...out];
}
const DERIVATIONS: [string, string][] = [
  ['ily', 'y'],
  ['ly', ''],
  ['ness', ''],
  ['ful', ''],
  ['ment', ''],
  ['able', ''],
  ['ible', ''],
  ['ers', ''],
  ['er', ''],
  ['ist', ''],
  ['ation', 'e'],
  ['ation', ''],
  ['ing', 'e'],
  ['ed', 'e'],
  ['ies', 'y'],
  ['ier', 'y'],
  ['iest', 'y'],
  ['est', ''],
];

function synonymMap(
  groups: readonly (readonly [number, readonly string[]])[],
  local?: LocalLexicon,
): Map<string, Map<string, number>> {
  const map = new Map<string, Map<string, number>>();
  for (const [weight, group] of groups) {
    const stems = [...new Set(group.flatMap((w) => analyze(w, local)))];
    for (const s of stems) {
      const own = map.get(s) ?? new Map<string, number>();
      for (const other of stems) if (other !== s && (own.get(other) ?? 0) < weight) own.set(other, weight);
      map.set(s, own);
    }
  }
  return map;
}

const SYNONYMS = synonymMap(SYNONYM_GROUPS);

/** Stemmed synonyms of a stemmed term, with how much a match through each is worth (0–1). */
export function synonymsOf(term: string, local?: LocalLexicon): ReadonlyMap<string, number> {
  return local ? local.synonymsOf(term) : (SYNONYMS.get(term) ?? EMPTY);
}

/** What a knowledge folder's synonyms.yaml contributes, compiled once for its index. */
export class LocalLexicon {
  readonly abbreviations: ReadonlyMap<string, string>;
  readonly phrases: readonly [RegExp, string][];
  private readonly synonyms: Map<string, Map<string, number>>;
  private readonly merged = new Map<string, ReadonlyMap<string, number>>();

  constructor(spec: KnowledgeLexiconSpec) {
    this.abbreviations = new Map(Object.entries(spec.abbreviations));
    const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.phrases = Object.entries(spec.phrases).flatMap(([word, phrasings]) =>
      phrasings.map((p): [RegExp, string] => {
        const words = normalizeWords(p)
          .split(/[^a-z0-9]+/)
          .filter(Boolean);
        return [new RegExp(`\\b${words.map(escape).join('\\s+')}\\b`, 'g'), ` ${normalizeWords(word)} `];
      }),
    );
    this.synonyms = synonymMap(
      spec.synonyms.map((g) => [0.8, g] as const),
      this,
    );
  }

  /** The general synonyms of a term merged with this business's. */
  synonymsOf(term: string): ReadonlyMap<string, number> {
    const hit = this.merged.get(term);
    if (hit) return hit;
    const own = this.synonyms.get(term);
    const general = SYNONYMS.get(term);
    let out: ReadonlyMap<string, number> = general ?? EMPTY;
    if (own) {
      const m = new Map(general ?? []);
      for (const [t, w] of own) if ((m.get(t) ?? 0) < w) m.set(t, w);
      out = m;
    }
    this.merged.set(term, out);
    return out;
  }
}

const EMPTY: ReadonlyMap<string, number> = new Map();

/**
 * Finds vocabulary terms one edit (deletion, insertion, substitution or transposition) away, with a
 * symmetric-deletion index so a lookup costs a few hash probes whatever the vocabulary's size.
 */
export class TypoIndex {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(
    vocabulary: Iterable<string>,
    private readonly minLength = 6,
  ) {
    for (const term of vocabulary) {
      if (term.length < minLength - 1 || /\d/.test(term)) continue;
      for (const key of deletions(term)) {
        const list = this.byDeletion.get(key);
        if (list) list.push(term);
        else this.byDeletion.set(key, [term]);
      }
    }
  }

  /** Vocabulary terms within one edit of `term` (excluding the term itself). */
  near(term: string): string[] {
    if (term.length < this.minLength || /\d/.test(term)) return [];
    const found = new Set<string>();
    for (const key of deletions(term)) for (const t of this.byDeletion.get(key) ?? []) found.add(t);
    found.delete(term);
    return [...found].filter((t) => withinOneEdit(term, t));
  }
}

function deletions(term: string): string[] {
  const out = [term];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
