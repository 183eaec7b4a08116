/**
 * When the business is open, read in its own time zone. Opening hours are wall-clock times, so every
 * calculation goes through luxon in `business.timeZone`: a 09:00 opening is 09:00 local on both
 * sides of a daylight-saving switch, and an interval spanning the switch is an hour shorter or longer.
 */
import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import { WEEKDAYS } from '../business.js';
import { ValidationError } from '../errors.js';

/** An opening interval as instants: open from `start` (inclusive) to `end` (exclusive). */
export interface OpenInterval {
  start: Date;
  end: Date;
}

/** How far ahead {@link nextOpening} looks before giving up. */
export const OPENING_SEARCH_DAYS = 60;

/** The calendar date (YYYY-MM-DD) of an instant in the business time zone. */
export function localDateOf(business: Business, at: Date): string {
  return DateTime.fromJSDate(at, { zone: business.timeZone }).toISODate() ?? '';
}

/** Whether `isoDate` (YYYY-MM-DD, local) is one of the business's holidays. */
export function isHoliday(business: Business, isoDate: string): boolean {
  return business.holidays.includes(isoDate);
}

/**
 * The opening intervals on a local date, earliest first; empty on holidays and closed days.
 * A time that does not exist on that day (a DST gap) moves forward by the gap, as luxon does.
 */
export function openIntervalsOn(business: Business, isoDate: string): OpenInterval[] {
  return cachedIntervals(business, isoDate, intervalsOn).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/**
 * A per-business cache of what is read from the hours of one local date: a turn asks for the same
 * few days again and again (the time readers, the slot checks), and the zone arithmetic is the
 * costly part. An entry holds while the business's hours, holidays and zone are the ones it was
 * read from; each cache keeps a year and more of dates per business. Values are shared: callers
 * copy what they hand out.
 */
export function businessDayCache<T>(): (business: Business, isoDate: string, read: (b: Business, d: string) => T) => T {
  const cache = new WeakMap<
    Business,
    { hours: Business['openingHours']; holidays: string[]; timeZone: string; days: LRUCache<string, { value: T }> }
  >();
  return (business, isoDate, read) => {
    let entry = cache.get(business);
    if (
      !entry ||
      entry.hours !== business.openingHours ||
      entry.holidays !== business.holidays ||
      entry.timeZone !== business.timeZone
    ) {
      entry = {
        hours: business.openingHours,
        holidays: business.holidays,
        timeZone: business.timeZone,
        days: new LRUCache({ max: CACHED_DAYS }),
      };
      cache.set(business, entry);
    }
    let found = entry.days.get(isoDate);
    if (!found) entry.days.set(isoDate, (found = { value: read(business, isoDate) }));
    return found.value;
  };
}
const CACHED_DAYS = 512;

/** Opening intervals as epoch milliseconds, by business and date. */
const cachedIntervals = businessDayCache<Array<[number, number]>>();

function intervalsOn(business: Business, isoDate: string): Array<[number, number]> {
  const day = DateTime.fromISO(isoDate, { zone: business.timeZone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new ValidationError(`"${isoDate}" is not a date (expected YYYY-MM-DD)`);
  }
  if (isHoliday(business, isoDate)) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  const hours = weekday ? business.openingHours[weekday] : [];
  return hours
    .map((interval): [number, number] => [
      DateTime.fromISO(`${isoDate}T${interval.open}`, { zone: business.timeZone }).toMillis(),
      DateTime.fromISO(`${isoDate}T${interval.close}`, { zone: business.timeZone }).toMillis(),
    ])
    .sort((a, b) => a[0] - b[0]);
}

/** Whether the business is open at the instant `at`. */
export function isOpen(business: Business, at: Date): boolean {
  return openIntervalsOn(business, localDateOf(business, at)).some(
    (i) => i.start.getTime() <= at.getTime() && at.getTime() < i.end.getTime(),
  );
}

/**
 * The first instant at or after `from` when the business is open: `from` itself if it is open then,
 * otherwise the start of the next opening interval. Undefined if it does not open within
 * {@link OPENING_SEARCH_DAYS} days (e.g. no opening hours configured).
 */
export function nextOpening(business: Business, from: Date): Date | undefined {
  for (const isoDate of localDatesFrom(business, from, OPENING_SEARCH_DAYS)) {
    for (const interval of openIntervalsOn(business, isoDate)) {
      if (interval.end.getTime() <= from.getTime()) continue;
      return interval.start.getTime() <= from.getTime() ? from : interval.start;
    }
  }
  return undefined;
}

/** `count` + 1 consecutive local dates, starting with the local date of `from`. */
export function localDatesFrom(business: Business, from: Date | string, count: number): string[] {
  const first =
    typeof from === 'string'
      ? DateTime.fromISO(from, { zone: business.timeZone })
      : DateTime.fromJSDate(from, { zone: business.timeZone });
  const dates: string[] = [];
  const day = first.startOf('day');
  // Calendar-day arithmetic (plus days), so a 23- or 25-hour day never skips or repeats a date.
  for (let i = 0; i <= count; i++) dates.push(day.plus({ days: i }).toISODate() ?? '');
  return dates;
}
