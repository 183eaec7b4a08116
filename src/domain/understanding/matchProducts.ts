/**
 * Maps mentions in free text to the business's canonical product names.
 *
 * Each product name is split into words (singular, lower case). The last word is the head noun
 * ("cake", "box", "cupcake"); the others are modifiers of three kinds:
 * - generic words ("celebration") are optional: "large cake" is the "Large celebration cake";
 * - size words (small, medium, large, with synonyms) count only with the head noun within the next
 *   three words: "large chocolate cake" → Large celebration cake, "large box of cupcakes" → not;
 * - any other modifier is distinctive and matches on its own: "cookies" → Cookie box,
 *   "3-tier" → Tiered cake, "custom design" → Custom cake.
 * A product with no modifiers ("Cupcakes") matches its head noun. A bare "cake" matches nothing,
 * because it does not say which one. Words of five or more letters may carry one typo.
 */
import { allowedTypos, singular, withinOneEdit } from './textTools.js';

const GENERIC = new Set(['celebration', 'the', 'a', 'of', 'and', 'with']);
const SIZES: Record<string, string[]> = {
  small: ['small', 'little', 'mini', 'smaller'],
  medium: ['medium', 'regular', 'mid', 'midsize', 'med'],
  large: ['large', 'big', 'bigger', 'larger', 'huge'],
};
/** Common words one typo away from product words, never to be "corrected". */
const NOT_TYPOS = new Set(['shall', 'smell', 'stall', 'spall', 'barge', 'lager', 'cooked', 'tired', 'tires', 'tiers']);

/**
 * `headImplied`: the text answers "what would you like to order?", so a size word alone names its
 * product ("medium chocolate" → the Medium celebration cake).
 */
export function matchProducts(text: string, products: readonly string[], { headImplied = false } = {}): string[] {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(stem);
  const out: string[] = [];
  for (const p of productWordsOf(products)) if (mentions(tokens, p, headImplied)) out.push(p.name);
  return out;
}

/** A product name read into its words: the head noun, the modifiers that count, their size synonyms. */
interface ProductWords {
  name: string;
  words: string[];
  head: string | undefined;
  /** Modifiers that are not generic, each with its size synonyms when it is a size word. */
  modifiers: Array<{ word: string; sizes: string[] | undefined }>;
}

/**
 * Product lists are read once: the turn reader and the dialogs pass the same business's list on
 * every message, so its words are kept with the list (and go with it).
 */
const parsedLists = new WeakMap<readonly string[], ProductWords[]>();

function productWordsOf(products: readonly string[]): ProductWords[] {
  let parsed = parsedLists.get(products);
  // A list changed in place is read again.
  if (!parsed || parsed.length !== products.length || parsed.some((p, i) => p.name !== products[i])) {
    parsed = products.map((name) => {
      const words = name.toLowerCase().split(/\s+/).filter(Boolean).map(stem);
      const modifiers = words
        .slice(0, -1)
        .filter((w) => !GENERIC.has(w))
        .map((word) => ({ word, sizes: Object.entries(SIZES).find(([key]) => key === word)?.[1] }));
      return { name, words, head: words[words.length - 1], modifiers };
    });
    parsedLists.set(products, parsed);
  }
  return parsed;
}

function mentions(tokens: string[], { words, head, modifiers }: ProductWords, headImplied: boolean): boolean {
  if (!head) return false;
  if (modifiers.length === 0) {
    const needsGeneric = words.length > 1;
    return needsGeneric ? words.every((w) => tokens.some((t) => same(t, w))) : tokens.some((t) => same(t, head));
  }
  return modifiers.every(({ word: m, sizes }) => {
    if (!sizes) return tokens.some((t) => same(t, m));
    return tokens.some(
      (t, i) => sizes.some((s) => same(t, s)) && (headImplied || tokens.slice(i + 1, i + 4).some((n) => same(n, head))),
    );
  });
}

function stem(word: string): string {
  const s = singular(word);
  return s.length > 5 && s.endsWith('ed') ? s.slice(0, -2) : s;
}

function same(token: string, word: string): boolean {
  if (token === word) return true;
  if (NOT_TYPOS.has(token)) return false;
  return allowedTypos(word) > 0 && token.length >= 5 && withinOneEdit(token, word);
}
