/**
 * Which products fit what is known. Hard needs filter strictly: a product whose attribute is
 * missing or does not fit is out. Soft needs narrow: the products that fit are kept if there are
 * any, else those whose range misses a number said least (an age), else the need is set aside. A head count is also met by a product that serves more, but
 * only the smallest such product stays when none covers the count exactly.
 */
import { DateTime } from 'luxon';
import type { ConsultProduct, Consultation, Need } from './consultationSchema.js';
import type { ConsultFacts, FactValue } from './facts.js';

export interface FitContext {
  now: Date;
  timeZone: string;
}

type Range = { min?: number; max?: number };

export function rangeOf(attr: ConsultProduct['attributes'][string] | undefined): Range | undefined {
  if (attr === undefined || Array.isArray(attr)) return undefined;
  return typeof attr === 'number' ? { min: attr, max: attr } : attr;
}

const servesMore = (need: Need): boolean => need.entity === 'servings' || need.entity === 'quantity';

/** Whether one product meets one fact: true, false, or undefined when it says nothing about it. */
export function fits(product: ConsultProduct, need: Need, fact: FactValue, ctx: FitContext): boolean | undefined {
  if (fact.kind === 'none') return true;
  const attr = product.attributes[need.id];
  if (attr === undefined) return undefined;
  if (fact.kind === 'values') {
    if (!Array.isArray(attr)) return undefined;
    return need.hard ? fact.values.every((v) => attr.includes(v)) : fact.values.some((v) => attr.includes(v));
  }
  const range = rangeOf(attr);
  if (!range) return undefined;
  if (fact.kind === 'date') {
    const notice = range.min ?? range.max ?? 0;
    const earliest = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).plus({ hours: notice }).toISODate()!;
    const wanted = DateTime.fromISO(fact.iso, { zone: ctx.timeZone }).toISODate()!;
    return wanted >= earliest;
  }
  const n = fact.value;
  if (need.entity === 'budget') return (range.min ?? range.max ?? 0) <= n;
  if (servesMore(need)) return range.max === undefined || n <= range.max || (range.min ?? 0) > n;
  return (range.min === undefined || range.min <= n) && (range.max === undefined || n <= range.max);
}

/** How exactly a product covers a head count: 0 covers it, else how many more it serves. */
function surplus(product: ConsultProduct, need: Need, n: number): number {
  const r = rangeOf(product.attributes[need.id]);
  if (!r) return Number.POSITIVE_INFINITY;
  return (r.min ?? 0) <= n && (r.max === undefined || n <= r.max) ? 0 : (r.min ?? 0) - n;
}

export interface Candidates {
  products: ConsultProduct[];
  /** When no product is left: the hard need that ruled the last ones out. */
  blockedBy?: Need;
}

/**
 * The products that fit every known fact. `order` lists the need ids in the order to apply them
 * (the newest facts last, so "nothing fits" names the fact that made it so).
 */
export function candidates(c: Consultation, facts: ConsultFacts, ctx: FitContext, order?: string[]): Candidates {
  const ids = order ?? c.needs.map((n) => n.id);
  const needs = ids.map((id) => c.needs.find((n) => n.id === id)).filter((n): n is Need => n !== undefined);
  let left = c.products;
  for (const need of needs.filter((n) => n.hard)) {
    const fact = facts[need.id];
    if (!fact) continue;
    const next = left.filter((p) => fits(p, need, fact, ctx) === true);
    if (next.length === 0) return { products: [], blockedBy: need };
    left = next;
  }
  for (const need of needs.filter((n) => !n.hard)) {
    const fact = facts[need.id];
    if (!fact) continue;
    const next = left.filter((p) => fits(p, need, fact, ctx) === true);
    if (next.length > 0) left = next;
    // No bike is listed for a rider aged 10 within the budget: the nearest ages (6–9), not any.
    else left = nearest(left, need, fact);
  }
  // Of the products that serve at least the head count, those that serve it most closely.
  for (const need of needs) {
    const fact = facts[need.id];
    if (fact) left = narrowCount(left, need, fact);
  }
  return { products: left };
}

