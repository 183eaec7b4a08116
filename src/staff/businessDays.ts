/** Calendar days in the business's time zone, as `YYYY-MM-DD`, and the instants they span. */
import { DateTime } from 'luxon';

export function dayOf(at: Date | string, timeZone: string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return DateTime.fromJSDate(date, { zone: timeZone }).toISODate() ?? '';
}

/** [start, end) of the local day as ISO UTC strings (a DST day is 23 or 25 hours long). */
export function dayWindow(day: string, timeZone: string): { from: string; to: string } {
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf('day');
  return { from: start.toUTC().toISO()!, to: start.plus({ days: 1 }).toUTC().toISO()! };
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}
