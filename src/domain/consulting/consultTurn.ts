/**
 * One L.A.M.A. consulting turn (see PASSIVE_SALES.md), decided from the business's consultation
 * data alone: Listen (the caller passes what listen() heard), Acknowledge the new facts in a short
 * paraphrase, Make one cited statement about what was just said, Ask the most informative unknown.
 * It recommends as soon as one or two products remain, when asked to, or when no question would
 * narrow the choice; hard constraints are never broken, and when nothing fits it says so.
 */
import type { Passage } from '../knowledge/passage.js';
import type { ConsultProduct, Consultation, Need } from './consultationSchema.js';
import { mergeFacts, type ConsultFacts } from './facts.js';
import { candidates, fits, mostInformative, rangeOf, rank, type FitContext } from './productFit.js';
import {
  limitSentence,
  mentionsProduct,
  needSentence,
  productSentence,
  valueSentence,
  type Sources,
  type Statement,
} from './statements.js';

export interface ConsultInput extends FitContext {
  consultation: Consultation;
  passages: readonly Passage[];
  /** Everything known so far; updated in place with what was heard. */
  facts: ConsultFacts;
  heard: ConsultFacts;
  /** Needs already asked (never asked again). */
  asked: readonly string[];
  /** Sentences already stated in this conversation (never stated twice). */
  stated: readonly string[];
  /** The customer asked for a recommendation now ("what do you recommend?"). */
  wantsRecommendation: boolean;
  /** Products the customer is choosing between ("the Metro 3 or the Metro E?"), by name. */
  choosingBetween?: readonly string[];
}

interface Recommendation {
  products: ConsultProduct[];
  /** The facts the recommendation rests on, in the customer's terms ("a wedding, for about 80 people"). */
  because?: string;
  /** Preferences it had to set aside because nothing meeting them fits the must-haves ("a birthday"). */
  setAside?: string;
  statements: Statement[];
}

/** What the acknowledgement reflects back, in the customer's terms (copy.ts words the sentence). */
export interface Acknowledged {
  /** The new facts ("a birthday, for about 20 people"). */
  told?: string;
  /** Facts the customer corrected ("for about 45 people"). */
  corrected?: string;
}

export interface ConsultTurn {
  fresh: string[];
  changed: string[];
  acknowledged?: Acknowledged;
  statement?: Statement;
  ask?: Need;
  recommendation?: Recommendation;
  /** Nothing the business sells meets a hard constraint. */
  nothingFits?: { need: Need; statement?: Statement };
}

export function consultTurn(input: ConsultInput): ConsultTurn {
  const { consultation: c, facts } = input;
  const { fresh, changed } = mergeFacts(facts, input.heard);
  const newest = [...fresh, ...changed];
  const order = [...c.needs.map((n) => n.id).filter((id) => !newest.includes(id)), ...newest];
  const src = sources(input.passages);
  const used = new Set(input.stated);
  const turn: ConsultTurn = { fresh, changed, acknowledged: acknowledge(c, facts, fresh, changed) };

  const left = candidates(c, facts, input, order);
  if (left.products.length === 0) {
    const need = left.blockedBy!;
    turn.nothingFits = { need, statement: limitSentence(src, need, facts[need.id]!) ?? nearestMiss(c, src, facts, need, input) };
    return turn;
  }
  const all = rank(c, left.products, facts, input);
  // Choosing between named products: only those (while any of them fits), down to one.
  const between = all.filter((p) => input.choosingBetween?.includes(p.name));
  const comparing = (input.choosingBetween?.length ?? 0) >= 2 && between.length > 0;
  const ranked = comparing ? between : all;
  const next = mostInformative(c, ranked, facts, input.asked, input);
  if (input.wantsRecommendation || ranked.length <= (comparing ? 1 : 2) || !next) {
    turn.recommendation = recommend(c, src, ranked, facts, used, input);
    return turn;
  }
  turn.statement = statementFor(c, src, newest, facts, ranked, used);
  turn.ask = next;
  return turn;
}

/** For a number nothing meets (a budget of $20): the sentence about the product that comes closest. */
function nearestMiss(c: Consultation, src: Sources, facts: ConsultFacts, need: Need, ctx: FitContext): Statement | undefined {
  const fact = facts[need.id];
  if (fact?.kind !== 'number') return undefined;
  const rest = Object.fromEntries(Object.entries(facts).filter(([id]) => id !== need.id));
  const distance = (p: ConsultProduct): number => {
    const r = rangeOf(p.attributes[need.id]);
    if (!r) return Number.POSITIVE_INFINITY;
    return Math.min(...[r.min, r.max].filter((n): n is number => n !== undefined).map((n) => Math.abs(n - fact.value)));
  };
  const nearest = candidates(c, rest, ctx).products.sort((a, b) => distance(a) - distance(b))[0];
  return nearest && distance(nearest) < Number.POSITIVE_INFINITY ? productSentence(src, nearest, need, fact) : undefined;
}

