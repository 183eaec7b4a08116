/** The readers the bot uses (src/domain/understanding/read*), as the evaluation calls them. */
import { FULFILMENT_CHOICES } from '../../../src/domain/understanding/fulfilmentChoices.js';
import { readChoice, type ChoiceOption } from '../../../src/domain/understanding/readChoice.js';
import { readCorrection, type CorrectionSlot } from '../../../src/domain/understanding/readCorrection.js';
import { readName } from '../../../src/domain/understanding/readName.js';
import { readPhone } from '../../../src/domain/understanding/readPhone.js';
import { readSeveral } from '../../../src/domain/understanding/readSeveral.js';
import { readWhen, type WhenContext, type WhenReading } from '../../../src/domain/understanding/readWhen.js';
import { readYesNo } from '../../../src/domain/understanding/readYesNo.js';
import type { EvalContext, ReadTime, SlotReaders } from './readers.js';

const whenCtx = (c: EvalContext): WhenContext & { region: string } => ({
  timeZone: c.timeZone,
  now: c.now,
  openingOn: c.openingOn,
  dayFirst: c.dayFirst,
  // An en-US entry is read as a US business would read it (father's day in June).
  region: c.dayFirst ? c.region : 'US',
});

function asTime(w: WhenReading | undefined): ReadTime | undefined {
  if (!w) return undefined;
  return w.kind === 'asap' ? { asap: true } : { date: w.date, from: w.from, to: w.to };
}

/** Choice labels as the dialogs offer them: fulfilment with its synonyms; times with their start. */
function options(choices: string[]): ChoiceOption[] {
  return choices.map((label) => {
    const known = FULFILMENT_CHOICES.find((c) => c.label.toLowerCase() === label.toLowerCase());
    if (known) return known;
    const m = /(\d{1,2}):(\d{2})(?:[–-]\d{1,2}:\d{2})?\s*(am|pm)/i.exec(label);
    if (!m) return { label };
    let h = Number(m[1]);
    if (m[3]!.toLowerCase() === 'pm' && h < 12) h += 12;
    return { label, time: `${String(h).padStart(2, '0')}:${m[2]}` };
  });
}

export const currentReaders: SlotReaders = {
  name: 'prompt-aware readers (issue 11)',
  date: (text, c) => readWhen(text, whenCtx(c))?.date,
  time: (text, c) => asTime(readWhen(text, whenCtx(c))),
  phone(text, c) {
    const p = readPhone(text, c.region);
    return { phone: p.phone?.e164, invalid: p.invalidPhone ? true : undefined };
  },
  person: (text) => readName(text, { expecting: true }),
  yesno: (text) => readYesNo(text),
  choice: (text, choices, c) => readChoice(text, options(choices), whenCtx(c)),
  correction(text, slots, c) {
    const r = readCorrection(text, slots as CorrectionSlot[], whenCtx(c));
    if (!r) return undefined;
    const value = r.name ?? r.phone ?? r.quantity ?? r.fulfilment;
    return { slot: r.slot, ...(value !== undefined ? { value } : {}), ...asTime(r.when) };
  },
  several(text, c) {
    const s = readSeveral(text, whenCtx(c));
    return { name: s.name, phone: s.phone, time: asTime(s.when) };
  },
};
