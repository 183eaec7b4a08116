/**
 * Money, head counts and quantities. Each finder returns the value and the span it used, so the
 * caller can mask it: "$80 cake for 20 people, 2 of them" gives budget 80, servings 20, quantity 2.
 */
import { NUMBER_SOURCE, numberValue } from './numberWords.js';
import { lookupTable } from '../lookupTable.js';
import { productWordSource } from './productWords.js';

export interface Found<T> {
  value: T;
  span: [number, number];
}

const CURRENCY_WORDS = lookupTable<string | undefined>({
  aud: 'AUD',
  usd: 'USD',
  nzd: 'NZD',
  gbp: 'GBP',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  pound: 'GBP',
  pounds: 'GBP',
  a$: 'AUD',
  au$: 'AUD',
  us$: 'USD',
  nz$: 'NZD',
  '€': 'EUR',
  '£': 'GBP',
});
const AMOUNT = '(\\d{1,6}(?:[.,]\\d{3})*(?:\\.\\d{1,2})?)\\s*(k)?';
const MONEY_BEFORE = new RegExp(`(a\\$|au\\$|us\\$|nz\\$|\\$|€|£)\\s?${AMOUNT}`, 'i');
const MONEY_AFTER = new RegExp(`(?<![\\w.])${AMOUNT}\\s*(dollars?|bucks|aud|usd|nzd|gbp|eur|euros?|pounds?)\\b`, 'i');
const BUDGET_CUE = new RegExp(`\\b(?:budget|spend|afford)\\b[^\\d]{0,20}?(?<![\\w.])${AMOUNT}(?![\\d\\w:])`, 'i');

/** "under $100", "budget is 80 dollars", "A$50", "around 60 AUD", "my budget is 80". */
export function extractBudget(text: string): Found<{ amount: number; currency?: string }> | undefined {
  const before = MONEY_BEFORE.exec(text);
  if (before) return money(before, before[2]!, before[3], CURRENCY_WORDS[before[1]!.toLowerCase()]);
  const after = MONEY_AFTER.exec(text);
  if (after) return money(after, after[1]!, after[2], CURRENCY_WORDS[after[3]!.toLowerCase()]);
  const cue = BUDGET_CUE.exec(text);
  if (cue) return money(cue, cue[1]!, cue[2], undefined);
  return undefined;
}

function money(m: RegExpExecArray, digits: string, k: string | undefined, currency: string | undefined) {
  const amount = Number(digits.replace(/,/g, '')) * (k ? 1000 : 1);
  const value: { amount: number; currency?: string } = { amount };
  if (currency) value.currency = currency;
  return { value, span: [m.index, m.index + m[0].length] as [number, number] };
}

const APPROX = '(?:(?:about|around|roughly|approximately|approx|maybe|up\\s+to|at\\s+least|over|nearly|almost|~)\\s*)?';
const PEOPLE =
  '(?:people|persons?|guests?|kids|children|child|adults?|pax|ppl|attendees|staff|students|colleagues|friends|family\\s+members|of\\s+us|heads)';
const SERVINGS = [
  new RegExp(
    `\\b(?:feeds?|feeding|to\\s+feed|serves?|serving|servings\\s+for|party\\s+of|group\\s+of)\\s+${APPROX}(${NUMBER_SOURCE})\\b(?:\\s+${PEOPLE})?`,
    'i',
  ),
  new RegExp(`\\b${APPROX}(${NUMBER_SOURCE})\\s+(?:hungry\\s+|little\\s+|young\\s+)?${PEOPLE}\\b`, 'i'),
  new RegExp(`\\b(${NUMBER_SOURCE})\\s+servings?\\b`, 'i'),
];

/** "for 20 people", "feeds 30", "20 guests", "about 15 kids", "serves twelve". */
export function extractServings(text: string): Found<number> | undefined {
  for (const re of SERVINGS) {
    const m = re.exec(text);
    const n = m?.[1] ? numberValue(m[1]) : undefined;
    if (m && n !== undefined && n > 0) return { value: n, span: [m.index, m.index + m[0].length] };
  }
  return undefined;
}

const UNIT_AFTER =
  /^\s*(?:(?:am|pm|a\.m|p\.m|o'?clock|inch|inches|cm|mm|kg|g|grams?|ml|l|litres?|years?|yrs?|yo|tiers?|layers?|tiered|layered|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\b|[:/%]|-\s?[a-z0-9]|\.\d)/i;
const SIZE_WORDS = 'large|medium|small|big|little|mini|extra';
const oneNeedsBySource = new Map<string, RegExp>();
/** "one" counts before a product word of the catalogue (productWords.ts) or a size. */
function oneNeedsFor(products: readonly string[]): RegExp {
  const source = productWordSource(products);
  let re = oneNeedsBySource.get(source);
  if (!re) {
    re = new RegExp(`^\\s+(?:${source}|${SIZE_WORDS})\\b`, 'i');
    oneNeedsBySource.set(source, re);
  }
  return re;
}
const QUANTITY = new RegExp(`(?<![\\w$€£.:/-])(${NUMBER_SOURCE})(?![\\w])`, 'gi');

/**
 * The first count left once money, head counts, dates and phones are masked: "2 cakes",
 * "a dozen cupcakes" (12), "three". "one" counts only before a product word ("one cake"), so
 * "which one" is not a quantity; numbers before units ("8 inch", "3pm", "5 years") never count.
 */
export function extractQuantity(text: string, products: readonly string[] = []): Found<number> | undefined {
  const oneNeeds = oneNeedsFor(products);
  for (const m of text.matchAll(QUANTITY)) {
    const raw = m[1]!;
    const rest = text.slice((m.index ?? 0) + m[0].length);
    if (UNIT_AFTER.test(rest)) continue;
    if (
      /^(?:one|a\s+couple(?:\s+of)?)$/i.test(raw.trim()) &&
      !oneNeeds.test(rest) &&
      text.trim().toLowerCase() !== raw.toLowerCase()
    )
      continue;
    const n = numberValue(raw);
    if (n === undefined || n <= 0 || n > 1000) continue;
    const start = m.index ?? 0;
    return { value: n, span: [start, start + m[0].length] };
  }
  return undefined;
}
