/**
 * Reads a date, a time or a time window the way customers write them, in the business's time zone.
 *
 * Microsoft Recognizers-Text (the DateTimeV2 model that botbuilder's prompts use) does the parsing;
 * its resolutions list every reading (last and next Friday, 3 am and 3 pm), and the rules below pick
 * one. Small own rules cover what it does not know ("arvo", "the 10th", "saturday week", "after lunch",
 * "11ish", "half two", D/M dates, "2.30pm"), and chrono-node is the last resort. The rules:
 * - a date is never in the past unless the customer says a year;
 * - a day of the month alone is the next such day; a weekday is the next such day;
 * - a part of the day is a window (clipped to the opening hours when it overlaps them);
 * - an hour without am/pm takes the reading inside opening hours;
 * - "asap", "whenever", "any time", "next available" mean as soon as possible.
 */
import { DateTime } from 'luxon';
import { chronoWhen } from './readWhenChrono.js';
import { prepareWhenText, type ClockTime, type Prepared } from './readWhenRules.js';
import { mayNameWhen } from './whenCue.js';
import { recognizeWhen, type Candidate } from './readWhenRecognizer.js';
import { hhmm, partWindow, type Part } from './whenParts.js';

type OpeningOn = (isoDate: string) => Array<{ from: string; to: string }>;

export interface WhenContext {
  timeZone: string;
  now: Date;
  /** Opening intervals on a local date (HH:MM); the default is 09:00–17:00 every day. */
  openingOn?: OpeningOn;
  /** "3/1" is 3 January (true, the default) or March 1 (false, as in the US). */
  dayFirst?: boolean;
  /** ISO 3166 region, for days that differ by country (father's day); by default from dayFirst. */
  region?: string;
}

export interface WhenReading {
  /** asap; a whole day; a time; or a window with from and to. */
  kind: 'asap' | 'day' | 'time' | 'window';
  /** YYYY-MM-DD in the business zone (absent for asap). */
  date?: string;
  /** HH:MM wall-clock; for 'day' the opening hours of that day, when it has any. */
  from?: string;
  to?: string;
  /** What was read, for echoing back. */
  text: string;
  /** Whether the customer named the day (false for "10am", whose day is today or tomorrow by rule). */
  dateSaid?: boolean;
}

const DEFAULT_OPENING: OpeningOn = () => [{ from: '09:00', to: '17:00' }];

const ASAP =
  /\b(?:as soon as (?:possible|you can|poss)|asap|a\.s\.a\.p|right away|straight away|immediately|urgently|soonest|(?:next|first|earliest) (?:available|free|possible|slot|time|you can)|earliest (?:time )?(?:possible|you can)|whenever|any ?time|(?<!(?:for|until|till|by|from|know|just)\s)(?:right )?now)\b/i;

export function readWhen(text: string, ctx: WhenContext): WhenReading | undefined {
  return mayNameWhen(text) ? readWhenFully(text, ctx) : undefined;
}

/** readWhen without its pre-check (for the check that the pre-check turns nothing readable away). */
export function readWhenFully(text: string, ctx: WhenContext): WhenReading | undefined {
  const openingOn = ctx.openingOn ?? DEFAULT_OPENING;
  const now = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone });
  const prepared = prepareWhenText(text, now, ctx.dayFirst ?? true, ctx.region);
  const read = resolve(prepared, now, openingOn, ctx.dayFirst ?? true);
  if (read) read.text = inOriginal(text, read.text);
  // "from 2pm for 2 hours": a time and a length is a window.
  if (read?.kind === 'time' && prepared.minutes) {
    const end = Number(read.from!.slice(0, 2)) * 60 + Number(read.from!.slice(3, 5)) + prepared.minutes;
    if (end < 24 * 60) Object.assign(read, { kind: 'window', to: hhmm(Math.floor(end / 60), end % 60) });
  }
  const asap = ASAP.exec(text);
  if (asap && (!read || /^(?:right )?now$|asap|soon|away|immediately|urgent|available|earliest/i.test(asap[0]))) {
    return { kind: 'asap', text: asap[0] };
  }
  return read;
}

/** The customer's own words for what was read, when they can be found ("Saturday", not "saturday"). */
function inOriginal(original: string, read: string): string {
  const parts = read.split(/\s+/).filter(Boolean);
  if (!parts.length) return read;
  const lower = original.toLowerCase();
  const first = lower.indexOf(parts[0]!.toLowerCase());
  const lastPart = parts.at(-1)!.toLowerCase();
  const last = lower.lastIndexOf(lastPart);
  if (first < 0 || last < first) return read;
  return original.slice(first, last + lastPart.length);
}

