import { describe, expect, it } from 'vitest';
import { validateCallbackTime, type CallbackTimeResult } from '../../src/domain/schedule/callbackSlots.js';
import { bakery, span, sydney } from './bakery.js';

const at = (local: string) => ({ start: sydney(local), hasTime: true });
const onDay = (isoDate: string) => ({ start: sydney(`${isoDate}T12:00`), hasTime: false });
const slotOf = (r: CallbackTimeResult) => (r.ok ? span(r.slot) : `rejected: ${r.reason}`);
const rejection = (r: CallbackTimeResult) =>
  r.ok ? { reason: 'accepted', alternatives: [span(r.slot)] } : { reason: r.reason, alternatives: r.alternatives.map(span) };

const tuesday10 = sydney('2026-11-24T10:00');

describe('validateCallbackTime: as soon as possible', () => {
  it('when it is asked during hours, then the slot starts after the lead time', () => {
    const result = validateCallbackTime(bakery, 'asap', tuesday10);
    expect(result).toMatchObject({ ok: true, slot: { asap: true } });
    expect(slotOf(result)).toBe('2026-11-24T11:00+11:00/11:30');
  });

  it('when now plus the lead time is off the quarter hour, then it is rounded up to the next one', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-24T10:07')))).toBe('2026-11-24T11:15+11:00/11:45');
  });

  it('when the lead time lands in the last half hour, then the window is clipped to closing time', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-24T15:45')))).toBe('2026-11-24T16:45+11:00/17:00');
  });

  it('when the lead time lands less than 15 minutes before closing, then it is the next morning', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-24T15:50')))).toBe('2026-11-25T09:00+11:00/09:30');
  });

  it('when it is asked at night, then the slot is the next morning at 09:00', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-24T21:00')))).toBe('2026-11-25T09:00+11:00/09:30');
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-25T02:00')))).toBe('2026-11-25T09:00+11:00/09:30');
  });

  it('when it is asked early in the morning, then the lead time still applies after opening', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-25T08:30')))).toBe('2026-11-25T09:30+11:00/10:00');
  });

  it('when it is asked on Saturday at 12:50, then the slot is Monday 09:00', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-11-28T12:50')))).toBe('2026-11-30T09:00+11:00/09:30');
  });

  it('when it is asked on Christmas Eve after closing, then the slot skips the holidays and Sunday', () => {
    expect(slotOf(validateCallbackTime(bakery, 'asap', sydney('2026-12-24T16:30')))).toBe('2026-12-28T09:00+11:00/09:30');
  });
});

describe('validateCallbackTime: a requested time', () => {
  it('when the time is within hours and after the lead time, then it is accepted as asked', () => {
    const result = validateCallbackTime(bakery, at('2026-11-24T15:10'), tuesday10);
    expect(result).toMatchObject({ ok: true, slot: { asap: false } });
    expect(slotOf(result)).toBe('2026-11-24T15:10+11:00/15:40');
  });

  it('when the time is 16:45, then the window is clipped to 17:00; at 16:50 it is outside hours', () => {
    expect(slotOf(validateCallbackTime(bakery, at('2026-11-24T16:45'), tuesday10))).toBe('2026-11-24T16:45+11:00/17:00');
    expect(rejection(validateCallbackTime(bakery, at('2026-11-24T16:50'), tuesday10)).reason).toBe('outside_hours');
  });

  it('when a Sunday is asked for, then it is a closed day and the alternatives start on Monday', () => {
    expect(rejection(validateCallbackTime(bakery, at('2026-11-29T10:00'), tuesday10))).toEqual({
      reason: 'closed_day',
      alternatives: ['2026-11-30T09:00+11:00/09:30', '2026-12-01T09:00+11:00/09:30', '2026-12-02T09:00+11:00/09:30'],
    });
  });

  it('when 8 pm is asked for, then the alternatives are the same day before closing and the next morning', () => {
    expect(rejection(validateCallbackTime(bakery, at('2026-11-24T20:00'), tuesday10))).toEqual({
      reason: 'outside_hours',
      alternatives: ['2026-11-24T16:30+11:00/17:00', '2026-11-24T16:00+11:00/16:30', '2026-11-25T09:00+11:00/09:30'],
    });
  });

  it('when a time before opening is asked for, then the alternatives are that morning and the next', () => {
    expect(rejection(validateCallbackTime(bakery, at('2026-11-25T07:00'), tuesday10))).toEqual({
      reason: 'outside_hours',
      alternatives: ['2026-11-25T09:00+11:00/09:30', '2026-11-25T09:30+11:00/10:00', '2026-11-26T09:00+11:00/09:30'],
    });
  });

  it('when the time is in 20 minutes, then it is too soon and the alternatives start after the lead time', () => {
    expect(rejection(validateCallbackTime(bakery, at('2026-11-24T10:20'), tuesday10))).toEqual({
      reason: 'too_soon',
      alternatives: ['2026-11-24T11:00+11:00/11:30', '2026-11-24T11:30+11:00/12:00', '2026-11-25T09:00+11:00/09:30'],
    });
  });

  it('when Christmas Day is asked for, then it is a holiday and the alternatives start on 28 December', () => {
    const now = sydney('2026-12-21T10:00');
    const expected = {
      reason: 'holiday',
      alternatives: ['2026-12-28T09:00+11:00/09:30', '2026-12-29T09:00+11:00/09:30', '2026-12-30T09:00+11:00/09:30'],
    };
    expect(rejection(validateCallbackTime(bakery, at('2026-12-25T10:00'), now))).toEqual(expected);
    expect(rejection(validateCallbackTime(bakery, onDay('2026-12-25'), now))).toEqual(expected);
  });

  it('when the time has passed, then it is rejected as past and no alternative is before now plus the lead', () => {
    const result = rejection(validateCallbackTime(bakery, at('2026-11-24T09:30'), tuesday10));
    expect(result).toEqual({
      reason: 'past',
      alternatives: ['2026-11-24T11:00+11:00/11:30', '2026-11-24T11:30+11:00/12:00', '2026-11-25T09:00+11:00/09:30'],
    });
    expect(rejection(validateCallbackTime(bakery, at('2026-11-23T15:00'), tuesday10))).toMatchObject({
      reason: 'past',
      alternatives: ['2026-11-24T11:00+11:00/11:30', '2026-11-25T09:00+11:00/09:30', '2026-11-26T09:00+11:00/09:30'],
    });
  });

  it('when the time is more than 90 days ahead, then it is too far with no alternatives', () => {
    expect(rejection(validateCallbackTime(bakery, at('2027-03-01T10:00'), tuesday10))).toEqual({
      reason: 'too_far',
      alternatives: [],
    });
    expect(slotOf(validateCallbackTime(bakery, at('2027-02-22T10:00'), tuesday10))).toBe('2027-02-22T10:00+11:00/10:30');
    expect(rejection(validateCallbackTime(bakery, at('2027-02-22T10:15'), tuesday10)).reason).toBe('too_far');
  });
});

