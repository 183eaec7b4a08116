/**
 * Reads every contact slot one message names, in any order: "callback please, Lucy, 412 987 654,
 * wednesday 2pm". The phone number and the time are read first and taken out, so that the name
 * reader sees only what is left; a plain name counts only beside a phone number (contact details
 * given unprompted).
 */
import { readName } from './readName.js';
import { readPhone } from './readPhone.js';
import { readWhen, type WhenContext, type WhenReading } from './readWhen.js';

export interface SeveralSlots {
  name?: string;
  phone?: string;
  invalidPhone?: string;
  when?: WhenReading;
}

const REQUEST =
  /^\s*(?:(?:a\s+)?call\s*back|callback|call\s+me|ring\s+me|please\s+call|can\s+(?:someone|you)\s+call\s+me)(?:\s+please)?\s*(?=[,;:-]|$)/i;

export function readSeveral(text: string, ctx: WhenContext & { region: string }, expectingName = false): SeveralSlots {
  const slots: SeveralSlots = {};
  const phone = readPhone(text, ctx.region);
  let rest = text;
  for (const [from, to] of phone.spans) rest = rest.slice(0, from) + ','.padEnd(to - from, ' ') + rest.slice(to);
  if (phone.phone) slots.phone = phone.phone.e164;
  if (phone.invalidPhone) slots.invalidPhone = phone.invalidPhone;
  const when = readWhen(rest, ctx);
  if (when) slots.when = when;
  // The name reader must not take "wednesday 2pm" or "callback please" for a name.
  const parts = rest
    .replace(REQUEST, ',')
    .split(/[,;\n]|\s[-–—]\s/)
    .filter((part) => part.trim() && !readWhen(part, ctx));
  const name = readName(parts.join(', '), { expecting: expectingName || Boolean(slots.phone) }) ?? readName(rest);
  if (name) slots.name = name;
  return slots;
}
