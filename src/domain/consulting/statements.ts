/**
 * Make a statement: one true sentence from the business's own passages, cited, chosen for what
 * the customer just said — the product sentence that carries the fitting number (a head count, a
 * price), the sentence about the value they named, or the sentence saying the business cannot meet
 * it. Sentences are quoted as written (table rows as "Model: cell, cell"), never composed.
 */
import type { Passage } from '../knowledge/passage.js';
import type { ConsultProduct, Need } from './consultationSchema.js';
import type { FactValue } from './facts.js';
import { normaliseWords } from './listen.js';
import { rangeOf } from './productFit.js';

export interface Statement {
  text: string;
  passage: Passage;
}

/** The passage's sentences: prose split at sentence ends, list items under their lead-in, table rows. */
export function sentencesOf(passage: Passage): string[] {
  const out: string[] = [];
  let leadIn: string | undefined;
  const lines = passage.text.replace(/\*\*|__|`/g, '').split('\n');
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || /^\|?[\s:|-]+\|?$/.test(line)) continue;
    if (line.startsWith('|')) {
      const header = /^\|?[\s:|-]+\|?$/.test(lines[i + 1]?.trim() ?? '');
      if (header) continue;
      const cells = line
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean);
      if (cells.length) out.push(`${cells[0]}: ${cells.slice(1).join(', ')}.`.replace(/: \.$/, '.'));
      continue;
    }
    const item = /^(?:[-*+•]|\d+[.)])\s+(.*)$/.exec(line)?.[1];
    if (item) {
      out.push(leadIn ? `${leadIn} ${item}.`.replace(/\.\.$/, '.') : item);
      continue;
    }
    leadIn = line.endsWith(':') ? line : undefined;
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z0-9"(])/)) if (s.trim() && !s.trim().endsWith(':')) out.push(s.trim());
  }
  return out;
}

const numbersIn = (text: string): number[] =>
  [...text.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));

export const mentionsProduct = (sentence: string, product: ConsultProduct): boolean =>
  normaliseWords(sentence).includes(normaliseWords(product.mention ?? product.name));

const hasAny = (sentence: string, words: readonly string[]): boolean => {
  const plain = ` ${normaliseWords(sentence)} `;
  return words.some((w) => w && plain.includes(` ${normaliseWords(w)}`));
};

/** Numbers that say how a product meets a need: its range ends, price, or notice (in hours or days). */
function attributeNumbers(product: ConsultProduct, need: Need): number[] {
  const r = rangeOf(product.attributes[need.id]);
  if (!r) return [];
  const ns = [r.min, r.max].filter((n): n is number => n !== undefined);
  return need.entity === 'date' ? [...ns, ...ns.map((h) => h / 24)] : ns;
}

export interface Sources {
  passage: (heading: string) => Passage | undefined;
}

/** A product's sentence about one need, else its first sentence naming it. */
export function productSentence(src: Sources, product: ConsultProduct, need?: Need, fact?: FactValue): Statement | undefined {
  const passage = src.passage(product.passage);
  if (!passage) return undefined;
  const all = sentencesOf(passage);
  const named = all.filter((s) => mentionsProduct(s, product));
  const pool = named.length ? named : all;
  if (need) {
    const numbers = attributeNumbers(product, need);
    const byNumber = numbers.length ? pool.find((s) => numbers.every((n) => numbersIn(s).includes(n))) : undefined;
    const values =
      fact?.kind === 'values' ? fact.values.flatMap((v) => [v, ...(need.values.find((x) => x.name === v)?.words ?? [])]) : [];
    const byWord = pool.find((s) => hasAny(s, [...need.cue, ...values])) ?? all.find((s) => hasAny(s, [...need.cue, ...values]));
    const hit = byNumber ?? byWord;
    if (hit) return { text: hit, passage };
    return undefined;
  }
  return pool[0] ? { text: pool[0], passage } : undefined;
}

/** A sentence about the values the customer named: one naming a product if it can, else the value. */
export function valueSentence(
  src: Sources,
  need: Need,
  fact: FactValue,
  products: readonly ConsultProduct[],
): Statement | undefined {
  if (fact.kind !== 'values') return undefined;
  // The sentence about the best-placed product first, then any about the value itself.
  return fromValuePassages(
    src,
    need,
    fact.values,
    (all, words) =>
      products.map((p) => all.find((s) => mentionsProduct(s, p))).find((s) => s !== undefined) ??
      all.find((s) => hasAny(s, words)) ??
      all[0],
  );
}

/**
 * The first sentence `pick` chooses from the passage of a value the customer named, in the order
 * named; `pick` gets the passage's sentences and the words for the value (its name and synonyms).
 */
function fromValuePassages(
  src: Sources,
  need: Need,
  names: readonly string[],
  pick: (sentences: string[], words: string[]) => string | undefined,
): Statement | undefined {
  for (const name of names) {
    const value = need.values.find((v) => v.name === name);
    const passage = value?.passage ? src.passage(value.passage) : undefined;
    if (!value || !passage) continue;
    const hit = pick(sentencesOf(passage), [value.name, ...value.words]);
    if (hit) return { text: hit, passage };
  }
  return undefined;
}

const CANNOT = /\b(?:cannot|can't|can not|do not|don't|does not|doesn't|not available|unable|no longer)\b/i;

/** What the knowledge says rules a need out ("We cannot make a nut-free cake"), for "nothing fits". */
export function limitSentence(src: Sources, need: Need, fact: FactValue): Statement | undefined {
  if (fact.kind === 'values')
    return fromValuePassages(
      src,
      need,
      fact.values,
      (all, words) => all.find((s) => CANNOT.test(s) && hasAny(s, words)) ?? all.find((s) => CANNOT.test(s)),
    );
  const passage = need.passage ? src.passage(need.passage) : undefined;
  const hit = passage && sentencesOf(passage).find((s) => hasAny(s, need.cue));
  return passage && hit ? { text: hit, passage } : undefined;
}

/** A sentence from the need's own passage (about sizing in general, say). */
export function needSentence(src: Sources, need: Need): Statement | undefined {
  const passage = need.passage ? src.passage(need.passage) : undefined;
  if (!passage) return undefined;
  const all = sentencesOf(passage);
  const hit = all.find((s) => hasAny(s, need.cue)) ?? all[0];
  return hit ? { text: hit, passage } : undefined;
}
