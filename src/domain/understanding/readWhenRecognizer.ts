/**
 * Microsoft Recognizers-Text's DateTimeV2 model, resolved to plain candidates. Every reading it lists
 * (past and future, am and pm) becomes a candidate; readWhen picks one by the business's rules.
 * Recognizers-Text reads a reference time from a JS Date's local fields, so `now` is passed as its
 * wall-clock time in the business zone, and the values it returns are wall-clock strings.
 */
import { Culture, DateTimeRecognizer } from '@microsoft/recognizers-text-date-time';

type Model = ReturnType<DateTimeRecognizer['getDateTimeModel']>;
type ModelResult = ReturnType<Model['parse']>[number];

// Built once: recognizeDateTime() builds a recognizer with every culture's models on each call.
let model: Model | undefined;
const dateTimeModel = (): Model =>
  (model ??= new DateTimeRecognizer(Culture.English, undefined, true).getDateTimeModel(Culture.English));

/** The last few readings: a turn reads the same message at more than one prompt or reader. */
const recent = new Map<string, ModelResult[]>();
const RECENT = 32;

function parse(text: string, ref: Date): ModelResult[] {
  const key = `${ref.getTime()}\u0000${text}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const results = dateTimeModel().parse(text, ref);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(key, results);
  return results;
}
import type { DateTime } from 'luxon';
import type { Part } from './whenParts.js';
import { mayRecognizeWhen } from './whenCue.js';

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

/** `precheck: false` asks the recognizer whatever the text (for the check that the pre-check loses nothing). */
export function recognizeWhen(
  text: string,
  now: DateTime,
  { precheck = true } = {},
): { candidates: Candidate[]; times: Candidate[]; text: string } {
  // What the own rules read is taken out of the text; with no date or time word left, nothing to ask.
  if (precheck && !mayRecognizeWhen(text)) return { candidates: [], times: [], text: '' };
  const lone = precheck ? loneClockTime(text) : undefined;
  if (lone) return lone;
  const ref = new Date(now.year, now.month - 1, now.day, now.hour, now.minute, now.second);
  let results: ModelResult[];
  try {
    results = parse(text, ref);
  } catch {
    return { candidates: [], times: [], text: '' };
  }
  const full: Candidate[] = [];
  const dates: Candidate[] = [];
  const times: Candidate[] = [];
  const texts: string[] = [];
  for (const r of results) {
    // "134 this afternoon" is not "4 this afternoon", nor "9:15" "15": a reading that starts inside a
    // word or number is dropped.
    const start = r.start + r.text.length - r.text.trimStart().length;
    if (/[\p{L}\p{N}]$|\d[:.]$/u.test(text.slice(0, start))) continue;
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

/** One clock time with am/pm ("at 11am", "7:30 pm"), said plainly: no "around", "until", "or later". */
const CLOCK_TIME = /(?<![\p{L}\p{N}:.$-])(\d{1,2})(?::([0-5]\d))?\s?(am|pm)(?![\p{L}\p{N}-])/giu;
/** Words that make a time part of something larger ("before 4pm", "from 11am", "11am or later"). */
const MODIFIERS =
  /\b(?:around|about|approx\w*|before|after|by|until|till|til|from|since|than|past|to|between|earliest|latest|circa|roughly|ca|onwards?|sharp|later|earlier|through|thru|ish|except|but|not|no)\b|[-–~/]/;

/**
 * The recognizer's reading of a text whose only date or time is one plain clock time with am/pm (what
 * is left of "call me on 3 December at 11am" once the own rules took the day), without the recognizer's
 * parse: a time candidate and the time's words. With anything else in the text the recognizer might
 * read, or a word anywhere that may change the time ("around", "before", "or later"), it is asked.
 * test/eval/understanding/precheck.ts checks that this is the recognizer's reading.
 */
function loneClockTime(text: string): ReturnType<typeof recognizeWhen> | undefined {
  const found = [...text.matchAll(CLOCK_TIME)];
  if (found.length !== 1) return undefined;
  const m = found[0]!;
  const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
  if (MODIFIERS.test(rest) || mayRecognizeWhen(rest)) return undefined;
  const h = Number(m[1]);
  if (h < 1 || h > 12 || (m[1]!.length > 1 && m[1]![0] === '0')) return undefined;
  const hour = (h % 12) + (m[3]!.toLowerCase() === 'pm' ? 12 : 0);
  const time: Candidate = { from: `${String(hour).padStart(2, '0')}:${m[2] ?? '00'}` };
  return { candidates: [time], times: [time], text: m[0] };
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
