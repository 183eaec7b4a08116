/** readWhen's reading as the `when` entity: ISO instants in the business zone, a window flagged. */
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import { readWhen } from './readWhen.js';
import type { Entities, RecognizerContext } from './types.js';

export function whenEntity(text: string, context: RecognizerContext): Entities['when'] {
  const read = readWhen(text, {
    timeZone: context.timeZone,
    now: context.now,
    openingOn: context.openingOn,
    dayFirst: context.locale?.toLowerCase() !== 'en-us',
    region: context.defaultPhoneRegion,
  });
  if (!read) return undefined;
  const at = (date: string, time: string): string => instantOf(context.timeZone, date, time);
  if (read.kind === 'asap') {
    const now = DateTime.fromJSDate(context.now, { zone: context.timeZone }).set({ millisecond: 0 });
    return { start: now.toISO({ suppressMilliseconds: true }) ?? '', text: read.text, asap: true, hasTime: true };
  }
  const date = read.date!;
  if (read.kind === 'day') {
    // A day alone: noon as the instant (as chrono gave), the opening hours as the window to book in.
    const when: NonNullable<Entities['when']> = { start: at(date, '12:00'), text: read.text, asap: false, hasTime: false };
    if (read.dateSaid !== undefined) when.dateSaid = read.dateSaid;
    return when;
  }
  const when: NonNullable<Entities['when']> = {
    start: at(date, read.from!),
    text: read.text,
    asap: false,
    hasTime: true,
    dateSaid: read.dateSaid ?? true,
  };
  if (read.kind === 'window' && read.to) {
    when.end = at(date, read.to);
    when.window = true;
  }
  return when;
}

/**
 * A wall-clock date and time in the zone as an ISO instant, remembered: the readers name the same few
 * days and times over and over, and each reading in a zone costs luxon its offset arithmetic.
 */
const instants = new LRUCache<string, string>({ max: 1_000 });
function instantOf(timeZone: string, date: string, time: string): string {
  const key = `${timeZone}\u0000${date}T${time}`;
  let iso = instants.get(key);
  if (iso === undefined) {
    iso = DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toISO({ suppressMilliseconds: true }) ?? '';
    instants.set(key, iso);
  }
  return iso;
}
