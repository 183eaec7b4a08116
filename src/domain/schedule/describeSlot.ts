/** Callback slots in words, as the customer reads or hears them, in the business time zone. */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';

export interface SlotDescription {
  /** Short text, e.g. "Tuesday 24 November, 3:00–3:30 pm" in en-AU. */
  text: string;
  /** Local start with its offset, e.g. "2026-11-24T15:00:00+11:00", for speech markup later. */
  localStart: string;
  /** Local end with its offset. */
  localEnd: string;
}

/** Describes a slot in `locale` (default: the business's locale), read in the business time zone. */
export function describeSlot(
  business: Business,
  slot: { start: Date; end: Date },
  locale: string = business.locale,
): SlotDescription {
  const timeZone = business.timeZone;
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  // ICU uses thin and narrow no-break spaces; plain spaces survive every channel, and an en dash
  // between the two times reads as a range without them.
  const range = time
    .formatRange(slot.start, slot.end)
    .replace(/[\s\u2009\u202f]+/g, ' ')
    .replace(/ ?– ?/g, '–');
  const iso = (d: Date) =>
    DateTime.fromJSDate(d, { zone: timeZone }).toISO({ suppressMilliseconds: true, suppressSeconds: false }) ?? '';
  return { text: `${day.format(slot.start)}, ${range}`, localStart: iso(slot.start), localEnd: iso(slot.end) };
}
