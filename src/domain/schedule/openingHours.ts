/**
 * When the business is open, read in its own time zone. Opening hours are wall-clock times, so every
 * calculation goes through luxon in `business.timeZone`: a 09:00 opening is 09:00 local on both
 * sides of a daylight-saving switch, and an interval spanning the switch is an hour shorter or longer.
 */
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
  const day = DateTime.fromISO(isoDate, { zone: business.timeZone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new ValidationError(`"${isoDate}" is not a date (expected YYYY-MM-DD)`);
  }
  if (isHoliday(business, isoDate)) return [];
  const weekday = WEEKDAYS[day.weekday - 1];
  const hours = weekday ? business.openingHours[weekday] : [];
  return hours
    .map((interval) => ({
      start: DateTime.fromISO(`${isoDate}T${interval.open}`, { zone: business.timeZone }).toJSDate(),
      end: DateTime.fromISO(`${isoDate}T${interval.close}`, { zone: business.timeZone }).toJSDate(),
    }))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
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
  // Calendar-day arithmetic (plus days), so a 23- or 25-hour day never skips or repeats a date.
  for (let i = 0; i <= count; i++) dates.push(first.startOf('day').plus({ days: i }).toISODate() ?? '');
  return dates;
}
