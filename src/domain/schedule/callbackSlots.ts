/**
 * Which callback times the business can honour. A slot starts on or after now + callbackLeadMinutes,
 * inside an opening interval and at least {@link MIN_SLOT_MINUTES} before it closes, on a day that
 * is not a holiday, and no more than {@link BOOKING_HORIZON_DAYS} days ahead. Its window lasts
 * callbackWindowMinutes, clipped to closing time. When a request cannot be met, the answer says why
 * and offers up to three valid slots near what was asked.
 */
import { DateTime } from 'luxon';
import type { Business } from '../business.js';
import { isHoliday, localDateOf, localDatesFrom, openIntervalsOn, OPENING_SEARCH_DAYS } from './openingHours.js';

/** Offered slots start on the quarter hour (or exactly at opening time). */
const SLOT_STEP_MINUTES = 15;
/** A slot must start at least this long before closing; its window is clipped to closing time. */
const MIN_SLOT_MINUTES = 15;
/** Callbacks are booked at most this many days ahead. */
const BOOKING_HORIZON_DAYS = 90;
/** At most this many alternatives are offered. */
const MAX_ALTERNATIVES = 3;

export interface SlotOption {
  start: Date;
  end: Date;
}
interface CallbackSlot extends SlotOption {
  /** The customer asked for "as soon as possible" rather than a time. */
  asap: boolean;
}
/** A time as the customer gave it: an instant, or a day only (`hasTime: false`), or "asap". */
export type CallbackRequest = { start: Date; hasTime: boolean } | 'asap';
type CallbackRejection = 'past' | 'too_soon' | 'closed_day' | 'holiday' | 'outside_hours' | 'too_far';
export type CallbackTimeResult =
  { ok: true; slot: CallbackSlot } | { ok: false; reason: CallbackRejection; alternatives: SlotOption[] };

const MINUTE = 60_000;

/** The bounds every slot must respect, in epoch milliseconds. */
interface Limits {
  now: number;
  earliest: number;
  latest: number;
}
interface Candidate {
  start: number;
  end: number;
  /** The whole window fits before closing (not clipped). */
  fits: boolean;
}

/**
 * Checks a requested callback time against the business's rules. A day without a time gets the
 * first valid slot of that day. A rejection carries alternatives sorted by closeness to the request,
 * except `too_far`, which carries none (the nearest bookable day may be months from what was asked).
 */
export function validateCallbackTime(business: Business, requested: CallbackRequest, now: Date): CallbackTimeResult {
  const limits: Limits = {
    now: now.getTime(),
    earliest: now.getTime() + business.callbackLeadMinutes * MINUTE,
    latest: DateTime.fromJSDate(now, { zone: business.timeZone }).plus({ days: BOOKING_HORIZON_DAYS }).toMillis(),
  };
  if (requested === 'asap') return asap(business, limits);
  return requested.hasTime
    ? validateTime(business, requested.start, limits)
    : validateDay(business, localDateOf(business, requested.start), limits);
}

function asap(business: Business, limits: Limits): CallbackTimeResult {
  for (const isoDate of localDatesFrom(business, new Date(limits.earliest), OPENING_SEARCH_DAYS)) {
    const first = candidatesOn(business, isoDate, limits)[0];
    if (first) return { ok: true, slot: toSlot(first, true) };
  }
  return { ok: false, reason: 'closed_day', alternatives: [] };
}

function validateTime(business: Business, start: Date, limits: Limits): CallbackTimeResult {
  const at = start.getTime();
  const isoDate = localDateOf(business, start);
  const reject = (reason: CallbackRejection): CallbackTimeResult => ({
    ok: false,
    reason,
    alternatives: reason === 'too_far' ? [] : alternatives(business, at, limits),
  });
  if (at < limits.now) return reject('past');
  if (at > limits.latest) return reject('too_far');
  if (isHoliday(business, isoDate)) return reject('holiday');
  const intervals = openIntervalsOn(business, isoDate);
  if (intervals.length === 0) return reject('closed_day');
  const interval = intervals.find((i) => i.start.getTime() <= at && at <= i.end.getTime() - MIN_SLOT_MINUTES * MINUTE);
  if (!interval) return reject('outside_hours');
  if (at < limits.earliest) return reject('too_soon');
  const end = Math.min(at + business.callbackWindowMinutes * MINUTE, interval.end.getTime());
  return { ok: true, slot: { start: start, end: new Date(end), asap: false } };
}

