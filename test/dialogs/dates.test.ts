import { describe, expect, it } from 'vitest';
import { copy, dates } from '../../dialogs/copy.js';
import { bakery, sydney } from '../schedule/bakery.js';

describe('dates (the one place times are put in words)', () => {
  const slot = { start: sydney('2026-11-24T15:00'), end: sydney('2026-11-24T15:30') };

  it('when the business locale is en-AU, then a slot reads as a day, date and time range in Sydney', () => {
    expect(dates.slot(bakery, slot)).toBe('Tuesday 24 November, 3:00–3:30 pm');
  });

  it('when the range crosses noon, then both halves of the day are named', () => {
    const morning = { start: sydney('2026-11-24T11:45'), end: sydney('2026-11-24T12:15') };
    expect(dates.slot(bakery, morning)).toBe('Tuesday 24 November, 11:45 am–12:15 pm');
  });

  it('when another locale is asked for, then the text follows it but the time zone stays Sydney', () => {
    expect(dates.slot(bakery, slot, 'en-US')).toBe('Tuesday, November 24, 3:00–3:30 PM');
    expect(dates.slot(bakery, slot, 'en-GB')).toBe('Tuesday 24 November, 15:00–15:30');
  });

  it('when the slot is in winter, then it is read at the standard offset', () => {
    const winter = { start: sydney('2027-06-07T09:00'), end: sydney('2027-06-07T09:30') };
    expect(dates.slot(bakery, winter)).toBe('Monday 7 June, 9:00–9:30 am');
  });

  it('when a booked callback is read back, then a time is "on" the slot and "as soon as possible" says from when', () => {
    const stored = { start: slot.start.toISOString(), end: slot.end.toISOString() };
    expect(dates.callbackWhen(bakery, { ...stored, asap: false })).toBe('on Tuesday 24 November, 3:00–3:30 pm');
    expect(dates.callbackWhen(bakery, { ...stored, asap: true })).toBe(
      'as soon as we can, from Tuesday 24 November, 3:00–3:30 pm',
    );
  });

  it('when a day is named, then it is the local weekday and date, and an instant is its local weekday and time', () => {
    expect(dates.day(bakery, '2026-11-28')).toBe('Saturday 28 November');
    expect(dates.weekdayAndTime(bakery, sydney('2026-11-24T09:00'))).toBe('Tuesday at 9:00 am');
    expect(copy.orderRecord(bakery, 'AB12CD', '1 × Cupcakes', '2026-12-18')).toBe(
      'an order request for 1 × Cupcakes on Friday 18 December (reference AB12CD)',
    );
  });
});
