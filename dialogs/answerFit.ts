/**
 * How long and in what form a worded answer may be on the channel of this turn, from the channel
 * capability table: spoken and SMS replies much shorter than Web Chat, markdown only where shown.
 * Room is kept for the "Source:" line.
 */
import type { AnswerFit } from '../src/domain/knowledge/answerComposer.js';
import type { KnowledgeHit, Passage } from '../src/domain/knowledge/passage.js';
import type { ChannelFlags } from '../src/domain/turn/turnInput.js';
import { copy } from './copy.js';

/** Longest spoken answer: about twenty seconds of speech. */
const SPOKEN_MAX = 300;
/** Longest written answer even where a channel allows more: an answer, not a brochure. */
const WRITTEN_MAX = 600;
const SOURCE_ROOM = 60;

export function answerFit(caps: ChannelFlags): AnswerFit & { typing: boolean } {
  const maxChars = caps.speech ? SPOKEN_MAX : Math.min(WRITTEN_MAX, caps.maxLength - SOURCE_ROOM);
  return { maxChars, markdown: caps.markdown !== 'none' && !caps.speech, typing: caps.typing };
}

/**
 * An extractive answer fitted to the channel: a list introduced by a "…:" sentence stays whole —
 * as "- " lines where text is shown, as one spoken sentence on the phone — and on a channel with
 * short messages (SMS) it is split at line ends into messages that each fit. Returns the messages.
 */
export function fitAnswer(text: string, caps: ChannelFlags): string[] {
  if (caps.speech) return [spoken(text)];
  const max = Math.min(WRITTEN_MAX, caps.maxLength - SOURCE_ROOM);
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= max || !current) current = next;
    else {
      parts.push(current);
      current = line;
    }
  }
  if (current) parts.push(current);
  return parts.flatMap((p) => (p.length <= max ? [p] : (p.match(new RegExp(`[\\s\\S]{1,${max}}(?=\\s|$)`, 'g')) ?? [p])));
}

/** "Intro:\n- a\n- b\n- c" → "Intro: a; b; and c." */
function spoken(text: string): string {
  return text
    .replace(/:\n((?:- .*(?:\n|$))+)/g, (_m, list: string) => {
      const items = list
        .trim()
        .split('\n')
        .map((l) => l.replace(/^- /, '').replace(/[.;]$/, ''));
      const last = items.pop();
      return `: ${items.length > 0 ? `${items.join('; ')}; and ${last}` : last}. `;
    })
    .trim();
}

const YES_NO = /^(?:(?:and|also|plus|oh|ok|okay|so)[,\s]+)*(?:do|does|did|can|could|is|are|will|would|have|has)\b/i;

/**
 * A yes/no question about an item that exactly one line of a listed answer names ("do you deliver
 * to Coogee?") gets "Yes — " and that line. Undefined when the answer is not such a list.
 */
export function yesFromList(question: string, text: string): string | undefined {
  if (!YES_NO.test(question.trim())) return undefined;
  const line = namedLine(question, text);
  return line === undefined ? undefined : copy.yesItem(line);
}

/** True for a question that expects yes or no first. */
export const asksYesNo = (question: string): boolean => YES_NO.test(question.trim());

/**
 * The one line of a listed answer that a word of the question names ("… to Coogee" → the Zone 2
 * line), without its "- ". Undefined when the answer is no list or no single line is named.
 */
export function namedLine(question: string, text: string): string | undefined {
  if (!text.includes('\n- ')) return undefined;
  const items = text.split('\n').filter((l) => l.startsWith('- '));
  const words = question
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 4);
  // A word that only some items name is the item asked about (words every item shares are not).
  const telling = words.map(named).filter((pattern) => {
    const n = items.filter((i) => pattern.test(i)).length;
    return n > 0 && n < items.length;
  });
  const hits = items.filter((i) => telling.some((pattern) => pattern.test(i)));
  return hits.length === 1 ? hits[0]!.slice(2) : undefined;
}

const named = (w: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}])${escape(w)}(?![\\p{L}\\p{N}])`, 'iu');
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A list line's label ("Zone 2" of "Zone 2, Inner West: …") named in a sentence of another passage
 * among the hits ("Delivery costs … $25 to Zone 2 …"): the fact that completes the line, quoted with
 * its own passage. Undefined when no other hit names it.
 */
export function relatedFact(line: string, others: readonly KnowledgeHit[]): { sentence: string; passage: Passage } | undefined {
  const label = /^([^,:;(]{2,40}?)\s*[,:;(]/.exec(line)?.[1]?.trim();
  if (!label || !/\p{L}/u.test(label) || label.split(/\s+/).length > 4) return undefined;
  const pattern = named(label);
  for (const hit of others) {
    const sentence = hit.passage.text
      .split(/(?<=[.!?])\s+|\n/)
      .map((x) => x.trim())
      .find((x) => pattern.test(x) && !x.startsWith('- '));
    if (sentence) return { sentence, passage: hit.passage };
  }
  return undefined;
}