function validateDay(business: Business, isoDate: string, limits: Limits): CallbackTimeResult {
  const dayStart = DateTime.fromISO(isoDate, { zone: business.timeZone }).toMillis();
  const today = localDateOf(business, new Date(limits.now));
  const reject = (reason: CallbackRejection): CallbackTimeResult => ({
    ok: false,
    reason,
    alternatives: reason === 'too_far' ? [] : alternatives(business, dayStart, limits),
  });
  if (isoDate < today) return reject('past');
  if (dayStart > limits.latest) return reject('too_far');
  if (isHoliday(business, isoDate)) return reject('holiday');
  const intervals = openIntervalsOn(business, isoDate);
  if (intervals.length === 0) return reject('closed_day');
  const first = candidatesOn(business, isoDate, limits)[0];
  if (first) return { ok: true, slot: toSlot(first, false) };
  if (isoDate !== today) return reject('too_far'); // the day straddles the horizon
  // Today, but nothing left: either the day's hours are over, or only the lead time is in the way.
  const lastStart = Math.max(...intervals.map((i) => i.end.getTime() - MIN_SLOT_MINUTES * MINUTE));
  return reject(lastStart < limits.now ? 'past' : 'too_soon');
}

/**
 * Up to {@link MAX_ALTERNATIVES} valid slots near `target`: on the same local day the nearest slot
 * on each side of it (or the two nearest, a window apart, on the only side there is), then the first slot of each
 * following open day; never an earlier day, so a closed Sunday leads to Monday, not Saturday.
 */
function alternatives(business: Business, target: number, limits: Limits): SlotOption[] {
  const isoDate = localDateOf(business, new Date(target));
  const sameDay = candidatesOn(business, isoDate, limits);
  const after = sameDay.filter((c) => c.start >= target);
  // Earlier on the same day, prefer slots whose whole window fits before closing.
  const before = sameDay.filter((c) => c.start < target).sort((a, b) => Number(b.fits) - Number(a.fits) || b.start - a.start);
  const window = business.callbackWindowMinutes * MINUTE;
  const picks = after[0] && before[0] ? [after[0], before[0]] : spaced(after.length > 0 ? after : before, window).slice(0, 2);

  const today = localDateOf(business, new Date(limits.now));
  // A request on a past day looks for following days from today.
  const nextDays = localDatesFrom(business, isoDate < today ? today : isoDate, OPENING_SEARCH_DAYS);
  let following = 0;
  for (const day of nextDays) {
    if (following === MAX_ALTERNATIVES) break;
    if (day <= isoDate) continue;
    if (DateTime.fromISO(day, { zone: business.timeZone }).toMillis() > limits.latest) break;
    const first = candidatesOn(business, day, limits)[0];
    if (first) {
      picks.push(first);
      following++;
    }
  }
  return picks
    .sort((a, b) => Math.abs(a.start - target) - Math.abs(b.start - target) || a.start - b.start)
    .slice(0, MAX_ALTERNATIVES)
    .map((c) => ({ start: new Date(c.start), end: new Date(c.end) }));
}

/**
 * Every valid slot start on a local date, earliest first: each opening time, then the quarter hours
 * after it up to {@link MIN_SLOT_MINUTES} before closing, kept if within the limits.
 */
function candidatesOn(business: Business, isoDate: string, limits: Limits): Candidate[] {
  const window = business.callbackWindowMinutes * MINUTE;
  const out: Candidate[] = [];
  for (const interval of openIntervalsOn(business, isoDate)) {
    const open = interval.start.getTime();
    const close = interval.end.getTime();
    const lastStart = close - MIN_SLOT_MINUTES * MINUTE;
    const openLocal = DateTime.fromJSDate(interval.start, { zone: business.timeZone });
    const toGrid = (SLOT_STEP_MINUTES - (openLocal.minute % SLOT_STEP_MINUTES)) % SLOT_STEP_MINUTES;
    // Stepping in absolute minutes keeps to the local quarter hours: offsets, and DST shifts, are
    // whole multiples of 15 minutes in every zone in use today.
    const starts = [open];
    for (let s = open + (toGrid || SLOT_STEP_MINUTES) * MINUTE; s <= lastStart; s += SLOT_STEP_MINUTES * MINUTE) {
      starts.push(s);
    }
    for (const start of starts) {
      if (start < limits.earliest || start > limits.latest || start > lastStart) continue;
      out.push({ start, end: Math.min(start + window, close), fits: start + window <= close });
    }
  }
  return out;
}

/** Keeps candidates at least a window apart, so two offers on one day never overlap. */
function spaced(candidates: Candidate[], window: number): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const last = kept[kept.length - 1];
    if (!last || Math.abs(c.start - last.start) >= window) kept.push(c);
  }
  return kept;
}

function toSlot(c: Candidate, asap: boolean): CallbackSlot {
  return { start: new Date(c.start), end: new Date(c.end), asap };
}
