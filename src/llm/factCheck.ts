/**
 * The check that keeps a language model from making things up: every price, number, date word,
 * product name, e-mail address, link and promise word ("discount", "free", "refund") in what the
 * model wrote must also appear in the sources it relied on (the passages it cited, or the customer's
 * own words). Deliberately literal: a fact written differently from its source fails the check and
 * the offline wording is used, which costs some fluency and never the truth.
 */
import { lookupTable } from '../domain/lookupTable.js';
import { CARDINAL_WORDS } from '../domain/understanding/numberWords.js';

// "one" is left out: it is a pronoun as often as a number ("the large one").
const { one: _one, ...cardinals } = CARDINAL_WORDS;
const NUMBER_WORDS = lookupTable<number>({ ...cardinals, thousand: 1000, dozen: 12 });

const DATE_WORDS =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|tomorrow|tonight|weekend|christmas|easter)s?\b/g;

/** Words that promise something; a passage must say it before the bot may. */
const PROMISE_WORDS =
  /\b(discount|free|complimentary|refund|guarantee|voucher|coupon|promo|promotion|waive|rebate|cashback|bonus|gift)\w*/g;

const EMAILS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const LINKS = /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+/g;

/** Every number in a text, normalised ("$4.50" → "4.5", "1,000" → "1000", "9:00" → "9", "twelve" → "12"). */
export function numbersIn(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text
    .toLowerCase()
    .replace(/(\d)[,\u202f](?=\d{3}\b)/g, '$1')
    .replace(/\b(\d{1,2}):00\b/g, '$1');
  for (const m of lower.matchAll(/\d+(?:\.\d+)?/g)) out.add(String(Number(m[0])));
  for (const m of lower.matchAll(/\b[a-z]+\b/g)) {
    const n = NUMBER_WORDS[m[0]];
    if (n !== undefined) out.add(String(n));
  }
  return out;
}

const wordsOf = (text: string, pattern: RegExp): string[] =>
  [...text.toLowerCase().matchAll(pattern)].map((m) => (m[1] ?? m[0]).replace(/[.,;:!?]+$/, ''));

/**
 * The facts in `text` that none of `sources` supports, as "kind:value" (empty when all are supported).
 * `productNames` are the business's product names and aliases.
 */
export function unsupportedFacts(text: string, sources: readonly string[], productNames: readonly string[]): string[] {
  const source = sources.join('\n').toLowerCase();
  const sourceNumbers = numbersIn(source);
  const missing = new Set<string>();
  for (const n of numbersIn(text)) if (!sourceNumbers.has(n)) missing.add(`number:${n}`);
  const lower = text.toLowerCase();
  for (const word of wordsOf(lower, DATE_WORDS)) if (!hasWord(source, word)) missing.add(`date:${word}`);
  for (const word of wordsOf(lower, PROMISE_WORDS)) if (!hasStem(source, word)) missing.add(`promise:${word}`);
  for (const contact of [...wordsOf(lower, EMAILS), ...wordsOf(lower, LINKS)]) {
    if (!source.includes(contact)) missing.add(`contact:${contact}`);
  }
  for (const name of productNames) {
    const n = name.toLowerCase();
    if (hasWord(lower, n) && !hasWord(source, n)) missing.add(`product:${n}`);
  }
  if (/%|\bper ?cent\b/.test(lower) && !/%|\bper ?cent\b/.test(source)) missing.add('number:%');
  return [...missing];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word (or whole-phrase) presence, a plural allowed. */
const hasWord = (text: string, word: string): boolean => new RegExp(`(?<!\\w)${escape(word)}(?:s|es)?(?!\\w)`, 'i').test(text);

/** A word starting with the stem ("refund" → "refunds", "refundable"). */
const hasStem = (text: string, word: string): boolean => new RegExp(`(?<!\\w)${escape(stem(word))}`, 'i').test(text);

const stem = (word: string): string => word.replace(/(?:ed|ing|s)$/, '');