/** Of products whose range misses a number said (an age, a height), those that miss it least. */
function nearest(products: ConsultProduct[], need: Need, fact: FactValue): ConsultProduct[] {
  if (fact.kind !== 'number' || need.entity === 'budget' || servesMore(need)) return products;
  const miss = (p: ConsultProduct): number => {
    const r = rangeOf(p.attributes[need.id]);
    if (!r) return Number.POSITIVE_INFINITY;
    return Math.max((r.min ?? fact.value) - fact.value, fact.value - (r.max ?? fact.value), 0);
  };
  const best = Math.min(...products.map(miss));
  return best === Number.POSITIVE_INFINITY ? products : products.filter((p) => miss(p) === best);
}

function narrowCount(products: ConsultProduct[], need: Need, fact: FactValue): ConsultProduct[] {
  if (!servesMore(need) || fact.kind !== 'number') return products;
  const best = Math.min(...products.map((p) => surplus(p, need, fact.value)));
  return best === Number.POSITIVE_INFINITY ? products : products.filter((p) => surplus(p, need, fact.value) === best);
}

/**
 * The unknown need that splits the products best: the one whose likely answers leave the fewest
 * products on average. Needs no product's attributes tell apart are never worth asking.
 */
export function mostInformative(
  c: Consultation,
  products: ConsultProduct[],
  facts: ConsultFacts,
  asked: readonly string[],
  ctx: FitContext,
): Need | undefined {
  let best: { need: Need; score: number } | undefined;
  const pool = { ...c, products };
  for (const need of c.needs) {
    if (facts[need.id] || asked.includes(need.id)) continue;
    const answers = likelyAnswers(need, products, ctx);
    if (answers.length < 2) continue;
    // Expected products left, each answer weighted by how many products it fits (every product
    // equally likely to be the right one); products silent on the need stand for "something else".
    let weighted = 0;
    let total = 0;
    for (const fact of answers) {
      const weight = products.filter((p) => fits(p, need, fact, ctx) === true).length;
      weighted += weight * candidates(pool, { ...facts, [need.id]: fact }, ctx).products.length;
      total += weight;
    }
    const silent = need.hard ? 0 : products.filter((p) => p.attributes[need.id] === undefined).length;
    weighted += silent * products.length;
    total += silent;
    const score = total ? weighted / total : products.length;
    if (score >= products.length) continue;
    if (!best || score < best.score) best = { need, score };
  }
  return best?.need;
}

/** The answers a customer might give, read off the products' own attributes. */
function likelyAnswers(need: Need, products: ConsultProduct[], ctx: FitContext): FactValue[] {
  const out: FactValue[] = [];
  if (need.values.length) {
    const names = new Set(
      products.flatMap((p) => (Array.isArray(p.attributes[need.id]) ? (p.attributes[need.id] as string[]) : [])),
    );
    for (const name of names) out.push({ kind: 'values', values: [name] });
    return out;
  }
  const ranges = products.map((p) => rangeOf(p.attributes[need.id])).filter((r): r is Range => r !== undefined);
  const points = new Set<number>();
  for (const r of ranges) {
    if (need.entity === 'budget' || need.entity === 'date') points.add(r.min ?? r.max ?? 0);
    else points.add(r.max === undefined ? (r.min ?? 0) : Math.round(((r.min ?? r.max) + r.max) / 2));
  }
  for (const p of points) {
    if (need.entity === 'date') {
      const iso = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).plus({ hours: p }).toISO()!;
      out.push({ kind: 'date', iso, text: '' });
    } else out.push({ kind: 'number', value: p, text: String(p) });
  }
  return out;
}

/** Products ranked for a recommendation: most soft needs met, then the business's own order. */
export function rank(c: Consultation, products: ConsultProduct[], facts: ConsultFacts, ctx: FitContext): ConsultProduct[] {
  const score = (p: ConsultProduct): number =>
    c.needs.filter((n) => !n.hard && facts[n.id] && fits(p, n, facts[n.id]!, ctx) === true).length;
  return products
    .map((p, i) => ({ p, i, s: score(p) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.p);
}
