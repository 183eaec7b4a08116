/**
 * The slot readers on the phrasings of issue 11, at a fixed clock in opening hours (Tuesday 10:00)
 * and out of them (Tuesday 19:30, Sydney), with the sample bakery's opening hours.
 */
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { FULFILMENT_CHOICES } from '../../src/domain/understanding/fulfilmentChoices.js';
import { readChoice } from '../../src/domain/understanding/readChoice.js';
import { readCorrection } from '../../src/domain/understanding/readCorrection.js';
import { readName } from '../../src/domain/understanding/readName.js';
import { readPhone } from '../../src/domain/understanding/readPhone.js';
import { readSeveral } from '../../src/domain/understanding/readSeveral.js';
import { readWhen, type WhenContext } from '../../src/domain/understanding/readWhen.js';
import { readYesNo } from '../../src/domain/understanding/readYesNo.js';

const zone = 'Australia/Sydney';
const at = (iso: string): Date => DateTime.fromISO(iso, { zone }).toJSDate();
const HOURS: Record<number, Array<{ from: string; to: string }>> = {
  1: [{ from: '09:00', to: '17:00' }],
  2: [{ from: '09:00', to: '17:00' }],
  3: [{ from: '09:00', to: '17:00' }],
  4: [{ from: '09:00', to: '17:00' }],
  5: [{ from: '09:00', to: '17:00' }],
  6: [{ from: '08:00', to: '13:00' }],
  7: [],
};
const ctx = (iso: string): WhenContext & { region: string } => ({
  timeZone: zone,
  now: at(iso),
  openingOn: (d) => HOURS[DateTime.fromISO(d, { zone }).weekday] ?? [],
  region: 'AU',
});
const OPEN = '2026-12-01T10:00:00';
const CLOSED = '2026-12-01T19:30:00';