function resolve(p: Prepared, now: DateTime, openingOn: OpeningOn, dayFirst: boolean): WhenReading | undefined {
  const found = recognizeWhen(p.text, now);
  let date = p.date;
  let from: string | undefined;
  let to: string | undefined;
  let text = p.matched.join(' ');
  // Parts of the day and the rules' own windows are clipped to opening hours; a range said is kept.
  let clip = false;

  const years = [...p.original.matchAll(/\b(?:19|20)\d\d\b/g)].map((m) => m[0]);
  // A past date only when its year is said; with a year said, the reading in that year.
  const candidates = found.candidates.filter((c) =>
    !c.date ? true : years.length ? years.includes(c.date.slice(0, 4)) : c.date >= now.toISODate()!,
  );
  if (!date && candidates.some((c) => c.date))
    date = pick(
      candidates.filter((c) => c.date),
      now,
      openingOn,
    )?.date;
  // With a day the own rules read ("friday the 18th at 3pm"), the recognizer's time stands whatever day
  // it put with it (it saw only "friday at 3pm").
  const timed = p.date
    ? found.candidates.filter((c) => c.from).map((c) => ({ ...c, date: p.date }))
    : candidates.filter((c) => c.from && (!date || !c.date || c.date === date));
  if (timed.length) {
    const chosen = pick(
      timed.map((c) => ({ ...c, date: c.date ?? date })),
      now,
      openingOn,
    )!;
    from = chosen.from;
    to = chosen.to;
    date = chosen.date ?? date;
    if (chosen.part) {
      ({ from, to } = inPart(chosen.part, found.times, p));
      clip = Boolean(to);
    }
  }
  if (p.range) {
    const part = found.candidates.find((c) => c.part)?.part;
    const pairs = rangeReadings(p.range).filter((r) => !part || PART_HOURS[part](r.from));
    const chosen = pairs.length
      ? pick(
          pairs.map((r) => ({ ...r, date })),
          now,
          openingOn,
        )
      : undefined;
    if (chosen) ({ from, to } = chosen);
    if (chosen?.date) date = chosen.date;
  }
  if (found.text) text = [text, found.text].filter(Boolean).join(' ');
  if (!from && p.fixedTime) from = p.fixedTime;
  // The one time said with am/pm wins over a reading of the same hour on the other half of the day.
  if (from && !to && p.explicitTime && from !== p.explicitTime && sameClockHour(from, p.explicitTime)) from = p.explicitTime;
  if (!from && p.bareHour !== undefined) {
    const options = [p.bareHour, p.bareHour + 12].filter((h) => h < 24).map((h) => ({ date, from: hhmm(h, p.bareMinute ?? 0) }));
    const chosen = pick(options, now, openingOn)!;
    ({ from, date } = chosen);
    to = undefined;
  }
  if (p.window && (p.windowUsesTime || !from)) {
    const first = date ? openingOn(date)[0] : undefined;
    const w = p.window(first?.from ?? '09:00', lastClose(openingOn, date) ?? '17:00', from);
    from = w.from;
    to = w.to;
    clip = true;
  }
  if (!date && !from) {
    // "next week", "sometime next month" name a span, not a day: no day is made up for them.
    if (SPAN_ONLY.test(p.original)) return undefined;
    const fallback = chronoWhen(p.original, now, dayFirst);
    if (!fallback) return undefined;
    return { ...finish(fallback.date, fallback.from, undefined, fallback.text, now, openingOn), dateSaid: true };
  }
  const dateSaid = Boolean(p.date) || candidates.some((c) => c.date);
  return { ...finish(date, from, to, text || p.original, now, openingOn, clip), dateSaid };
}

const SPAN_ONLY = /\b(?:this|next|coming|following|later this|early next|late next)\s+(?:week|month|year)\b/i;

const sameClockHour = (a: string, b: string): boolean =>
  a.slice(3) === b.slice(3) && Number(a.slice(0, 2)) % 12 === Number(b.slice(0, 2)) % 12;

/** The end that tells whether a time or window is still ahead: its end, unless it runs past midnight. */
const endOf = (from: string, to?: string): string => (to && to > from ? to : from);

