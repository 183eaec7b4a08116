/**
 * Plays the scripted consultations over HTTP (test/support/testBot.ts) and checks every rule of
 * issue 13 on each transcript, from the business's own files rather than from the engine's reasons:
 * nothing asked twice, one question per turn, every statement a quote of the passage it cites and
 * about what was just said or what is recommended, a short acknowledgement (never the message
 * echoed), the recommendation within what the script allows, no booking before the customer's yes.
 */
import { join } from 'node:path';
import type { Consultation, ConsultProduct } from '../../src/domain/consulting/consultationSchema.js';
import { normaliseWords } from '../../src/domain/consulting/listen.js';
import { loadKnowledge } from '../../src/knowledge/markdownLoader.js';
import type { Passage } from '../../src/domain/knowledge/passage.js';
import { REPO, startTestBot, texts, type TestBot } from '../support/testBot.js';
import type { AdviceScript } from './adviceScripts.js';

/** Monday 23 November 2026, 10:00 in Sydney (a weekday morning for the bike shop too). */
export const ADVICE_NOW = new Date('2026-11-23T10:00:00+11:00');

export const SHOP_DIRS = { bakery: 'knowledge', bikes: 'test/fixtures/knowledge-bikes' } as const;

export interface ScriptResult {
  name: string;
  shop: AdviceScript['shop'];
  failures: string[];
  /** Customer turns after the advice request until the first recommendation (0: at once). */
  turnsToRecommendation?: number;
  transcript: string[];
}

interface Shop {
  bot: TestBot;
  consultation: Consultation;
  passages: Passage[];
}

const BOOKING =
  /Who should we ask for when we call\?|What would you like to order\?|What's the best number|Shall I book|connecting you with a person/;
const SUGGEST = /I'd suggest (.+?)\.(?: |$)|That still points to (.+?)\.(?: |$)/;
const CITED = /([^.?!]*(?:\.[^ (][^.?!]*)*[.?!]) \(Source: ([^)]+)\)/g;

export async function openShop(shop: AdviceScript['shop']): Promise<Shop> {
  const dir = join(REPO, SHOP_DIRS[shop]);
  const bot = await startTestBot({ env: { KNOWLEDGE_DIR: dir }, overrides: { now: () => new Date(ADVICE_NOW) } });
  const { passages, business } = await loadKnowledge(dir);
  if (!business.consultation) throw new Error(`${dir} has no consultation section`);
  return { bot, consultation: business.consultation, passages };
}

export async function runScript(shop: Shop, script: AdviceScript): Promise<ScriptResult> {
  const convo = shop.bot.conversation();
  const failures: string[] = [];
  const transcript: string[] = [];
  const asked = new Map<string, number>();
  let firstSuggestion: number | undefined;
  let suggested: string[] = [];
  for (const [i, said] of script.turns.entries()) {
    const replies = texts(await convo.say(said));
    transcript.push(`> ${said}`, ...replies.map((r) => `  ${r}`));
    const main = replies[0] ?? '';
    const all = replies.join(' ');
    for (const need of shop.consultation.needs) {
      if (main.includes(need.question)) asked.set(need.question, (asked.get(need.question) ?? 0) + 1);
    }
    if ((main.replace(/\(Source: [^)]*\)/g, '').match(/\?/g) ?? []).length > 1)
      failures.push(`turn ${i}: more than one question`);
    const ack = /^(?:Happy to help you choose\. )?(.*?): got it\./.exec(main)?.[1];
    if (ack && said.length > 30 && (ack.length >= said.length * 0.8 || ack.toLowerCase().includes(said.toLowerCase())))
      failures.push(`turn ${i}: the acknowledgement echoes the message`);
    const suggestion = SUGGEST.exec(all);
    const names = suggestion ? productsNamed(shop.consultation, suggestion[1] ?? suggestion[2] ?? '') : [];
    if (suggestion) {
      firstSuggestion ??= i;
      suggested = names;
      if (names.length === 0) failures.push(`turn ${i}: the suggestion names no known product`);
    }
    for (const m of all.matchAll(CITED)) {
      const problem = checkStatement(shop, m[1]!.trim(), m[2]!, said, names);
      if (problem) failures.push(`turn ${i}: ${problem}`);
    }
    if (BOOKING.test(all) && (script.booksAt === undefined || i < script.booksAt))
      failures.push(`turn ${i}: a booking nobody asked for`);
    for (const [turn, pattern] of script.expect ?? []) {
      if (turn === i && !pattern.test(all)) failures.push(`turn ${i}: expected ${pattern}`);
    }
    if (script.nothingFits && i === 0 && !/nothing we offer fits/.test(all)) failures.push('turn 0: expected "nothing fits"');
  }
  for (const [question, n] of asked) if (n > 1) failures.push(`asked ${n} times: ${question}`);
  if (script.recommends) {
    if (firstSuggestion === undefined) failures.push('no recommendation');
    for (const name of suggested)
      if (!script.recommends.includes(name)) failures.push(`recommended ${name}, which does not fit every constraint`);
  } else if (firstSuggestion !== undefined && script.nothingFits) failures.push('suggested a product although nothing fits');
  return { name: script.name, shop: script.shop, failures, turnsToRecommendation: firstSuggestion, transcript };
}