describe('readWhen', () => {
  it.each([
    ['dec 18', OPEN, { date: '2026-12-18' }],
    ['jan 10', OPEN, { date: '2027-01-10' }],
    ['saturday the 12th', OPEN, { date: '2026-12-12' }],
    ['the 10th', OPEN, { date: '2026-12-10' }],
    ['saturday week', OPEN, { date: '2026-12-12' }],
    ['tomorrow afternoon', OPEN, { kind: 'window', date: '2026-12-02', from: '12:00', to: '17:00' }],
    ['tomorrow arvo', CLOSED, { kind: 'window', date: '2026-12-02', from: '12:00', to: '17:00' }],
    ['thursday after lunch', OPEN, { kind: 'window', date: '2026-12-03', from: '13:00', to: '17:00' }],
    ['half past 2 tomorrow', OPEN, { kind: 'time', date: '2026-12-02', from: '14:30' }],
    ['wed 11ish', OPEN, { kind: 'time', date: '2026-12-02', from: '11:00' }],
    ['saturday 9', OPEN, { kind: 'time', date: '2026-12-05', from: '09:00' }],
    ['at 3', CLOSED, { kind: 'time', date: '2026-12-02', from: '15:00' }],
    ['10am', CLOSED, { kind: 'time', date: '2026-12-02', from: '10:00' }],
    ['sat morning', OPEN, { kind: 'window', date: '2026-12-05', from: '08:00', to: '12:00' }],
    ['between 2 and 4:30pm tomorrow', OPEN, { kind: 'window', date: '2026-12-02', from: '14:00', to: '16:30' }],
    ['asap', CLOSED, { kind: 'asap' }],
    ['whenever', OPEN, { kind: 'asap' }],
  ])('when "%s" at %s, then %j', (text, now, expected) => {
    expect(readWhen(text, ctx(now))).toMatchObject(expected);
  });

  it.each([
    // Month and day by rule: the next such date; a year said anywhere counts; Feb 29 is the next leap day.
    ['december 27th at 12:30', OPEN, { kind: 'time', date: '2026-12-27', from: '12:30' }],
    ['Feb 29', OPEN, { date: '2028-02-29' }],
    ['Aug 10 - Nov 12, 2027', OPEN, { date: '2027-08-10' }],
    ['friday dec 18 at 3pm', OPEN, { kind: 'time', date: '2026-12-18', from: '15:00' }],
    // A weekday with a day of the month is the next date that is both.
    ['friday the 18th', OPEN, { date: '2026-12-18' }],
    ['Tuesday, next week', OPEN, { date: '2026-12-08' }],
    ['the first friday of next month', OPEN, { date: '2027-01-01' }],
    // Named days.
    ['christmas eve', OPEN, { date: '2026-12-24' }],
    ["mother's day", OPEN, { date: '2027-05-09' }],
    ['easter sunday', OPEN, { date: '2027-03-28' }],
    ['good friday 2027', OPEN, { date: '2027-03-26' }],
    // Times: one am/pm said wins; an hour-and-minute in words; a length makes a window.
    ['tonight at 1am', '2026-12-01T00:00:00', { kind: 'time', date: '2026-12-01', from: '01:00' }],
    ['five-thirty tomorrow evening', OPEN, { kind: 'time', date: '2026-12-02', from: '17:30' }],
    ['tomorrow from 2pm for 2 hours', OPEN, { kind: 'window', date: '2026-12-02', from: '14:00', to: '16:00' }],
    ['thursday 2-3', OPEN, { kind: 'window', date: '2026-12-03', from: '14:00', to: '15:00' }],
    ['end of day', OPEN, { kind: 'time', date: '2026-12-01', from: '23:59' }],
  ])('when "%s" at %s, then %j (own rules)', (text, now, expected) => {
    expect(readWhen(text, ctx(now))).toMatchObject(expected);
  });

  it('when a number sits inside another word or number, then it is no time', () => {
    expect(readWhen('134 this afternoon', ctx(OPEN))).not.toMatchObject({ from: '16:00' });
    expect(readWhen('where is the money', ctx(OPEN))).toBeUndefined();
    // A named day before a noun names a kind of thing, not a date.
    expect(readWhen('I want an easter cake', ctx(OPEN))).toBeUndefined();
  });

  it('when only a span is named ("next week", "sometime next month"), then no day is made up; a count of weeks is a day', () => {
    for (const text of ['next week', 'for next week', 'sometime next month', 'this week'])
      expect(readWhen(text, ctx(OPEN))).toBeUndefined();
    expect(readWhen('in two weeks', ctx(OPEN))).toMatchObject({ kind: 'day', date: '2026-12-15' });
    expect(readWhen('next week on tuesday', ctx(OPEN))?.date).toBe('2026-12-08');
  });

  it('when "call me" is followed by when, not who ("call me next week"), then no name is read', () => {
    expect(readName('call me next week')).toBeUndefined();
    expect(readName('call me right away')).toBeUndefined();
    expect(readName('call me Dana')).toBe('Dana');
  });

  it('when a date is in the past without a year, then it is next year; with the year, it stays', () => {
    expect(readWhen('nov 30', ctx(OPEN))?.date).toBe('2027-11-30');
    expect(readWhen('dec 1 2025', ctx(OPEN))?.date).toBe('2025-12-01');
  });

  it('when nothing names a time, then nothing is read; an unresolvable date does not throw', () => {
    expect(readWhen('just browsing for now', ctx(OPEN))).toBeUndefined();
    expect(readWhen('a chocolate one please', ctx(OPEN))).toBeUndefined();
    expect(() => readWhen('Feb 29', ctx('2017-03-22T00:00:00'))).not.toThrow();
  });
});

describe('readYesNo', () => {
  it.each([
    ['yes, I agree', true],
    ['I agree', true],
    ['y', true],
    ['sure thing', true],
    ['👍', true],
    ['go for it', true],
    ['nah', false],
    ['not now', false],
    ['👎', false],
    ['yeah nah', false],
    ["no, don't store my details", false],
    ['what is this for', undefined],
    ['maybe', undefined],
  ])('when "%s", then %s', (text, expected) => {
    expect(readYesNo(text)).toBe(expected);
  });
});

