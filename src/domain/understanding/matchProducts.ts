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
import { allowedTypos, editDistance, singular } from './textTools.js';

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
  return products.filter((p) => mentions(tokens, p, headImplied));
}

function mentions(tokens: string[], product: string, headImplied: boolean): boolean {
  const words = product.toLowerCase().split(/\s+/).filter(Boolean).map(stem);
  const head = words[words.length - 1];
  if (!head) return false;
  const modifiers = words.slice(0, -1).filter((w) => !GENERIC.has(w));
  if (modifiers.length === 0) {
    const needsGeneric = words.length > 1;
    return needsGeneric ? words.every((w) => tokens.some((t) => same(t, w))) : tokens.some((t) => same(t, head));
  }
  return modifiers.every((m) => {
    const size = Object.entries(SIZES).find(([key]) => key === m);
    if (!size) return tokens.some((t) => same(t, m));
    return tokens.some(
      (t, i) => size[1].some((s) => same(t, s)) && (headImplied || tokens.slice(i + 1, i + 4).some((n) => same(n, head))),
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
  const allowed = Math.min(allowedTypos(word), 1);
  return allowed > 0 && token.length >= 5 && editDistance(token, word, allowed) <= allowed;
}
