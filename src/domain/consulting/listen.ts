/**
 * Listen: every fact a message gives about the business's needs, several at once. Entity needs
 * read the understanding layer's entities (and consulting's own measures); value needs match the
 * words customers use, the longest phrase winning ("not electric" is not "electric"). Words that
 * only make sense as a reply ("no", "anything") count only for the need just asked.
 */
import { extractServings } from '../understanding/extractAmounts.js';
import type { Entities } from '../understanding/types.js';
import type { Consultation, Need } from './consultationSchema.js';
import type { ConsultFacts, FactValue } from './facts.js';
import { extractAge, extractHeight } from './measures.js';

export interface ListenInput {
  text: string;
  entities: Entities;
  consultation: Consultation;
  /** The need whose question the customer is answering, if any. */
  asking?: string;
  /** Facts a language model heard, in the customer's words; read like more of the message. */
  listened?: Record<string, string | undefined>;
  /** Reads a date from other text (the recognizer's date reader, in the business's time zone). */
  readWhen?: (text: string) => Entities['when'];
}

const PART_OF_DAY = /^(?:(?:this|in the|the)\s+)?(?:morning|afternoon|evening|arvo|noon|midday|night|tonight)$/i;

/** Replies meaning "nothing to consider" to whatever was just asked. */
const NO_PREFERENCE =
  /^(?:no|nope|nah|none|nothing|not really|no preference|no thanks|not fussed|any|anything|whatever|any of them|either|dont mind|i dont mind|doesnt matter|it doesnt matter|all good)(?: really| thanks| at all)?$/;

export function listen(input: ListenInput): ConsultFacts {
  const { consultation, asking, entities: e } = input;
  const extra = Object.values(input.listened ?? {})
    .filter(Boolean)
    .join('. ');
  const text = extra ? `${input.text}. ${extra}` : input.text;
  // "the metro 3 or the loam gravel?": a product's own name tells no need ("gravel" riding).
  const plain = withoutProductNames(consultation, normaliseWords(text));
  const e2 = repairCount(input.text, e, input.readWhen);
  const heard: ConsultFacts = {};
  for (const need of consultation.needs) {
    const fact = need.entity
      ? entityFact(need, e2, text, need.id === asking, consultation.products)
      : valueFact(need, plain, need.id === asking);
    if (fact) heard[need.id] = fact;
    else if (need.none.some((w) => hasPhrase(plain, normaliseWords(w)))) heard[need.id] = { kind: 'none' };
    else if (need.id === asking && NO_PREFERENCE.test(plain)) heard[need.id] = { kind: 'none' };
  }
  return heard;
}

/**
 * "in march, 80 guests": when the date reader took the head count's number as part of a date,
 * the count is read from the text and the date again from the text without it.
 */
function repairCount(text: string, e: Entities, readWhen: ListenInput['readWhen']): Entities {
  const count = extractServings(text);
  if (!count || e.servings !== undefined) return e;
  const fixed: Entities = { ...e, servings: count.value };
  if (e.when && e.when.text.includes(String(count.value))) {
    const rest = text.slice(0, count.span[0]) + ' '.repeat(count.span[1] - count.span[0]) + text.slice(count.span[1]);
    const when = readWhen?.(rest);
    if (when) fixed.when = when;
    else delete fixed.when;
  }
  return fixed;
}

function entityFact(
  need: Need,
  e: Entities,
  text: string,
  answering: boolean,
  products: Consultation['products'],
): FactValue | undefined {
  // A bare number ("30", "maybe 30") answers the question just asked; "5 miles each way" does not.
  const short = text.trim().split(/\s+/).length <= 3;
  const bare =
    answering && short && e.quantity !== undefined
      ? { kind: 'number' as const, value: e.quantity, text: String(e.quantity) }
      : undefined;
  switch (need.entity) {
    case 'servings':
      return e.servings !== undefined ? { kind: 'number', value: e.servings, text: String(e.servings) } : bare;
    case 'quantity':
      return bare ?? (e.quantity !== undefined ? { kind: 'number', value: e.quantity, text: String(e.quantity) } : undefined);
    case 'budget': {
      if (e.budget) return { kind: 'number', value: e.budget.amount, text: String(e.budget.amount) };
      const ceiling = priceCeiling(text, lowestOf(products, need.id));
      return ceiling !== undefined ? { kind: 'number', value: ceiling, text: String(ceiling) } : bare;
    }
    case 'date':
      // A part of the day alone ("a morning tea") names no date; nor does a time alone ("about 20" read
      // as 8 pm) unless it answers the date question ("by 5pm" then means today).
      return e.when && !e.when.asap && !PART_OF_DAY.test(e.when.text.trim()) && (answering || e.when.dateSaid !== false)
        ? { kind: 'date', iso: e.when.start, text: e.when.text }
        : undefined;
    case 'height': {
      const h = extractHeight(text);
      return h ? { kind: 'number', value: h.cm, text: h.text } : undefined;
    }
    case 'age': {
      const a = extractAge(text);
      return a ? { kind: 'number', value: a.years, text: a.text } : bare;
    }
    default:
      return undefined;
  }
}