describe('validateCallbackTime: a day without a time', () => {
  it('when an open day is given, then the slot is its first valid time', () => {
    const result = validateCallbackTime(bakery, onDay('2026-11-27'), tuesday10);
    expect(result).toMatchObject({ ok: true, slot: { asap: false } });
    expect(slotOf(result)).toBe('2026-11-27T09:00+11:00/09:30');
  });

  it('when today is given, then the slot is the first time after the lead', () => {
    expect(slotOf(validateCallbackTime(bakery, onDay('2026-11-24'), tuesday10))).toBe('2026-11-24T11:00+11:00/11:30');
  });

  it('when today is given but only the lead time is in the way, then it is too soon with tomorrow offered', () => {
    expect(rejection(validateCallbackTime(bakery, onDay('2026-11-24'), sydney('2026-11-24T16:30')))).toEqual({
      reason: 'too_soon',
      alternatives: ['2026-11-25T09:00+11:00/09:30', '2026-11-26T09:00+11:00/09:30', '2026-11-27T09:00+11:00/09:30'],
    });
  });

  it('when today is given after closing, then it is past', () => {
    expect(rejection(validateCallbackTime(bakery, onDay('2026-11-24'), sydney('2026-11-24T20:00'))).reason).toBe('past');
  });

  it('when a Sunday is given, then it is a closed day with Monday first among the alternatives', () => {
    expect(rejection(validateCallbackTime(bakery, onDay('2026-11-29'), tuesday10))).toMatchObject({
      reason: 'closed_day',
      alternatives: ['2026-11-30T09:00+11:00/09:30', '2026-12-01T09:00+11:00/09:30', '2026-12-02T09:00+11:00/09:30'],
    });
  });

  it('when a past day or a day beyond 90 days is given, then it is past or too far', () => {
    expect(rejection(validateCallbackTime(bakery, onDay('2026-11-20'), tuesday10)).reason).toBe('past');
    expect(rejection(validateCallbackTime(bakery, onDay('2027-03-01'), tuesday10))).toEqual({
      reason: 'too_far',
      alternatives: [],
    });
  });
});

describe('validateCallbackTime: daylight saving', () => {
  it('when asked on the Saturday before clocks go forward (4 October 2026), then Monday 09:00 is in AEDT', () => {
    const result = validateCallbackTime(bakery, 'asap', sydney('2026-10-03T12:50'));
    expect(slotOf(result)).toBe('2026-10-05T09:00+11:00/09:30');
    expect(result.ok && result.slot.start.toISOString()).toBe('2026-10-04T22:00:00.000Z');
  });

  it('when asked on the Saturday before clocks go back (4 April 2027), then Monday 09:00 is in AEST', () => {
    const result = validateCallbackTime(bakery, 'asap', sydney('2027-04-03T12:50'));
    expect(slotOf(result)).toBe('2027-04-05T09:00+10:00/09:30');
    expect(result.ok && result.slot.start.toISOString()).toBe('2027-04-04T23:00:00.000Z');
  });

  it('when the switch Sunday is asked for, then the alternatives are Monday onwards at local 09:00', () => {
    expect(rejection(validateCallbackTime(bakery, at('2026-10-04T10:00'), sydney('2026-10-02T10:00')))).toEqual({
      reason: 'closed_day',
      alternatives: ['2026-10-05T09:00+11:00/09:30', '2026-10-06T09:00+11:00/09:30', '2026-10-07T09:00+11:00/09:30'],
    });
  });

  it('when the lead time crosses the switch, then it is counted in real minutes', () => {
    // A business open on Sunday night: at 01:30 AEST plus 60 minutes is 03:30 AEDT, not 02:30.
    const night = { ...bakery, openingHours: { ...bakery.openingHours, sunday: [{ open: '01:00', close: '05:00' }] } };
    const result = validateCallbackTime(night, 'asap', sydney('2026-10-04T01:30'));
    expect(slotOf(result)).toBe('2026-10-04T03:30+11:00/04:00');
  });
});
