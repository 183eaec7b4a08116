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

/** Formatters by locale and time zone: building one costs far more than formatting with it. */
const formatters = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function formattersFor(locale: string, timeZone: string): { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  const key = `${locale}\u0000${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = {
      day: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
    };
    // A handful of locales and zones in practice; the bound keeps a stream of odd ones from growing it.
    if (formatters.size >= 64) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/** Describes a slot in `locale` (default: the business's locale), read in the business time zone. */
export function describeSlot(
  business: Business,
  slot: { start: Date; end: Date },
  locale: string = business.locale,
): SlotDescription {
  const timeZone = business.timeZone;
  const { day, time } = formattersFor(locale, timeZone);
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
