/**
 * Reads a correction of a value already given: "actually make it 4pm", "change the name to Sam",
 * "make it 3 dozen", "sorry, I meant Friday", "not Sam, Sean", "use 0422 111 222 instead". It names the
 * slot (by its word — name, number, time, date, quantity, delivery — or by the kind of value given)
 * and the new value, among the slots the form has.
 */
import { FULFILMENT_CHOICES } from './fulfilmentChoices.js';
import { readChoice } from './readChoice.js';
import { readName } from './readName.js';
import { readPhone } from './readPhone.js';
import { readWhen, type WhenContext, type WhenReading } from './readWhen.js';
import { NUMBER_SOURCE, numberValue } from './numberWords.js';

export type CorrectionSlot = 'name' | 'phone' | 'time' | 'date' | 'quantity' | 'fulfilment';

export interface Correction {
  slot: CorrectionSlot;
  name?: string;
  phone?: string;
  when?: WhenReading;
  quantity?: number;
  fulfilment?: 'pickup' | 'delivery';
}

/** Words that say a message changes something already said. */
export const CORRECTION_CUE =
  /\b(?:actually|instead|change|changed|make\s+(?:it|that)|sorry|i\s+meant|meant|no\s+wait|wait|oops|wrong|should\s+be|move\s+it|rather|not\s+\p{L}+,|update|switch)\b/iu;

const SLOT_WORDS: Array<[RegExp, CorrectionSlot]> = [
  [/\bname\b/i, 'name'],
  [/\b(?:number|phone|mobile|mob)\b/i, 'phone'],
  [/\btime\b/i, 'time'],
  [/\b(?:date|day)\b/i, 'date'],
  [/\b(?:quantity|how many|amount)\b/i, 'quantity'],
  [/\b(?:deliver\w*|pick\s?up|pick it up|collect\w*)\b/i, 'fulfilment'],
];

export function readCorrection(
  text: string,
  slots: readonly CorrectionSlot[],
  ctx: WhenContext & { region: string },
): Correction | undefined {
  const has = (s: CorrectionSlot): boolean => slots.includes(s);
  const named = SLOT_WORDS.find(([re]) => re.test(text))?.[1];
  const phone = readPhone(text, ctx.region).phone;
  if (phone && has('phone') && (!named || named === 'phone')) return { slot: 'phone', phone: phone.e164 };
  if (named === 'name' || (!named && /^\s*not\s+\p{L}+,/iu.test(text)) || /\bput it under\b/i.test(text)) {
    const after = /\b(?:to|is|be|it'?s|under)\s+(.+)$/i.exec(text)?.[1] ?? text.replace(/^\s*not\s+\p{L}+,/iu, '');
    const name = readName(after, { expecting: true });
    if (name && has('name')) return { slot: 'name', name };
  }
  if (named === 'fulfilment' && has('fulfilment')) {
    const i = readChoice(text.replace(/\b(?:instead|actually|rather)\b/gi, ' '), FULFILMENT_CHOICES);
    if (i !== undefined) return { slot: 'fulfilment', fulfilment: i === 0 ? 'pickup' : 'delivery' };
  }
  const quantity = quantityIn(text);
  const timeCue = /\b(?:am|pm|o'?clock|instead|at|time)\b|:\d\d/i.test(text);
  if (quantity !== undefined && has('quantity') && (named === 'quantity' || !timeCue || /dozen/i.test(text))) {
    return { slot: 'quantity', quantity };
  }
  // "make it 11 instead": with a time cue, a bare hour is a time.
  const bare = timeCue ? /\b(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:am|pm))/.exec(text) : null;
  const when = readWhen(text, ctx) ?? (bare && Number(bare[1]) <= 12 ? readWhen(`at ${bare[0]}`, ctx) : undefined);
  if (when) {
    const slot: CorrectionSlot = named === 'date' || (when.kind === 'day' && named !== 'time') ? 'date' : 'time';
    if (has(slot)) return { slot, when };
    if (has('time')) return { slot: 'time', when };
    if (has('date')) return { slot: 'date', when };
  }
  if (has('name') && /\b(?:it'?s|its)\s+\p{L}/iu.test(text)) {
    const name = readName(text, { expecting: false });
    if (name) return { slot: 'name', name };
  }
  return undefined;
}

const QUANTITY = new RegExp(`\\b${NUMBER_SOURCE}\\b(?!\\s*(?:am|pm|:|\\.\\d|th|st|nd|rd|o'?clock))`, 'i');

/** "3 dozen" 36, "half a dozen" 6, "a dozen" 12, "two" 2, "4 not 2" 4. */
function quantityIn(text: string): number | undefined {
  const m = QUANTITY.exec(text);
  const value = m ? numberValue(m[0]) : undefined;
  return value && value > 0 ? value : undefined;
}