/** Every am/pm reading of a range that runs forward and respects what was said ("2 and 4:30pm"). */
function rangeReadings(range: { from: ClockTime; to: ClockTime }): Array<{ from: string; to: string }> {
  const hours = (t: ClockTime): number[] => {
    if (t.meridiem === 'pm') return [t.h < 12 ? t.h + 12 : 12];
    if (t.meridiem === 'am') return [t.h === 12 ? 0 : t.h];
    return t.h > 12 || t.h === 0 ? [t.h] : [t.h, (t.h + 12) % 24];
  };
  const out: Array<{ from: string; to: string }> = [];
  // Twelve hours at most picks between am/pm readings; ends said plainly ("1am to 5pm") stand.
  const plain = hours(range.from).length === 1 && hours(range.to).length === 1;
  for (const a of hours(range.from)) {
    for (const b of hours(range.to)) {
      const from = hhmm(a, range.from.m);
      const to = hhmm(b, range.to.m);
      if (to > from && (plain || b - a <= 12)) out.push({ from, to });
    }
  }
  return out;
}

/** Adds the date a time needs (today if still ahead, else tomorrow) and clips windows to opening hours. */
function finish(
  date: string | undefined,
  from: string | undefined,
  to: string | undefined,
  text: string,
  now: DateTime,
  openingOn: OpeningOn,
  clip = false,
): WhenReading {
  if (!date) date = from && endOf(from, to) > now.toFormat('HH:mm') ? now.toISODate()! : now.plus({ days: 1 }).toISODate()!;
  if (!from) {
    const hours = openingOn(date);
    return hours.length
      ? { kind: 'day', date, from: hours[0]!.from, to: lastClose(openingOn, date), text }
      : { kind: 'day', date, text };
  }
  if (!to) return { kind: 'time', date, from, text };
  const hours = openingOn(date);
  const open = hours[0]?.from;
  const close = lastClose(openingOn, date);
  if (clip && open && close && from < close && to > open) {
    if (from < open) from = open;
    if (to > close) to = close;
  }
  return { kind: 'window', date, from, to, text };
}

function lastClose(openingOn: OpeningOn, date: string | undefined): string | undefined {
  return date ? openingOn(date).at(-1)?.to : undefined;
}

/** The first candidate inside opening hours and not past; else the first not past; else the first. */
function pick<T extends { date?: string; from?: string; to?: string }>(
  cands: T[],
  now: DateTime,
  openingOn: OpeningOn,
): T | undefined {
  const today = now.toISODate()!;
  const nowTime = now.toFormat('HH:mm');
  const dated = cands.map((c) => {
    if (c.date || !c.from) return c;
    return { ...c, date: endOf(c.from, c.to) > nowTime ? today : now.plus({ days: 1 }).toISODate()! };
  });
  const future = dated.filter(
    (c) => !c.date || c.date > today || (c.date === today && (!c.from || endOf(c.from, c.to) > nowTime)),
  );
  const pool = future.length ? future : dated;
  const inside = pool.filter((c) => c.date && c.from && openingOn(c.date).some((h) => h.from <= c.from! && c.from! < h.to));
  // Neither reading inside opening hours ("3:30" on a closed day): the daytime one.
  const daytime = pool.filter((c) => !c.from || (c.from >= '07:00' && c.from < '21:00'));
  const best = inside[0] ?? daytime[0] ?? pool[0];
  if (!best) return undefined;
  const original = cands[dated.indexOf(best)]!;
  return { ...original, date: original.date ?? (best.from ? best.date : undefined) };
}

/** Hours that can belong to a part of the day ("tonight at 1am", "in the afternoon at 7"). */
const PART_HOURS: Record<Part, (t: string) => boolean> = {
  morning: (t) => t < '12:00',
  afternoon: (t) => t >= '12:00' && t < '20:00',
  evening: (t) => t >= '16:00',
  night: (t) => t >= '17:00' || t < '05:00',
};

/** A part of the day with a clock time said beside it is that time; without one, the part's window. */
function inPart(part: Part, times: Candidate[], p: Prepared): { from: string; to?: string } {
  const range = times.find((t) => t.to && !t.part && PART_HOURS[part](t.from!));
  if (range) {
    const to =
      range.to! < range.from! ? hhmm((Number(range.to!.slice(0, 2)) + 12) % 24, Number(range.to!.slice(3, 5))) : range.to!;
    return { from: range.from!, to };
  }
  const said = [
    ...times.filter((t) => !t.to).map((t) => t.from!),
    ...(p.fixedTime ? [p.fixedTime] : []),
    ...(p.bareHour !== undefined ? [hhmm(p.bareHour, p.bareMinute), hhmm(p.bareHour + 12, p.bareMinute)] : []),
  ];
  const time = said.find((t) => PART_HOURS[part](t));
  return time ? { from: time } : partWindow(part);
}