describe('readChoice', () => {
  const slots = [
    { label: 'Wednesday 9:00', time: '09:00' },
    { label: 'Wednesday 9:30', time: '09:30' },
    { label: 'Wednesday 10:00', time: '10:00' },
  ];
  it.each([
    ['the second one', 1],
    ['9:30', 1],
    ['half nine', 1],
    ['the last one', 2],
    ['none of those', undefined],
  ])('when "%s" among three times, then %s', (text, expected) => {
    expect(readChoice(text, slots, ctx(OPEN))).toBe(expected);
  });
  it.each([
    ["i'll come and get it", 0],
    ['pikcup', 0],
    ["don't deliver, i'll pick it up", 0],
    ['can you deliver', 1],
    ['how much is delivery', undefined],
  ])('when "%s" for pickup or delivery, then %s', (text, expected) => {
    expect(readChoice(text, FULFILMENT_CHOICES)).toBe(expected);
  });
});

describe('names, phones, corrections and several slots', () => {
  it('reads a plain name only when a name was asked for', () => {
    expect(readName('lucy', { expecting: true })).toBe('Lucy');
    expect(readName('lucy')).toBeUndefined();
    expect(readName('pick up', { expecting: true })).toBeUndefined();
    expect(readName("Siobhan O'Brien", { expecting: true })).toBe("Siobhan O'Brien");
  });

  it('at a name prompt on the phone, the fillers of speech before a name are not part of it', () => {
    for (const said of ['uh Dave', 'um, Dave', 'yeah Dave', 'uh hi Dave'])
      expect(readName(said, { expecting: true })).toBe('Dave');
    expect(readName('uh', { expecting: true })).toBeUndefined();
  });

  it('at a name prompt, reads names made of common words, but not answers that are something else', () => {
    for (const name of ['Nguyen Van An', 'Will Smith', 'Hope Summers', 'Grace', 'Bill Baker', 'My Le'])
      expect(readName(name, { expecting: true })).toBe(name);
    expect(readName('mark price', { expecting: true })).toBe('Mark Price');
    for (const other of ['idk', 'sounds good', 'start over', 'not sure', "doesn't matter", 'I Want A Large One'])
      expect(readName(other, { expecting: true })).toBeUndefined();
    // Out of a prompt, only an introduction is a name.
    expect(readName('Nguyen Van An')).toBeUndefined();
    expect(readName("I'm Grace")).toBe('Grace');
  });

  it('reads AU numbers without the leading 0, with 00 and in words', () => {
    expect(readPhone('412 987 654', 'AU').phone?.e164).toBe('+61412987654');
    expect(readPhone('0044 20 7946 0958', 'AU').phone?.e164).toBe('+442079460958');
    expect(readPhone('oh four one two three four five six seven eight', 'AU').phone?.e164).toBe('+61412345678');
    expect(readPhone('0412 345', 'AU').invalidPhone).toBeDefined();
  });

  it('reads the slot a correction changes and its new value', () => {
    const all = ['name', 'phone', 'time', 'date', 'quantity', 'fulfilment'] as const;
    expect(readCorrection('actually make it 4pm', all, ctx(OPEN))).toMatchObject({ slot: 'time', when: { from: '16:00' } });
    expect(readCorrection('change the name to Sam', all, ctx(OPEN))).toMatchObject({ slot: 'name', name: 'Sam' });
    expect(readCorrection('make it 3 dozen', all, ctx(OPEN))).toMatchObject({ slot: 'quantity', quantity: 36 });
  });

  it('fills every contact slot one message names', () => {
    expect(readSeveral('callback please, Lucy, 412 987 654, wednesday 2pm', ctx(OPEN))).toMatchObject({
      name: 'Lucy',
      phone: '+61412987654',
      when: { date: '2026-12-02', from: '14:00' },
    });
    expect(readSeveral('Noah Brown, 0444 666 777', ctx(OPEN))).toMatchObject({ name: 'Noah Brown', phone: '+61444666777' });
  });
});
