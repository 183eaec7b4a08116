import { describe, expect, it } from 'vitest';
import { hoursOnDay } from '../../src/domain/schedule/hoursOnDay.js';
import type { Entities } from '../../src/domain/understanding/types.js';
import { bakery, sydney } from './bakery.js';

/** Wednesday 2 December 2026, 10:00 in Sydney. */
const WED_10AM = sydney('2026-12-02T10:00');
const on = (local: string, dateSaid = true): Entities['when'] => ({
  start: sydney(local).toISOString(),
  text: local,
  asap: false,
  hasTime: false,
  dateSaid,
});

describe('the opening hours of the day a question names', () => {
  it('when asked about today, then that day and its hours come from the business hours', () => {
    const h = hoursOnDay(bakery, 'what time do you close today', undefined, WED_10AM);
    expect(h).toMatchObject({ date: '2026-12-02', relative: 'today', holiday: false });
    expect(h!.intervals.map((i) => i.end)).toEqual([sydney('2026-12-02T17:00')]);
    expect(h!.nextOpening).toBeUndefined();
  });

  it('when asked about today after closing, then the next opening is given', () => {
    const h = hoursOnDay(bakery, 'are you still open?', undefined, sydney('2026-12-02T18:30'));
    expect(h?.nextOpening).toEqual(sydney('2026-12-03T09:00'));
  });

  it('when a named day is a holiday or a closed day, then it has no hours', () => {
    expect(hoursOnDay(bakery, 'are you open on boxing day?', on('2026-12-26T00:00'), WED_10AM)).toMatchObject({
      date: '2026-12-26',
      intervals: [],
      holiday: true,
    });
    expect(hoursOnDay(bakery, 'open sunday?', on('2026-12-06T00:00'), WED_10AM)).toMatchObject({ intervals: [], holiday: false });
    expect(hoursOnDay(bakery, 'when do you open tomorrow', undefined, WED_10AM)).toMatchObject({ relative: 'tomorrow' });
  });

  it('when the question names no day, is not about hours, or names a past day, then it is left to the knowledge', () => {
    expect(hoursOnDay(bakery, 'what are your opening hours?', undefined, WED_10AM)).toBeUndefined();
    expect(hoursOnDay(bakery, 'can you call me tomorrow?', undefined, WED_10AM)).toBeUndefined();
    expect(hoursOnDay(bakery, 'were you open yesterday?', on('2026-12-01T00:00'), WED_10AM)).toBeUndefined();
    // A time alone ("at 5") names no day.
    expect(hoursOnDay(bakery, 'are you open at 5?', on('2026-12-02T17:00', false), WED_10AM)).toBeUndefined();
  });
});