/** Products named in "the X or the Y", matched to the consultation's products. */
function productsNamed(c: Consultation, text: string): string[] {
  const said = text.toLowerCase();
  return c.products.filter((p) => new RegExp(`\\bthe ${escape(p.name.toLowerCase())}(?![\\w-])`).test(said)).map((p) => p.name);
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** True: every piece of the sentence is in the cited passage. Relevant: see relevant(). */
function checkStatement(shop: Shop, sentence: string, cited: string, said: string, recommended: string[]): string | undefined {
  const [heading, title] = cited.split(' — ');
  const passage = shop.passages.find((p) => p.heading === heading && (!title || p.title === title));
  if (!passage) return `cites an unknown source "${cited}"`;
  const body = flat(passage.text);
  const pieces = sentence
    .split(/: |\.$/)
    .map(flat)
    .filter(Boolean);
  if (!pieces.every((piece) => body.includes(piece))) return `"${sentence}" is not what "${cited}" says`;
  if (!relevant(shop.consultation, passage, sentence, said, recommended)) return `"${sentence}" is not about what was said`;
  return undefined;
}

const flat = (s: string): string =>
  s
    .replace(/[|*`,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * A statement is relevant when it names a product being recommended, when it comes from the
 * passage about a value the customer just named, or when it names a product whose attributes
 * agree with a value or a number in the message (a sentence sharing only a number does not).
 */
function relevant(c: Consultation, passage: Passage, sentence: string, said: string, recommended: string[]): boolean {
  const plain = ` ${normaliseWords(said)} `;
  const named = (words: string[]): boolean => words.some((w) => plain.includes(` ${normaliseWords(w)}`));
  const sentencePlain = normaliseWords(sentence);
  const mentioned = c.products.filter((p) => sentencePlain.includes(normaliseWords(p.mention ?? p.name)));
  if (mentioned.some((p) => recommended.includes(p.name))) return true;
  const values = c.needs.flatMap((n) => n.values.filter((v) => named([v.name, ...v.words])).map((v) => ({ need: n, value: v })));
  if (values.some(({ value }) => value.passage === passage.heading)) return true;
  if (c.needs.some((n) => n.passage === passage.heading && (n.keywords.some((k) => named([k])) || /\d/.test(said)))) return true;
  const numbers = [...said.replace(/(\d),(\d{3})/g, '$1$2').matchAll(/\d+/g)].map((m) => Number(m[0]));
  return mentioned.some(
    (p) =>
      values.some(({ need, value }) => (p.attributes[need.id] as string[] | undefined)?.includes(value.name)) ||
      numbers.some((n) => agrees(c, p, n, said, sentence)),
  );
}

/**
 * A product agrees with a number the customer gave when one of its ranges holds it (or starts
 * above it and the sentence says so: it serves more), or when it costs no more than a sum they
 * named. Notice periods are not compared with numbers (a date's day is not a count).
 */
function agrees(c: Consultation, p: ConsultProduct, n: number, said: string, sentence: string): boolean {
  const money = /\$|budget|spend|under|up to/i.test(said);
  return Object.entries(p.attributes).some(([id, a]) => {
    const need = c.needs.find((x) => x.id === id);
    if (Array.isArray(a) || !need || need.entity === 'date') return false;
    if (need.entity === 'budget') return money && (typeof a === 'number' ? a : (a.min ?? 0)) <= n;
    const r = typeof a === 'number' ? { min: a, max: a } : a;
    const holds = (r.min ?? 0) <= n && (r.max === undefined || n <= r.max);
    return holds || ((r.min ?? 0) > n && sentence.includes(String(r.min)));
  });
}

/** Runs every script, one bot per shop. */
export async function runAdviceScripts(scripts: readonly AdviceScript[]): Promise<ScriptResult[]> {
  const results: ScriptResult[] = [];
  for (const shopName of ['bakery', 'bikes'] as const) {
    const shop = await openShop(shopName);
    try {
      for (const script of scripts.filter((s) => s.shop === shopName)) results.push(await runScript(shop, script));
    } finally {
      await shop.bot.stop();
    }
  }
  return results;
}