/** "under 1500", "no more than 2k", "max 800": a ceiling with no unit after it. */
const CEILING =
  /\b(?:under|below|less than|no more than|not more than|max(?:imum)?|up to|at most|within|around|about)\s+(\d{1,3}(?:,\d{3})+|\d+(?:\.\d{1,2})?)\s*(k\b)?(?!\s*(?:%|[a-z]))/i;

/**
 * A budget said as a bare ceiling ("under 1500") when the business sells at such prices: at least
 * half its lowest price, so "under 12" (an age) or "about 20" (a head count) is not a budget.
 */
function priceCeiling(text: string, lowest: number | undefined): number | undefined {
  const m = CEILING.exec(text);
  if (!m || lowest === undefined) return undefined;
  const value = Number(m[1]!.replace(/,/g, '')) * (m[2] ? 1000 : 1);
  return value >= lowest / 2 ? value : undefined;
}

/** The lowest figure the products give for a need (their prices, for a budget). */
function lowestOf(products: Consultation['products'], needId: string): number | undefined {
  const figures = products.flatMap((p) => {
    const a = p.attributes[needId];
    if (typeof a === 'number') return [a];
    if (a && !Array.isArray(a)) return [a.min ?? a.max!];
    return [];
  });
  return figures.length ? Math.min(...figures) : undefined;
}

function valueFact(need: Need, plain: string, answering: boolean): FactValue | undefined {
  const found: { value: string; start: number; end: number }[] = [];
  for (const value of need.values) {
    const phrases = [value.name, ...value.words, ...(answering ? value.replies : [])];
    for (const phrase of phrases) {
      for (const span of phraseSpans(plain, normaliseWords(phrase))) found.push({ value: value.name, ...span });
    }
  }
  // Drop a match that lies inside a longer one ("electric" inside "not electric").
  const kept = found.filter(
    (f) => !found.some((g) => g !== f && g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start),
  );
  const values = [...new Set(kept.sort((a, b) => a.start - b.start).map((f) => f.value))];
  return values.length ? { kind: 'values', values } : undefined;
}

/**
 * The consultation products a message names: by name, mention or alias (the longest wins, so
 * "metro e speed" is not also "metro e"), or through the business's product names the recognizer
 * found (`orderNames`, matched to each product's `order`).
 */
export function namedProducts(c: Consultation, text: string, orderNames: readonly string[] = []): string[] {
  const plain = normaliseWords(text);
  const found: { name: string; start: number; end: number }[] = [];
  for (const p of c.products) {
    for (const phrase of [p.name, p.mention, ...p.aliases]) {
      if (phrase) for (const span of phraseSpans(plain, normaliseWords(phrase))) found.push({ name: p.name, ...span });
    }
  }
  const kept = found.filter((f) => !found.some((g) => g.start <= f.start && g.end >= f.end && g.end - g.start > f.end - f.start));
  const byOrder = c.products.filter((p) => p.order && orderNames.includes(p.order)).map((p) => p.name);
  return [...new Set([...kept.map((f) => f.name), ...byOrder])];
}

/** The text with every product name, mention and alias it holds blanked out (same length), longest first. */
function withoutProductNames(c: Consultation, plain: string): string {
  const phrases = c.products.flatMap((p) => {
    // Customers drop the brand: "the loam gravel" for "Cascadia Loam gravel".
    const words = normaliseWords(p.name).split(' ');
    const unbranded = words.length >= 3 ? [words.slice(1).join(' ')] : [];
    return [p.name, p.mention, ...p.aliases, ...unbranded].filter((x): x is string => Boolean(x)).map(normaliseWords);
  });
  let out = plain;
  for (const phrase of phrases.sort((a, b) => b.length - a.length))
    for (const { start, end } of phraseSpans(out, phrase)) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end);
  return out;
}

/** Lower case, apostrophes dropped, hyphens and punctuation as spaces: "Husband's 40th" → "husbands 40th". */
export function normaliseWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/[^a-z0-9$]+/g, ' ')
    .trim();
}

function phraseSpans(plain: string, phrase: string): { start: number; end: number }[] {
  if (!phrase) return [];
  const re = new RegExp(`(?<![a-z0-9])${escape(phrase)}(?:s|es)?(?![a-z0-9])`, 'g');
  return [...plain.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function hasPhrase(plain: string, phrase: string): boolean {
  return phraseSpans(plain, phrase).length > 0;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
