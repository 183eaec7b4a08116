/**
 * Reads a date, time or time range with chrono-node in the business's time zone.
 *
 * chrono only takes a fixed offset, so we parse with the offset in force at `now` and then re-read
 * the wall-clock result in the IANA zone with luxon (correct across a DST change). Business
 * conventions on top of chrono:
 * - "asap", "as soon as possible", "right away", "now" → asap: true, start = now.
 * - an hour from 1 to 7 without am/pm ("at 3") is read as afternoon, the earliest such time ahead.
 * - "between 2 and 4pm" is read like "2-4pm"; "tomorrow between 2pm and 4pm" joins the pieces.
 * - "arvo" (Australian for afternoon) means 15:00.
 * When hasTime is false, start carries chrono's implied time of day (noon for a bare date).
 */
import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import type { Entities } from './types.js';

type When = NonNullable<Entities['when']>;

const ASAP =
  /\b(?:as soon as (?:possible|you can)|asap|a\.s\.a\.p|right away|straight away|immediately|urgently|(?<!(?:for|until|till|by|from|know|just)\s)(?:right )?now)\b/i;
const BETWEEN = /\bbetween\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)\s+and\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)/gi;

/** Words without which chrono finds no date or time (a cheap filter before the parser). */
const MAY_NAME_TIME =
  /\d|\b(?:today|tonight|tomorrow|tmrw|tmr|yesterday|morning|afternoon|arvo|evening|night|noon|midday|midnight|week|weekend|fortnight|month|year|next|this|last|coming|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|christmas|xmas|easter|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|quarter|o'?clock|hour|hours|minute|minutes|day|days|later|soon|ago|after|before|until|till|by)\b/i;

export interface WhenMatch {
  when?: When;
  span?: [number, number];
}

/** `spanOnly`: only where the time is said (the entity reader masks it); `when` is left out. */
export function extractWhen(text: string, timeZone: string, now: Date, locale?: string, { spanOnly = false } = {}): WhenMatch {
  // Built only when needed: most messages name no time, and a zoned DateTime costs a time-zone lookup.
  const zoned = (): DateTime => DateTime.fromJSDate(now, { zone: timeZone });
  const asap = ASAP.exec(text);
  if (asap) {
    const span: [number, number] = [asap.index, asap.index + asap[0].length];
    return spanOnly ? { span } : { when: { start: iso(zoned()), text: asap[0], asap: true, hasTime: true }, span };
  }
  // Most messages name no time at all; only those with a digit or a time word go to chrono.
  if (!MAY_NAME_TIME.test(text)) return arvoOnly(text, zoned, spanOnly);
  const zoneNow = zoned();
  // Same length as text, so spans found in it are spans of the original.
  const rewritten: Array<[number, number]> = [];
  const prepared = text.replace(BETWEEN, (all: string, a: string, b: string, at: number) => {
    rewritten.push([at, at + all.length]);
    return `${a}-${b}`.padStart(all.length, ' ');
  });
  const parser = locale?.toLowerCase() === 'en-us' ? chrono.en.casual : chrono.en.GB;
  const results = parser.parse(prepared, { instant: now, timezone: zoneNow.offset }, { forwardDate: true });
  // A lone "now" ("just browsing for now") is not a time; real asap phrasings were handled above.
  const first = results.find((r) => !/^(?:right\s+)?now$/i.test(r.text.trim()));
  if (!first) return arvoOnly(text, () => zoneNow, spanOnly);

  if (spanOnly) return { span: spanOf(first, results, rewritten) };
  let start = toZone(first.start.date(), zoneNow.offset, timeZone);
  let end = first.end ? toZone(first.end.date(), zoneNow.offset, timeZone) : undefined;
  let hasTime = first.start.isCertain('hour');
  let spanStart = first.index;
  let spanEnd = first.index + first.text.length;
  const dayCertain = first.start.isCertain('day') || first.start.isCertain('weekday');

  // "tomorrow between 2pm and 4pm": chrono returns the day and the times separately.
  const timeOnly = results.slice(1).filter((r) => r.start.isCertain('hour') && !r.start.isCertain('day'));
  if (!hasTime && timeOnly[0]) {
    const t = toZone(timeOnly[0].start.date(), zoneNow.offset, timeZone);
    start = start.set({ hour: t.hour, minute: t.minute, second: 0 });
    hasTime = true;
    const last = timeOnly[1] ?? timeOnly[0];
    spanEnd = last.index + last.text.length;
    if (timeOnly[1]) {
      const e = toZone(timeOnly[1].start.date(), zoneNow.offset, timeZone);
      end = start.set({ hour: e.hour, minute: e.minute });
    }
  }

  if (hasTime && !first.start.isCertain('meridiem') && start.hour >= 1 && start.hour <= 7) {
    start = start.plus({ hours: 12 });
    end = end && end.hour < 12 ? end.plus({ hours: 12 }) : end;
    if (!dayCertain && start.minus({ days: 1 }) > zoneNow) {
      start = start.minus({ days: 1 });
      end = end?.minus({ days: 1 });
    }
  }
  if (!hasTime && /\barvo\b/i.test(text)) start = start.set({ hour: 15, minute: 0 });
  for (const [from, to] of rewritten) {
    if (spanStart < to && spanEnd > from) spanStart = Math.min(spanStart, from);
  }

  const when: When = { start: iso(start), text: text.slice(spanStart, spanEnd).trim(), asap: false, hasTime };
  if (end && end > start) when.end = iso(end);
  return { when, span: [spanStart, spanEnd] };
}

/** The span extractWhen gives for chrono's first reading: with the time read apart, up to that time. */
function spanOf(
  first: chrono.ParsedResult,
  results: chrono.ParsedResult[],
  rewritten: Array<[number, number]>,
): [number, number] {
  let spanStart = first.index;
  let spanEnd = first.index + first.text.length;
  if (!first.start.isCertain('hour')) {
    const timeOnly = results.slice(1).filter((r) => r.start.isCertain('hour') && !r.start.isCertain('day'));
    const last = timeOnly[1] ?? timeOnly[0];
    if (last) spanEnd = last.index + last.text.length;
  }
  for (const [from, to] of rewritten) {
    if (spanStart < to && spanEnd > from) spanStart = Math.min(spanStart, from);
  }
  return [spanStart, spanEnd];
}

function arvoOnly(text: string, zoneNow: () => DateTime, spanOnly = false): WhenMatch {
  const m = /\b(?:this\s+)?arvo\b/i.exec(text);
  if (!m) return {};
  if (spanOnly) return { span: [m.index, m.index + m[0].length] };
  const start = zoneNow().set({ hour: 15, minute: 0, second: 0, millisecond: 0 });
  return { when: { start: iso(start), text: m[0], asap: false, hasTime: false }, span: [m.index, m.index + m[0].length] };
}

/** Re-reads chrono's instant (computed at a fixed offset) as wall-clock time in the IANA zone. */
function toZone(date: Date, offset: number, timeZone: string): DateTime {
  const wall = DateTime.fromJSDate(date).setZone(FixedOffsetZone.instance(offset));
  return DateTime.fromObject(
    { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute, second: wall.second },
    { zone: timeZone },
  );
}

function iso(d: DateTime): string {
  return d.set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) ?? d.toString();
}
