/** The sample Sydney bakery, and helpers to write instants as Sydney wall-clock times. */
import { DateTime } from 'luxon';
import { BusinessSchema, type Business } from '../../src/domain/business.js';

export const bakery: Business = BusinessSchema.parse({
  name: 'Harbour Bakery',
  timeZone: 'Australia/Sydney',
  locale: 'en-AU',
  defaultPhoneRegion: 'AU',
  currency: 'AUD',
  openingHours: {
    monday: [{ open: '09:00', close: '17:00' }],
    tuesday: [{ open: '09:00', close: '17:00' }],
    wednesday: [{ open: '09:00', close: '17:00' }],
    thursday: [{ open: '09:00', close: '17:00' }],
    friday: [{ open: '09:00', close: '17:00' }],
    saturday: [{ open: '09:00', close: '13:00' }],
    sunday: [],
  },
  holidays: ['2026-12-25', '2026-12-26'],
  callbackLeadMinutes: 60,
  callbackWindowMinutes: 30,
});

/** The instant of a Sydney wall-clock time, e.g. sydney('2026-11-24T15:00'). */
export function sydney(local: string): Date {
  const dt = DateTime.fromISO(local, { zone: 'Australia/Sydney' });
  if (!dt.isValid) throw new Error(`bad local time ${local}`);
  return dt.toJSDate();
}

/** An instant as Sydney wall-clock time with its offset, e.g. "2026-11-24T15:00+11:00". */
export function local(at: Date): string {
  return DateTime.fromJSDate(at, { zone: 'Australia/Sydney' }).toFormat("yyyy-MM-dd'T'HH:mmZZ");
}

/** A slot or alternative as "start/end" in Sydney wall-clock time, for readable assertions. */
export function span(slot: { start: Date; end: Date }): string {
  return `${local(slot.start)}/${DateTime.fromJSDate(slot.end, { zone: 'Australia/Sydney' }).toFormat('HH:mm')}`;
}