function sources(passages: readonly Passage[]): Sources {
  const byHeading = new Map(passages.map((p) => [p.heading.toLowerCase(), p]));
  return { passage: (heading) => byHeading.get(heading.toLowerCase()) };
}

const key = (s: Statement): string => `${s.passage.id}|${s.text}`;

/** The first unused true sentence about the newest facts, checked against the products still in play. */
function statementFor(
  c: Consultation,
  src: Sources,
  newest: string[],
  facts: ConsultFacts,
  products: ConsultProduct[],
  used: Set<string>,
): Statement | undefined {
  // Constraints first: what rules products in or out matters more than a preference.
  const ids = [...newest].sort(
    (a, b) => Number(c.needs.find((n) => n.id === b)!.hard) - Number(c.needs.find((n) => n.id === a)!.hard),
  );
  for (const id of ids) {
    const need = c.needs.find((n) => n.id === id)!;
    const fact = facts[id]!;
    // A fact the acknowledgement leaves unsaid ("a cake") gets no statement either.
    if (fact.kind === 'none' || describe(c, facts, [id]) === undefined) continue;
    const options = [
      valueSentence(src, need, fact, products),
      ...products.slice(0, 3).map((p) => productSentence(src, p, need, fact)),
      needSentence(src, need),
    ];
    const hit = options.find((s): s is Statement => s !== undefined && !used.has(key(s)));
    if (hit) return hit;
  }
  return undefined;
}

function recommend(
  c: Consultation,
  src: Sources,
  ranked: ConsultProduct[],
  facts: ConsultFacts,
  used: Set<string>,
  ctx: FitContext,
): Recommendation {
  const top = ranked[0]!;
  const second = ranked[1];
  const score = (p: ConsultProduct): number =>
    c.needs.filter((n) => !n.hard && facts[n.id] && fits(p, n, facts[n.id]!, ctx) === true).length;
  const products = second && score(second) === score(top) ? [top, second] : [top];
  const statements: Statement[] = [];
  // The sentence that shows each product meets the first known entity need (a head count, a price),
  // and one about a value the customer named.
  const entityNeed = c.needs.find((n) => n.entity && facts[n.id] && facts[n.id]!.kind !== 'none' && n.entity !== 'date');
  for (const p of products) {
    const s = (entityNeed && productSentence(src, p, entityNeed, facts[entityNeed.id])) || productSentence(src, p);
    if (s && !statements.some((x) => key(x) === key(s))) statements.push(s);
  }
  const valueNeed = c.needs.find((n) => n.hard && n.values.length && facts[n.id]?.kind === 'values');
  const v = valueNeed && valueSentence(src, valueNeed, facts[valueNeed.id]!, products);
  if (v && products.some((p) => mentionsProduct(v.text, p)) && !statements.some((x) => key(x) === key(v)) && !used.has(key(v)))
    statements.push(v);
  // The reason names only what the suggestion meets: a preference it had to set aside is not claimed.
  const met = Object.keys(facts).filter((id) => {
    const need = c.needs.find((n) => n.id === id);
    return need && (need.hard || products.every((p) => fits(p, need, facts[id]!, ctx) === true));
  });
  // Set aside: preferences some product meets, just not one that also meets the must-haves.
  const aside = Object.keys(facts).filter((id) => {
    const need = c.needs.find((n) => n.id === id);
    return (
      need && !met.includes(id) && facts[id]!.kind !== 'none' && c.products.some((p) => fits(p, need, facts[id]!, ctx) === true)
    );
  });
  return { products, because: describe(c, facts, met), setAside: describe(c, facts, aside), statements };
}

/** Acknowledge: the new and corrected facts, briefly, in the customer's terms. */
function acknowledge(c: Consultation, facts: ConsultFacts, fresh: string[], changed: string[]): Acknowledged | undefined {
  const told = describe(c, facts, fresh);
  const corrected = describe(c, facts, changed);
  if (!told && !corrected) return undefined;
  return { ...(told ? { told } : {}), ...(corrected ? { corrected } : {}) };
}

/** The facts of the given needs as a short phrase, in need order. */
export function describe(c: Consultation, facts: ConsultFacts, ids: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const need of c.needs) {
    if (!ids.includes(need.id)) continue;
    const f = facts[need.id];
    if (!f) continue;
    if (f.kind === 'none') {
      const none = need.none[0];
      if (none) parts.push(none);
    } else if (f.kind === 'values') {
      const said = f.values.map((v) => need.values.find((x) => x.name === v)?.ack ?? v).filter(Boolean);
      if (said.length) parts.push(said.join(' and '));
    } else {
      const said = f.kind === 'date' ? f.text.replace(/^(?:on|by|for|before|in|at)\s+/i, '').replace(/[\s,.;:!?]+$/, '') : f.text;
      const value = f.kind === 'number' ? String(f.value) : said;
      parts.push((need.ack ?? '{text}').replace('{value}', value).replace('{text}', said));
    }
  }
  return parts.length ? parts.join(', ') : undefined;
}
