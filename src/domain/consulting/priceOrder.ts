/**
 * "What's your cheapest cake?", "most expensive e-bike?": a question about where products sit by
 * price, answered from the prices business.yaml's consultation products carry (which agree with the
 * passages they cite), not from a passage that happens to share the word "cake". The kind asked
 * about ("cake", "e-bike") narrows them by their names, the passage headings they cite and their
 * attribute values; with no kind named, every priced product counts.
 */
import type { ConsultProduct, Consultation } from './consultationSchema.js';
import { rangeOf } from './productFit.js';

interface PricedProduct {
  product: ConsultProduct;
  /** The price it starts at, in the business's currency. */
  price: number;
}

export interface PriceOrder {
  /** Cheapest first for "cheapest", dearest first for "most expensive"; at most three. */
  products: PricedProduct[];
  order: 'cheapest' | 'dearest';
}

const CHEAPEST =
  /\b(?:cheapest|least expensive|lowest[- ]priced?|lowest[- ]cost|most affordable|most budget(?:[- ]friendly)?|cheaper (?:one|option)s?|entry[- ]level)\b(?:\s+(?:one|option|thing|item|product)s?\b)?(?:\s+(?:of )?(?:your |the )?([a-z][a-z'-]*(?: [a-z][a-z'-]*)?))?/i;
const DEAREST =
  /\b(?:most expensive|dearest|priciest|highest[- ]priced?|top[- ]of[- ]the[- ]range|most premium)\b(?:\s+(?:one|option|thing|item|product)s?\b)?(?:\s+(?:of )?(?:your |the )?([a-z][a-z'-]*(?: [a-z][a-z'-]*)?))?/i;
/** Words after "cheapest" that name no kind of product. */
const NO_KIND = new Set(
  'you we is are do does have has can could would will one option options thing things item items product products stuff i of on in for to at and or please price prices'.split(
    ' ',
  ),
);

/** The priced products a question about the cheapest or dearest asks for, or undefined. */
export function priceOrder(consultation: Consultation | undefined, text: string, need = 'budget'): PriceOrder | undefined {
  if (!consultation) return undefined;
  const cheap = CHEAPEST.exec(text);
  const dear = cheap ? undefined : DEAREST.exec(text);
  const match = cheap ?? dear;
  if (!match) return undefined;
  const priced = consultation.products.flatMap((product) => {
    const range = rangeOf(product.attributes[need]);
    const price = range?.min ?? range?.max;
    return price === undefined ? [] : [{ product, price }];
  });
  if (!priced.length) return undefined;
  // "cheapest mountain bike": the products named by every word of the kind, else by its last word.
  const kind = kindWords(match[1]);
  const named = (words: string[]) => priced.filter((p) => words.every((k) => termsOf(p.product).has(k)));
  const ofKind = !kind.length ? priced : named(kind).length ? named(kind) : named(kind.slice(-1));
  if (!ofKind.length) return undefined;
  const order = cheap ? 'cheapest' : 'dearest';
  const sorted = [...ofKind].sort((a, b) => (order === 'cheapest' ? a.price - b.price : b.price - a.price));
  return { products: sorted.slice(0, 3), order };
}

/** "e-bike" → ["ebike"], "cakes" → ["cake"]: the kind's own words, folded as the product terms are. */
function kindWords(phrase: string | undefined): string[] {
  if (!phrase) return [];
  const words = phrase.toLowerCase().split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    if (NO_KIND.has(w)) break;
    kept.push(fold(w));
  }
  return kept;
}

const fold = (word: string): string =>
  word
    .toLowerCase()
    .replace(/['’]s?$/, '')
    .replace(/[-']/g, '')
    // Plurals: "cakes" → "cake", "boxes" → "box"; "class" and "gas" stay.
    .replace(/^(.{3,}?)(?:(?<=x)es|(?<!s)s)$/, '$1');

function termsOf(product: ConsultProduct): Set<string> {
  const texts = [product.name, product.passage, product.mention ?? '', ...product.aliases];
  for (const value of Object.values(product.attributes)) if (Array.isArray(value)) texts.push(...value);
  return new Set(
    texts.flatMap((t) =>
      t
        .split(/[\s?!.,()]+/)
        .filter(Boolean)
        .map(fold),
    ),
  );
}
