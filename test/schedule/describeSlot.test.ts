import { describe, expect, it } from 'vitest';
import { describeSlot } from '../../src/domain/schedule/callbackSlots.js';
import { bakery, sydney } from './bakery.js';

describe('describeSlot', () => {
  const slot = { start: sydney('2026-11-24T15:00'), end: sydney('2026-11-24T15:30') };

  it('when the business locale is en-AU, then the slot reads as a day, date and time range in Sydney', () => {
    expect(describeSlot(bakery, slot)).toEqual({
      text: 'Tuesday 24 November, 3:00–3:30 pm',
      localStart: '2026-11-24T15:00:00+11:00',
      localEnd: '2026-11-24T15:30:00+11:00',
    });
  });

  it('when the range crosses noon, then both halves of the day are named', () => {
    const morning = { start: sydney('2026-11-24T11:45'), end: sydney('2026-11-24T12:15') };
    expect(describeSlot(bakery, morning).text).toBe('Tuesday 24 November, 11:45 am–12:15 pm');
  });

  it('when another locale is asked for, then the text follows it but the time zone stays Sydney', () => {
    expect(describeSlot(bakery, slot, 'en-US').text).toBe('Tuesday, November 24, 3:00–3:30 PM');
    expect(describeSlot(bakery, slot, 'en-GB').text).toBe('Tuesday 24 November, 15:00–15:30');
  });

  it('when the slot is in winter, then the local form carries the standard offset', () => {
    const winter = { start: sydney('2027-06-07T09:00'), end: sydney('2027-06-07T09:30') };
    expect(describeSlot(bakery, winter)).toMatchObject({
      text: 'Monday 7 June, 9:00–9:30 am',
      localStart: '2027-06-07T09:00:00+10:00',
    });
  });
});
