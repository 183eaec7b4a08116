/**
 * The words a business's catalogue gives its products, taken from the names and aliases of the
 * products one can order (business.yaml `products`, as the recognizer context carries them), with
 * their singular or plural: the order rules ("can I get two …") and the quantity reader ("one …")
 * read them, so no trade is written into code. A shop with nothing to order (the second test shop
 * lists its range only for advice) gets the generic units alone (box, dozen, pack, one).
 */
const GENERIC = ['box', 'boxes', 'dozen', 'pack', 'packs', 'piece', 'pieces', 'set', 'sets', 'item', 'items', 'one', 'ones'];
/** Words in product names that say nothing about what is sold. */
const FILLER = new Set(['the', 'and', 'with', 'for', 'our', 'your', 'inch', 'per']);

const sources = new WeakMap<readonly string[], string>();

/** Product words from names and aliases ("Large gift box", "cargo trailer"), longest first. */
function productWords(products: readonly string[]): string[] {
  const words = new Set(GENERIC);
  for (const product of products) {
    for (const token of product
      .toLowerCase()
      .replace(/['’]/g, '')
      .split(/[^\p{L}]+/u)) {
      if (token.length < 3 || FILLER.has(token)) continue;
      words.add(token);
      words.add(token.endsWith('s') ? token.slice(0, -1) : `${token}s`);
    }
  }
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

/** The product words as one regex alternation (memoised per catalogue array). */
export function productWordSource(products: readonly string[]): string {
  let source = sources.get(products);
  if (source === undefined) {
    source = `(?:${productWords(products)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('|')})`;
    sources.set(products, source);
  }
  return source;
}
