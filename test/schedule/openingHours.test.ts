import { describe, expect, it } from 'vitest';
import { BusinessSchema } from '../../src/domain/business.js';
import { ValidationError } from '../../src/domain/errors.js';
import { isOpen, nextOpening, openIntervalsOn } from '../../src/domain/schedule/openingHours.js';
import { bakery, local, sydney } from './bakery.js';

describe('openIntervalsOn', () => {
  it('when a weekday is asked for, then its hours come back as instants in Sydney time', () => {
    const [interval, ...rest] = openIntervalsOn(bakery, '2026-11-24');
    expect(rest).toEqual([]);
    expect(interval?.start.toISOString()).toBe('2026-11-23T22:00:00.000Z'); // 09:00 AEDT (+11)
    expect(interval?.end.toISOString()).toBe('2026-11-24T06:00:00.000Z');
  });

  it('when the date is a holiday or a Sunday, then there are no intervals', () => {
    expect(openIntervalsOn(bakery, '2026-12-25')).toEqual([]);
    expect(openIntervalsOn(bakery, '2026-12-26')).toEqual([]);
    expect(openIntervalsOn(bakery, '2026-11-29')).toEqual([]);
  });

  it('when the date is not YYYY-MM-DD, then a ValidationError is thrown', () => {
    expect(() => openIntervalsOn(bakery, 'Friday')).toThrow(ValidationError);
    expect(() => openIntervalsOn(bakery, '2026-02-30')).toThrow(ValidationError);
  });

  it('when daylight saving starts or ends, then 09:00 stays 09:00 local and the offset changes', () => {
    expect(openIntervalsOn(bakery, '2026-10-03')[0]?.start.toISOString()).toBe('2026-10-02T23:00:00.000Z'); // AEST
    expect(openIntervalsOn(bakery, '2026-10-05')[0]?.start.toISOString()).toBe('2026-10-04T22:00:00.000Z'); // AEDT
    expect(openIntervalsOn(bakery, '2027-04-03')[0]?.start.toISOString()).toBe('2027-04-02T22:00:00.000Z'); // AEDT
    expect(openIntervalsOn(bakery, '2027-04-05')[0]?.start.toISOString()).toBe('2027-04-04T23:00:00.000Z'); // AEST
  });

  it('when an interval spans the switch night, then it is an hour shorter or longer', () => {
    const night = BusinessSchema.parse({
      timeZone: 'Australia/Sydney',
      openingHours: { sunday: [{ open: '01:00', close: '04:00' }] },
    });
    const hours = (isoDate: string) => {
      const [i] = openIntervalsOn(night, isoDate);
      return i ? (i.end.getTime() - i.start.getTime()) / 3_600_000 : 0;
    };
    expect(hours('2026-10-04')).toBe(2);
    expect(hours('2027-04-04')).toBe(4);
    expect(hours('2026-11-29')).toBe(3);
  });
});

describe('isOpen', () => {
  it('when it is a weekday within hours, then the bakery is open, and closed at closing time', () => {
    expect(isOpen(bakery, sydney('2026-11-24T09:00'))).toBe(true);
    expect(isOpen(bakery, sydney('2026-11-24T16:59'))).toBe(true);
    expect(isOpen(bakery, sydney('2026-11-24T17:00'))).toBe(false);
    expect(isOpen(bakery, sydney('2026-11-24T08:59'))).toBe(false);
  });

  it('when it is Saturday afternoon, Sunday or a holiday, then the bakery is closed', () => {
    expect(isOpen(bakery, sydney('2026-11-28T12:59'))).toBe(true);
    expect(isOpen(bakery, sydney('2026-11-28T13:00'))).toBe(false);
    expect(isOpen(bakery, sydney('2026-11-29T11:00'))).toBe(false);
    expect(isOpen(bakery, sydney('2026-12-25T11:00'))).toBe(false);
  });

  it('when daylight saving has just started, then the instant is read with the new offset', () => {
    // 22:30Z on 4 October is 09:30 Monday AEDT; read with the old +10 offset it would be 08:30.
    expect(isOpen(bakery, new Date('2026-10-04T22:30:00Z'))).toBe(true);
    expect(isOpen(bakery, new Date('2026-10-04T21:30:00Z'))).toBe(false);
  });
});

describe('nextOpening', () => {
  it('when the bakery is open, then the next opening is now', () => {
    const now = sydney('2026-11-24T10:00');
    expect(nextOpening(bakery, now)).toEqual(now);
  });

  it('when it is Saturday afternoon, then the next opening is Monday 09:00', () => {
    expect(local(nextOpening(bakery, sydney('2026-11-28T13:00'))!)).toBe('2026-11-30T09:00+11:00');
  });

  it('when Christmas and Boxing Day follow, then the next opening is Monday 28 December', () => {
    expect(local(nextOpening(bakery, sydney('2026-12-24T17:00'))!)).toBe('2026-12-28T09:00+11:00');
  });

  it('when the clocks go back on the closed Sunday, then Monday 09:00 is in AEST', () => {
    expect(local(nextOpening(bakery, sydney('2027-04-03T14:00'))!)).toBe('2027-04-05T09:00+10:00');
  });

  it('when the business never opens within 60 days, then there is no next opening', () => {
    const closed = BusinessSchema.parse({ openingHours: {} });
    expect(nextOpening(closed, new Date('2026-11-24T00:00:00Z'))).toBeUndefined();
  });
});
