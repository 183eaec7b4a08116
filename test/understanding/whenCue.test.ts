/** The pre-check before Recognizers-Text: units alone do not name a time; counted or placed they do. */
import { describe, expect, it } from 'vitest';
import { extractWhen } from '../../src/domain/understanding/extractWhen.js';
import { readWhen } from '../../src/domain/understanding/readWhen.js';
import { mayNameWhen, mayRecognizeWhen } from '../../src/domain/understanding/whenCue.js';

const ctx = { timeZone: 'Australia/Sydney', now: new Date('2026-12-01T10:00:00+11:00') };

describe('the recognizer pre-check', () => {
  it.each(['what are your opening hours?', 'what days are you open?', 'are you open weekends?', 'can I order now?'])(
    'when the text is %j, then the recognizer is not asked (and nothing is read)',
    (text) => {
      expect(mayNameWhen(text)).toBe(true);
      expect(mayRecognizeWhen(text)).toBe(false);
      expect(readWhen(text, ctx)?.kind).not.toBe('day');
    },
  );

  it.each([
    ['this weekend', '2026-12-05'],
    ['in a week', '2026-12-08'],
    ['is my day free', '2026-12-01'],
    ['within the next few days', undefined],
  ])('when the text is %j, then the recognizer is asked and its reading kept', (text, date) => {
    expect(mayRecognizeWhen(text)).toBe(true);
    if (date) expect(readWhen(text, ctx)?.date).toBe(date);
  });
});

describe('a lone clock time', () => {
  it.each([
    ["call me on 3 December at 11am on 0412 345 678, I'm Dana", '2026-12-03', '11:00'],
    ['tomorrow at 12am', '2026-12-02', '00:00'],
    ['friday 12:30 pm', '2026-12-04', '12:30'],
    ['at 7 pm', '2026-12-01', '19:00'],
  ])('when the text is %j, then it is read as that time', (text, date, from) => {
    const read = readWhen(text, ctx);
    expect(read?.date).toBe(date);
    expect(read?.from).toBe(from);
  });

  it('when a word makes the time part of a window ("before 4pm"), then the window is read', () => {
    expect(readWhen('friday before 4pm', ctx)).toMatchObject({ kind: 'window', to: '16:00' });
  });
});

describe("extractWhen's span alone", () => {
  it.each(['tomorrow between 2pm and 4pm please', 'call me this arvo', 'asap thanks', 'friday at 3', 'no time here'])(
    'when the text is %j, then the span is the one the full reading gives, without the reading',
    (text) => {
      const full = extractWhen(text, ctx.timeZone, ctx.now, 'en-AU');
      const span = extractWhen(text, ctx.timeZone, ctx.now, 'en-AU', { spanOnly: true });
      expect(span.span).toEqual(full.span);
      expect(span.when).toBeUndefined();
    },
  );
});
