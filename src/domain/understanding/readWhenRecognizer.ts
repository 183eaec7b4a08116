/**
 * Microsoft Recognizers-Text's DateTimeV2 model, resolved to plain candidates. Every reading it lists
 * (past and future, am and pm) becomes a candidate; readWhen picks one by the business's rules.
 * Recognizers-Text reads a reference time from a JS Date's local fields, so `now` is passed as its
 * wall-clock time in the business zone, and the values it returns are wall-clock strings.
 */
import { Culture, DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';

/**
 * The model, built once: `recognizeDateTime` builds a new recognizer — every regular expression of
 * the culture — on each call, which cost more than the rest of a turn together.
 */
let model: ReturnType<DateTimeRecognizer['getDateTimeModel']> | undefined;
const dateTimeModel = (): NonNullable<typeof model> => (model ??= new DateTimeRecognizer(Culture.English).getDateTimeModel());
type ModelResult = ReturnType<NonNullable<typeof model>['parse']>[number];
import type { DateTime } from 'luxon';
import type { Part } from './whenParts.js';

export interface Candidate {
  date?: string;
  from?: string;
  to?: string;
  part?: Part;
}

interface Value {
  timex?: string;
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

const PARTS: Record<string, Part> = { MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night' };

export function recognizeWhen(text: string, now: DateTime): { candidates: Candidate[]; times: Candidate[]; text: string } {
  if (!text.trim()) return { candidates: [], times: [], text: '' };
  const ref = new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
  let results: ModelResult[];
  try {
    results = dateTimeModel().parse(text, ref);
  } catch {
    return { candidates: [], times: [], text: '' };
  }
  const full: Candidate[] = [];
  const dates: Candidate[] = [];
  const times: Candidate[] = [];
  const texts: string[] = [];
  for (const r of results) {
    const values = ((r.resolution as { values?: Value[] } | undefined)?.values ?? []).flatMap((v) => toCandidate(v));
    if (!values.length) continue;
    texts.push(r.text);
    for (const c of values) (c.date && c.from ? full : c.date ? dates : times).push(c);
  }
  let candidates: Candidate[] = full;
  if (!candidates.length && dates.length && times.length) {
    candidates = dates.flatMap((d) => times.map((t) => ({ ...t, date: d.date })));
  } else if (!candidates.length) {
    candidates = [...dates, ...times];
  }
  return { candidates, times, text: texts.join(' ') };
}

const DATE = /^\d{4}-\d\d-\d\d/;
const TIME = /^\d\d:\d\d/;

function toCandidate(v: Value): Candidate[] {
  const timex = v.timex ?? '';
  // "Feb 29" in a year without one resolves to "not resolved": no candidate, never a crash.
  for (const field of [v.value, v.start, v.end]) {
    if (field !== undefined && !DATE.test(field) && !TIME.test(field)) return [];
  }
  if (/PRESENT_REF|FUTURE_REF|PAST_REF/.test(timex)) return [];
  const part = PARTS[/T(MO|AF|EV|NI)\b/.exec(timex)?.[1] ?? ''];
  switch (v.type) {
    case 'date':
      return v.value ? [{ date: v.value }] : [];
    case 'time':
      return v.value ? [{ from: v.value.slice(0, 5) }] : [];
    case 'datetime':
      return v.value ? [{ date: v.value.slice(0, 10), from: v.value.slice(11, 16) }] : [];
    case 'timerange':
      return v.start && v.end ? [{ from: v.start.slice(0, 5), to: v.end.slice(0, 5), part }] : [];
    case 'datetimerange':
      if (!v.start || !v.end || v.start.slice(0, 10) !== v.end.slice(0, 10)) return [];
      return [{ date: v.start.slice(0, 10), from: v.start.slice(11, 16), to: v.end.slice(11, 16), part }];
    case 'daterange':
      // "this weekend" and "10 to 22 August" start on a day one can book; "next week" names none.
      return (/-WE$/.test(timex) || /^\(\d{4}|^\(XXXX-\d\d-\d\d/.test(timex)) && v.start ? [{ date: v.start }] : [];
    default:
      return [];
  }
}
