/**
 * The readers as the code stood before issue 11 (chrono-based extractWhen, regex intents, the form
 * dialogs' own small readers), so `npm run eval -- --baseline` can show what changed.
 */
import { DateTime } from 'luxon';
import { extractEntities } from '../../../src/domain/understanding/entities.js';
import { extractName } from '../../../src/domain/understanding/extractName.js';
import { extractPhone } from '../../../src/domain/understanding/extractPhone.js';
import { extractWhen } from '../../../src/domain/understanding/extractWhen.js';
import { classifyIntent } from '../../../src/domain/understanding/intents.js';
import { pickChoice, plainName } from '../../../dialogs/slotText.js';
import type { EvalContext, ReadTime, SlotReaders } from './readers.js';

function when(text: string, ctx: EvalContext): ReadTime | undefined {
  const w = extractWhen(text, ctx.timeZone, ctx.now).when;
  if (!w) return undefined;
  if (w.asap) return { asap: true };
  const start = DateTime.fromISO(w.start, { zone: ctx.timeZone });
  const read: ReadTime = { date: start.toISODate() ?? undefined };
  if (w.hasTime) read.from = start.toFormat('HH:mm');
  if (w.end && w.hasTime) read.to = DateTime.fromISO(w.end, { zone: ctx.timeZone }).toFormat('HH:mm');
  return read;
}

function entities(text: string, ctx: EvalContext) {
  return extractEntities(text, { timeZone: ctx.timeZone, defaultPhoneRegion: ctx.region, products: [], now: ctx.now });
}

export const baselineReaders: SlotReaders = {
  name: 'baseline (before issue 11)',
  date: (text, ctx) => when(text, ctx)?.date,
  time: when,
  phone(text, ctx) {
    const p = extractPhone(text, ctx.region);
    return { phone: p.phone?.e164, invalid: p.invalidPhone ? true : undefined };
  },
  person(text, ctx) {
    const e = entities(text, ctx);
    return extractName(text).name ?? (!e.phone ? plainName(text) : undefined);
  },
  yesno(text, ctx) {
    const { intent } = classifyIntent(text, entities(text, ctx));
    return intent === 'affirm' ? true : intent === 'deny' ? false : undefined;
  },
  choice(text, choices) {
    const picked = pickChoice(text, choices.length);
    if (picked !== undefined) return picked;
    const t = text.toLowerCase();
    const i = choices.findIndex((c) => t.includes(c.toLowerCase()));
    if (i >= 0) return i;
    if (/\b(deliver|delivery|delivered|send it|bring it)\b/.test(t) && !/\bnot? deliver/.test(t)) {
      return choices.findIndex((c) => /deliver/i.test(c));
    }
    if (/\b(pick ?up|pick it up|collect|come (in|by|and get))\b/.test(t)) return choices.findIndex((c) => /pick/i.test(c));
    return undefined;
  },
  correction(text, _slots, ctx) {
    const e = entities(text, ctx);
    if (e.phone) return { slot: 'phone', value: e.phone.e164 };
    if (e.name) return { slot: 'name', value: e.name };
    if (e.when) {
      const w = when(text, ctx)!;
      return { slot: e.when.hasTime ? 'time' : 'date', ...w };
    }
    if (e.quantity) return { slot: 'quantity', value: e.quantity };
    return undefined;
  },
  several(text, ctx) {
    const e = entities(text, ctx);
    return { name: e.name, phone: e.phone?.e164, time: e.when ? when(text, ctx) : undefined };
  },
};
