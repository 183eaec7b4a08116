/**
 * L.A.M.A. consulting turns (see PASSIVE_SALES.md): Listen — take every fact the customer gave;
 * Acknowledge — reflect the new ones in their words; Make a statement — one true fact from the
 * knowledge, cited; Ask — one open question about the most important unknown. Nothing already told
 * is asked again. When the need is clear, a recommendation drawn from the knowledge.
 */
import type { KnowledgeIndex, Passage } from '../knowledge/passage.js';
import type { Entities } from '../understanding/types.js';

export interface NeedFacts {
  occasion?: string;
  servings?: number;
  quantity?: number;
  /** ISO date (business time zone). */
  date?: string;
  /** The date as the customer said it ("Saturday"). */
  dateText?: string;
  budget?: number;
  dietary?: string;
  flavour?: string;
  fulfilment?: 'delivery' | 'pickup';
  area?: string;
  products?: string[];
}

/** What the bot asks about, most important first. */
export const NEED_SLOTS = ['occasion', 'servings', 'date', 'dietary', 'fulfilment'] as const;
export type NeedSlot = (typeof NEED_SLOTS)[number];

const OCCASION =
  /\b(?:(my|our|a|her|his)\s+)?((?:\w+'s\s+)?(?:\d+(?:st|nd|rd|th)\s+)?(?:birthday|wedding|anniversary|engagement|baby shower|bridal shower|christening|baptism|graduation|retirement|farewell|office party|morning tea|gender reveal|communion|bar mitzvah|bat mitzvah|party|celebration))\b/i;
const DIETARY =
  /\b(gluten[- ]?free|coeliac|celiac|vegan|dairy[- ]?free|lactose[- ]?free|nut[- ]?free|nut allerg\w*|peanut allerg\w*|egg[- ]?free|sugar[- ]?free|keto|halal|kosher|allerg\w*)\b/i;
const FLAVOUR = /\b(chocolate|vanilla|lemon|red velvet|caramel|strawberry|coffee|carrot|banana|passionfruit|raspberry)\b/i;
const NO_DIETARY = /\b(?:no|not any|without any|don't have any|dont have any)\s+(?:special\s+)?(?:allerg\w*|dietary|diet)\b/i;
const NOTHING = /^(?:no|nope|none|nothing|not really|no thanks|all good|nah)\b/i;
/** Sounds that answer nothing ("hmm", "ok"): never taken as the occasion. */
const FILLER = /^(?:h+m+|u+m+|u+h+|e+r+m*|ok(?:ay)?|k|what|huh|eh|idk|dunno|not sure|i don'?t know|maybe|well)[.!?]*$/i;

export interface ListenInput {
  text: string;
  entities: Entities;
  /** Which question the customer is answering, if any. */
  answering?: NeedSlot;
  /** ISO date of an instant in the business time zone. */
  localDate: (iso: string) => string;
  /** The delivery zone of a place named in the text, if any. */
  zoneOf: (text: string) => string | undefined;
}

/** Listen: every fact the message gives, in the customer's words where there are words. */
export function listen(input: ListenInput): NeedFacts {
  const { text, entities: e } = input;
  const facts: NeedFacts = {};
  const occasion = OCCASION.exec(text);
  if (occasion) {
    const owner = occasion[1]?.toLowerCase();
    const mine = owner === 'my' || owner === 'our';
    facts.occasion = `${mine ? 'your ' : ''}${occasion[2]!.toLowerCase()}`;
  }
  if (e.servings) facts.servings = e.servings;
  if (e.quantity) facts.quantity = e.quantity;
  if (e.when && !e.when.asap) {
    facts.date = input.localDate(e.when.start);
    facts.dateText = e.when.text;
  }
  if (e.budget) facts.budget = e.budget.amount;
  const dietary = DIETARY.exec(text);
  if (NO_DIETARY.test(text)) facts.dietary = 'none';
  else if (dietary) facts.dietary = dietary[1]!.toLowerCase();
  const flavour = FLAVOUR.exec(text);
  if (flavour) facts.flavour = flavour[1]!.toLowerCase();
  if (/\b(deliver|delivery|delivered)\b/i.test(text)) facts.fulfilment = 'delivery';
  else if (/\b(pick ?up|pick it up|collect)\b/i.test(text)) facts.fulfilment = 'pickup';
  const zone = input.zoneOf(text);
  if (zone) {
    facts.area = text.trim().slice(0, 120);
    facts.fulfilment ??= 'delivery';
  }
  if (e.products?.length) facts.products = e.products;
  if (input.answering === 'dietary' && !facts.dietary && NOTHING.test(text.trim())) facts.dietary = 'none';
  if (input.answering === 'occasion' && !facts.occasion && NOTHING.test(text.trim())) facts.occasion = 'none';
  if (
    input.answering === 'occasion' &&
    !facts.occasion &&
    text.trim().split(/\s+/).length <= 6 &&
    !FILLER.test(text.trim()) &&
    !e.servings &&
    !e.when
  ) {
    facts.occasion = text
      .trim()
      .replace(/[.!]+$/, '')
      .toLowerCase();
  }
  return facts;
}

/** Acknowledge: the new facts, briefly, in the customer's terms (undefined when nothing new). */
export function acknowledgement(fresh: NeedFacts): string | undefined {
  const parts: string[] = [];
  if (fresh.occasion && fresh.occasion !== 'none') parts.push(`for ${withArticle(fresh.occasion)}`);
  if (fresh.servings) parts.push(`for about ${fresh.servings} people`);
  if (fresh.dateText) parts.push(`by ${fresh.dateText.replace(/^(?:on|by|for|before)\s+/i, '').replace(/[\s,.;:]+$/, '')}`);
  if (fresh.dietary === 'none') parts.push('no dietary needs');
  else if (fresh.dietary) parts.push(fresh.dietary);
  if (fresh.flavour) parts.push(fresh.flavour);
  if (fresh.fulfilment === 'delivery') parts.push(fresh.area ? `delivered to ${fresh.area}` : 'delivered');
  if (fresh.fulfilment === 'pickup') parts.push('picked up');
  if (fresh.budget) parts.push(`around $${fresh.budget}`);
  if (parts.length === 0) return undefined;
  const text = parts.join(', ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}: got it.`;
}

const withArticle = (occasion: string): string =>
  /^(my|our|your|a|an|the|her|his|their|\w+'s)\b/.test(occasion) ? occasion : `a ${occasion}`;

/** The question to search the knowledge with for a statement about the newest fact. */
export function statementQuery(fresh: NeedFacts, text: string): string {
  if (fresh.dietary && fresh.dietary !== 'none') return `${fresh.dietary}`;
  if (fresh.servings) return `serves ${fresh.servings} people`;
  if (fresh.date) return 'how much notice do you need for an order';
  if (fresh.area) return `do you deliver to ${fresh.area}`;
  if (fresh.fulfilment === 'delivery') return 'delivery areas and fees';
  if (fresh.fulfilment === 'pickup') return 'pickup from the shop';
  if (fresh.flavour) return `${fresh.flavour} flavour`;
  if (fresh.occasion && fresh.occasion !== 'none') return fresh.occasion;
  // "No dietary needs" leaves the flavour half of the question: say what flavours there are.
  if (fresh.dietary === 'none') return 'flavours';
  return text;
}

export interface Statement {
  text: string;
  source: Passage;
}

/** Make a statement: one relevant, true sentence from a passage not used yet in this conversation. */
export function statement(
  knowledge: KnowledgeIndex,
  query: string,
  used: ReadonlySet<string>,
  minConfidence: number,
): Statement | undefined {
  for (const hit of knowledge.search(query, 5)) {
    if (hit.confidence < minConfidence) break;
    if (used.has(hit.passage.id)) continue;
    const text = hit.sentences[0];
    if (text) return { text, source: hit.passage };
  }
  return undefined;
}

const CANNOT = /\b(?:cannot|can't|can not|do not|don't|unable to|not able to)\b(.*)/i;

/**
 * What the knowledge says the business cannot do for a dietary need ("We cannot make a nut-free
 * cake"), so a recommendation never promises it. Undefined when nothing rules the need out.
 */
export function dietaryLimit(
  knowledge: KnowledgeIndex,
  dietary: string | undefined,
  minConfidence: number,
): Statement | undefined {
  if (!dietary || dietary === 'none') return undefined;
  const key = dietary.toLowerCase().split(/[\s-]+/)[0]!;
  for (const hit of knowledge.search(dietary, 3)) {
    if (hit.confidence < minConfidence) break;
    for (const sentence of hit.passage.text.split(/(?<=\.)\s+/)) {
      const rest = CANNOT.exec(sentence)?.[1];
      if (rest && rest.toLowerCase().includes(key)) return { text: sentence.trim(), source: hit.passage };
    }
  }
  return undefined;
}

/** Ask: the most important thing not known and not asked yet. */
export function nextQuestion(facts: NeedFacts, asked: readonly NeedSlot[]): NeedSlot | undefined {
  return NEED_SLOTS.find((slot) => facts[slot] === undefined && !asked.includes(slot));
}

/** The need is clear enough to recommend once size and date are known and dietary needs were asked. */
export function needIsClear(facts: NeedFacts, asked: readonly NeedSlot[]): boolean {
  return facts.servings !== undefined && facts.date !== undefined && (facts.dietary !== undefined || asked.includes('dietary'));
}

/**
 * A recommendation: the product passage that best fits the stated size (and dietary need), among
 * the products the business sells. Undefined when the knowledge has none that fits confidently.
 */
export function recommend(
  knowledge: KnowledgeIndex,
  facts: NeedFacts,
  products: readonly string[],
  minConfidence: number,
): Statement | undefined {
  const names = products.map((p) => p.toLowerCase());
  const dietary = facts.dietary && facts.dietary !== 'none' ? facts.dietary : '';
  const query = `serves ${facts.servings ?? ''} people ${dietary}`.trim();
  const candidates = knowledge
    .search(query, 12)
    .filter((hit) => hit.confidence >= minConfidence * 0.8)
    .filter((hit) => {
      const heading = hit.passage.heading.toLowerCase();
      return names.some((n) => heading.includes(n) || n.includes(heading));
    });
  // Where products state how many they serve, the one whose range covers the need wins, else the
  // smallest that serves more; a product too small for the need is never suggested for it.
  const n = facts.servings;
  if (n !== undefined) {
    const sized = candidates
      .map((hit) => ({ hit, range: servingRange(hit.passage.text) }))
      .filter((c): c is { hit: (typeof candidates)[number]; range: [number, number] } => c.range !== undefined);
    const covering = sized.find((c) => c.range[0] <= n && n <= c.range[1]);
    const larger = sized.filter((c) => c.range[0] > n).sort((a, b) => a.range[0] - b.range[0])[0];
    const chosen = covering ?? larger;
    if (chosen) return { text: servingSentence(chosen.hit), source: chosen.hit.passage };
    if (sized.length > 0) return undefined;
  }
  const first = candidates.find((hit) => hit.sentences[0]);
  return first ? { text: first.sentences[0]!, source: first.passage } : undefined;
}

const SERVES = /\b(?:serves?|feeds?|for)\s+(?:about\s+|up to\s+)?(\d+)(?:\s*(?:–|-|to)\s*(\d+))?\s+(?:people|guests|persons)/i;

/** "serves 20–24 people" → [20, 24]; "serves 8 people" → [8, 8]. */
export function servingRange(text: string): [number, number] | undefined {
  const m = SERVES.exec(text);
  if (!m) return undefined;
  const low = Number(m[1]);
  return [low, m[2] ? Number(m[2]) : low];
}

/** The passage's sentence about how many it serves, else its most relevant sentence. */
function servingSentence(hit: { passage: Passage; sentences: string[] }): string {
  const sentence = hit.passage.text.split(/(?<=[.!?])\s+/).find((s) => SERVES.test(s));
  return (sentence ?? hit.sentences[0] ?? hit.passage.text).trim();
}

/** Merges fresh facts into known ones; returns only what is new or changed. */
export function mergeFacts(known: NeedFacts, heard: NeedFacts): NeedFacts {
  const fresh: NeedFacts = {};
  for (const [key, value] of Object.entries(heard) as [keyof NeedFacts, unknown][]) {
    if (value === undefined) continue;
    if (JSON.stringify(known[key]) !== JSON.stringify(value)) {
      (fresh as Record<string, unknown>)[key] = value;
      (known as Record<string, unknown>)[key] = value;
    }
  }
  return fresh;
}
